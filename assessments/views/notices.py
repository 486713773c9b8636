"""The notice for service users ("What we collect and why"), as a page and as a PDF."""

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_safe

from assessments.access import can_edit_assessment, get_assessment_for_user
from assessments.audit import audit_served
from assessments.http import AuthenticatedHttpRequest, attach
from assessments.models import AuditAction
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


@require_safe
def assessment_notice(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    context = _context(request, pk)
    response = render(request, "assessments/notice.html", context)
    audit_served(
        assessment=context["assessment"],
        actor=request.user,
        action=AuditAction.NOTICE_VIEWED,
        body=response.content,
    )
    return response


@require_safe
def assessment_notice_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    context = {**_context(request, pk), "edit_url": ""}
    pdf = html_to_pdf(render_to_string("notices/notice_pdf.html", context))
    response = HttpResponse(pdf, content_type="application/pdf")
    reference = context["assessment"].reference
    attach(response, f"{reference}-notice.pdf")
    # Recorded only once the response is built: a download that failed was not served.
    audit_served(
        assessment=context["assessment"],
        actor=request.user,
        action=AuditAction.NOTICE_DOWNLOADED,
        body=pdf,
    )
    return response
