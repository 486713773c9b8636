"""Writing an assessment: create a draft, then save it as often as needed."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from assessments.access import can_create_assessment, get_assessment_for_user
from assessments.forms import (
    AssessmentForm,
    ConsultationFormSet,
    DataItemFormSet,
    error_links,
)
from assessments.http import AuthenticatedHttpRequest
from assessments.models import Assessment
from assessments.sections import SECTIONS
from assessments.selectors import assessment_with_rows
from assessments.services import NotEditable, StaleEdit, assessment_save_draft


def assessment_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_create_assessment(request.user):
        raise PermissionDenied("Only analysts can start an assessment.")
    return _edit(request, Assessment())


def assessment_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(
        request.user, pk, write=True, queryset=assessment_with_rows(Assessment.objects.all())
    )
    return _edit(request, assessment)


def _edit(request: AuthenticatedHttpRequest, assessment: Assessment) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = AssessmentForm(data, instance=assessment)
    data_items = DataItemFormSet(data, instance=assessment, prefix="data_items")
    consultations = ConsultationFormSet(data, instance=assessment, prefix="consultations")
    conflict = None
    if data is not None and all(f.is_valid() for f in (form, data_items, consultations)):
        try:
            saved = assessment_save_draft(
                form=form, formsets=[data_items, consultations], actor=request.user
            )
        except (StaleEdit, NotEditable) as refused:
            conflict = refused
        else:
            when = timezone.localtime().strftime("%H:%M")
            messages.success(request, f"Draft {saved.reference} saved at {when}.")
            return redirect("assessment_edit", pk=saved.pk)
    status = 409 if conflict else 200
    return render(
        request,
        "assessments/form.html",
        {
            "assessment": assessment,
            "form": form,
            "data_items": data_items,
            "consultations": consultations,
            "sections": SECTIONS,
            "errors": error_links(
                form, [("Data item", data_items), ("Consultation", consultations)]
            )
            if data is not None
            else [],
            "conflict": conflict,
            "stale": isinstance(conflict, StaleEdit),
        },
        status=status,
    )
