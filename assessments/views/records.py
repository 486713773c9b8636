"""Downloading the PDF record: drafts render on demand, approved versions are served as stored."""

from django.http import HttpResponse, HttpResponseNotModified
from django.views.decorators.http import require_safe

from assessments.access import get_assessment_for_user
from assessments.audit import audit_served
from assessments.http import AuthenticatedHttpRequest, attach
from assessments.models import AuditAction, Status
from assessments.records import record_document, record_pdf, record_store

SIGNED = frozenset({Status.APPROVED, Status.SUPERSEDED})


@require_safe
def assessment_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    if assessment.status in SIGNED:
        stored = record_store(assessment=assessment)
        pdf, kind, etag = bytes(stored.pdf), "approved", f'"{stored.sha256}"'
    else:
        pdf, kind, etag = record_pdf(record_document(assessment), assessment), "draft", ""
    # A browser opening its cached copy again still reads the record: that is audited too.
    cached = bool(etag) and request.headers.get("If-None-Match") == etag
    response: HttpResponse
    if cached:
        response = HttpResponseNotModified(headers={"ETag": etag})
    else:
        suffix = "" if kind == "approved" else "-DRAFT"
        response = HttpResponse(pdf, content_type="application/pdf")
        attach(response, f"{assessment.reference}-v{assessment.version}{suffix}.pdf")
        if etag:
            response["ETag"] = etag
    # Recorded only once the response is built: a download that failed was not served.
    audit_served(
        assessment=assessment,
        actor=request.user,
        action=AuditAction.RECORD_DOWNLOADED,
        body=pdf,
        kind=kind,
        from_cache=cached,
    )
    return response
