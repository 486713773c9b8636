"""Downloading the PDF record: drafts render on demand, approved versions are served as stored."""

import hashlib

from django.http import HttpResponse, HttpResponseNotModified

from assessments.access import get_assessment_for_user
from assessments.http import AuthenticatedHttpRequest, attach
from assessments.models import AuditAction, AuditEvent, Status
from assessments.records import record_document, record_pdf, record_store

SIGNED = frozenset({Status.APPROVED, Status.SUPERSEDED})


def assessment_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    if assessment.status in SIGNED:
        stored = record_store(assessment=assessment)
        pdf, sha256, kind = bytes(stored.pdf), stored.sha256, "approved"
        etag = f'"{sha256}"'
    else:
        pdf = record_pdf(record_document(assessment), assessment)
        sha256, kind, etag = hashlib.sha256(pdf).hexdigest(), "draft", ""
    # A browser opening its cached copy again still reads the record: that is audited too.
    cached = bool(etag) and request.headers.get("If-None-Match") == etag
    AuditEvent.objects.create(
        assessment=assessment,
        actor=request.user,
        action=AuditAction.RECORD_DOWNLOADED,
        data={"sha256": sha256, "kind": kind, "from_cache": cached},
    )
    if cached:
        return HttpResponseNotModified(headers={"ETag": etag})
    suffix = "" if kind == "approved" else "-DRAFT"
    response = HttpResponse(pdf, content_type="application/pdf")
    attach(response, f"{assessment.reference}-v{assessment.version}{suffix}.pdf")
    if etag:
        response["ETag"] = etag
        response["Cache-Control"] = "private, max-age=0, must-revalidate"
    else:
        response["Cache-Control"] = "private, no-store"
    return response
