"""Reading assessments: the organisation's list and one assessment's detail."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from assessments.access import can_create_assessment, can_edit_assessment, get_assessment_for_user
from assessments.findings import score_view
from assessments.http import AuthenticatedHttpRequest
from assessments.models import Assessment, Status
from assessments.presenters import data_item_answers, section_answers
from assessments.scoring import assessment_result
from assessments.sections import SECTIONS
from assessments.selectors import assessment_list, assessment_with_rows, organisation_people

PAGE_SIZE = 25


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
    queryset = assessment_list(user=request.user, status=status, owner_id=owner_id, search=search)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    filters = request.GET.copy()
    filters.pop("page", None)
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
            "filter_query": filters.urlencode(),
            "can_create": can_create_assessment(request.user),
        },
    )


def assessment_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(
        request.user, pk, queryset=assessment_with_rows(Assessment.objects.all())
    )
    can_edit = can_edit_assessment(request.user, assessment)
    return render(
        request,
        "assessments/detail.html",
        {
            "assessment": assessment,
            "scores": score_view(assessment_result(assessment)),
            # Findings link to the field to fix only for someone who may fix it.
            "field_link_base": reverse("assessment_edit", args=[pk]) if can_edit else None,
            "sections": [(section, section_answers(assessment, section)) for section in SECTIONS],
            "data_items": [(item, data_item_answers(item)) for item in assessment.data_items.all()],
            "can_edit": can_edit,
        },
    )
