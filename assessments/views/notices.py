"""The notice for service users ("What we collect and why"), as a page and as a PDF."""

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse

from assessments.access import can_edit_assessment, get_assessment_for_user
from assessments.http import AuthenticatedHttpRequest, attach
from assessments.notice import gaps, service_user_notice
from assessments.pdf import html_to_pdf
from assessments.records import record_document


def _context(request: AuthenticatedHttpRequest, pk: int) -> dict:
    assessment = get_assessment_for_user(request.user, pk)
    document = record_document(assessment)
    notice = service_user_notice(document)
    return {
        "assessment": assessment,
        "document": document,
        "notice": notice,
        "gap_count": sum(len(gaps(section.parts)) for section in notice),
        "edit_url": reverse("assessment_edit", args=[pk])
        if can_edit_assessment(request.user, assessment)
        else "",
    }


def assessment_notice(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return render(request, "assessments/notice.html", _context(request, pk))


def assessment_notice_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    context = {**_context(request, pk), "edit_url": ""}
    pdf = html_to_pdf(render_to_string("notices/notice_pdf.html", context))
    response = HttpResponse(pdf, content_type="application/pdf")
    reference = context["assessment"].reference
    attach(response, f"{reference}-notice.pdf")
    return response
