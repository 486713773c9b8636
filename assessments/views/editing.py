"""Writing an assessment: create a draft, save it as often as needed, see its score as it goes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

import principles
from assessments.access import can_create_assessment, get_assessment_for_user
from assessments.answers import SectionAnswers
from assessments.findings import score_view
from assessments.forms import AssessmentForms, JustificationsForm, justifiable_rules
from assessments.http import AuthenticatedHttpRequest
from assessments.interchange import assessment_to_dict
from assessments.models import Assessment
from assessments.questionnaire import SECTIONS
from assessments.reviewing import CommentsByTarget, comments_by_target
from assessments.scoring import assessment_result
from assessments.selectors import assessment_comments, assessment_with_rows
from assessments.services import NotEditable, StaleEdit, assessment_save_draft


def _new_assessment(request: AuthenticatedHttpRequest) -> Assessment:
    if not can_create_assessment(request.user):
        raise PermissionDenied("Only analysts can start an assessment.")
    return Assessment(organisation=request.user.organisation, owner=request.user)


def _editable(request: AuthenticatedHttpRequest, pk: int) -> Assessment:
    return get_assessment_for_user(
        request.user, pk, write=True, queryset=assessment_with_rows(Assessment.objects.all())
    )


def assessment_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _edit(request, _new_assessment(request))


def assessment_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _edit(request, _editable(request, pk))


def _edit(request: AuthenticatedHttpRequest, assessment: Assessment) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    result = assessment_result(assessment)
    forms = AssessmentForms.bind(data, assessment, justifiable=justifiable_rules(result))
    conflict = None
    if data is not None and forms.is_valid():
        try:
            saved = assessment_save_draft(
                form=forms.form,
                formsets=[forms.data_items, forms.consultations],
                justifications=forms.justifications,
                actor=request.user,
            )
        except (StaleEdit, NotEditable) as refused:
            conflict = refused
        else:
            when = timezone.localtime().strftime("%H:%M")
            messages.success(request, f"Draft {saved.reference} saved at {when}.")
            return redirect("assessment_edit", pk=saved.pk)
    return render(
        request,
        "assessments/form.html",
        {
            "assessment": assessment,
            "forms": forms,
            "form": forms.form,
            "formsets": {"data_items": forms.data_items, "consultations": forms.consultations},
            "justifications": forms.justifications,
            "scores": score_view(result),
            # The questions, without answers: the form holds those.
            "sections": [SectionAnswers(section, [], []) for section in SECTIONS],
            # Reviewers' comments beside the answers they concern (read-only here).
            "comments": _comments(assessment),
            "errors": forms.error_links() if data is not None else [],
            "conflict": conflict,
            "stale": isinstance(conflict, StaleEdit),
        },
        status=409 if conflict else 200,
    )


def _comments(assessment: Assessment) -> CommentsByTarget | None:
    """Return reviewers' comments to show beside the answers, read-only while editing."""
    if assessment.pk is None:
        return None
    return comments_by_target(assessment_comments(assessment))


@require_POST
def assessment_preview_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _preview(request, _new_assessment(request))


@require_POST
def assessment_preview(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _preview(request, _editable(request, pk))


def _preview(request: AuthenticatedHttpRequest, assessment: Assessment) -> HttpResponse:
    """Score the answers as typed, unsaved, and return the scores panel.

    Scoring takes well under a millisecond, so the page can ask for this while someone types.
    Nothing is saved; answers that cannot be stored yet leave the panel as it was (204).
    """
    forms = AssessmentForms.bind(
        request.POST, assessment, justifiable=justifiable_rules(assessment_result(assessment))
    )
    if not forms.is_valid():
        return HttpResponse(status=204)
    assessment.justifications = forms.justifications.reasons()
    result = principles.score(assessment_to_dict(assessment, rows=forms.unsaved_rows()))
    justifications = JustificationsForm(
        request.POST,
        rule_ids=justifiable_rules(result),
        initial_reasons=assessment.justifications,
    )
    return render(
        request,
        "assessments/_scores.html",
        {
            "scores": score_view(result),
            "justifications": justifications,
            "field_link_base": "",
            "comments": _comments(assessment),
        },
    )
