"""Reading assessments: the organisation's list and one assessment's detail."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from assessments.access import can_create_assessment, can_edit_assessment, get_assessment_for_user
from assessments.answers import document_answers
from assessments.findings import score_view
from assessments.http import AuthenticatedHttpRequest
from assessments.interchange import assessment_to_dict
from assessments.models import Assessment, AuditEvent, SignOff, Status
from assessments.notice import purpose_statement
from assessments.reviewing import COMMENTER_ROLES, comments_by_target
from assessments.roles import Role
from assessments.scoring import assessment_result
from assessments.selectors import (
    DEFAULT_SORT,
    SORTS,
    assessment_comments,
    assessment_list,
    assessment_with_rows,
    organisation_people,
    page_of,
    record_state,
)
from assessments.workflow import transitions_for


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def assessment_index(request: AuthenticatedHttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in Status.values else ""
    owner_id = _int_or_none(request.GET.get("owner"))
    search = request.GET.get("q", "")[:200]
    sort = request.GET.get("sort", "")
    sort = sort if sort in SORTS else DEFAULT_SORT
    queryset = assessment_list(
        user=request.user, status=status, owner_id=owner_id, search=search, sort=sort
    )
    page = page_of(queryset, request.GET.get("page"))
    return render(
        request,
        "assessments/list.html",
        {
            "page": page,
            "statuses": Status.choices,
            "owners": organisation_people(user=request.user),
            "status": status,
            "owner_id": owner_id,
            "search": search,
            "sorts": [(value, label) for value, (label, _) in SORTS.items()],
            "sort": sort,
            "can_create": can_create_assessment(request.user),
        },
    )


def assessment_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(
        request.user, pk, queryset=assessment_with_rows(Assessment.objects.all())
    )
    return render_detail(request, assessment)


def _change_request(assessment: Assessment, audit_events: list[AuditEvent]) -> AuditEvent | None:
    """Return the request for changes the author is answering now, if that is where it stands."""
    if assessment.status != Status.CHANGES_REQUESTED:
        return None
    requests = [e for e in audit_events if e.to_status == Status.CHANGES_REQUESTED]
    return requests[-1] if requests else None


def render_detail(
    request: AuthenticatedHttpRequest,
    assessment: Assessment,
    *,
    action_error: str = "",
    blocking: list | None = None,
    typed: dict[str, str] | None = None,
    error_field: str = "",
    status: int = 200,
) -> HttpResponse:
    """Render the assessment page; review actions use it to show a refusal with what was typed.

    `error_field` is the id of the field the refusal is about: the summary links to it, and the
    field is marked invalid and described by the message (WCAG 3.3.1, 1.3.1).
    """
    user = request.user
    can_edit = can_edit_assessment(user, assessment)
    comments = assessment_comments(assessment)
    audit_events = list(AuditEvent.objects.filter(assessment=assessment).select_related("actor"))
    document = assessment_to_dict(assessment)
    return render(
        request,
        "assessments/detail.html",
        {
            "assessment": assessment,
            "scores": score_view(assessment_result(assessment)),
            "purpose_statement": purpose_statement(document),
            # Findings link to the field to fix only for someone who may fix it.
            "field_link_base": reverse("assessment_edit", args=[assessment.pk])
            if can_edit
            else None,
            "sections": document_answers(document),
            "can_edit": can_edit,
            "record": record_state(assessment=assessment, user=user),
            "transitions": transitions_for(assessment, user),
            "sign_off": SignOff.objects.filter(assessment=assessment)
            .select_related("approver", "snapshot")
            .first(),
            "comments": comments_by_target(comments),
            "can_comment": bool(user.roles & COMMENTER_ROLES) and not assessment.is_frozen,
            "can_address": user.has_role(Role.ANALYST) and not assessment.is_frozen,
            "audit_events": audit_events,
            "change_request": _change_request(assessment, audit_events),
            "next_version": Assessment.objects.filter(previous_version=assessment).first(),
            "can_revise": assessment.status == Status.APPROVED and user.has_role(Role.ANALYST),
            "can_set_review_date": assessment.status == Status.APPROVED
            and user.has_role(Role.PRIVACY_OFFICER),
            "action_error": action_error,
            "blocking": blocking or [],
            "typed": typed or {},
            "error_field": error_field,
        },
        status=status,
    )
