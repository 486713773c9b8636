"""The PDF record of an assessment, made from its snapshot (the interchange document).

The PDF, the export and the sign-off hash all come from the same snapshot, so the record
shows exactly what was signed.
"""

import hashlib
from typing import Any

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

import principles
from assessments.answers import document_answers
from assessments.findings import score_view
from assessments.interchange import assessment_to_dict, snapshot_queryset
from assessments.models import Assessment, AuditEvent, SignOff, Status, StoredRecord
from assessments.notice import purpose_statement
from assessments.pdf import StaticOnlyFetcher, html_to_pdf
from assessments.selectors import assessment_comments


def record_context(
    document: dict[str, Any], assessment: Assessment | None = None
) -> dict[str, Any]:
    """Return what the record template shows: the snapshot's answers, scores and, for a stored
    assessment, its status, comments, sign-off and audit trail."""
    approved = assessment is not None and assessment.status in (Status.APPROVED, Status.SUPERSEDED)
    sign_off = (
        SignOff.objects.select_related("approver", "snapshot").filter(assessment=assessment).first()
        if assessment is not None
        else None
    )
    # The record of an approved version shows what was signed, not today's scoring.
    result = (
        principles.Result.from_dict(sign_off.snapshot.result)
        if sign_off is not None
        else principles.score(document)
    )
    return {
        "document": document,
        "purpose_statement": purpose_statement(document),
        "assessment": assessment,
        "status": assessment.get_status_display()
        if assessment
        else "Not stored (scored from a file)",
        "is_draft": not approved,
        "sections": document_answers(document),
        "scores": score_view(result),
        "sign_off": sign_off,
        "comments": assessment_comments(assessment) if assessment else [],
        "audit_events": list(
            AuditEvent.objects.filter(assessment=assessment).select_related("actor")
        )
        if assessment
        else [],
        "generated_at": timezone.now(),
    }


def record_html(document: dict[str, Any], assessment: Assessment | None = None) -> str:
    return render_to_string("records/record.html", record_context(document, assessment))


def record_document(assessment: Assessment) -> dict[str, Any]:
    """Return the snapshot the record is made from: what was signed, or the draft as it is."""
    sign_off = SignOff.objects.select_related("snapshot").filter(assessment=assessment).first()
    if sign_off is not None:
        return sign_off.snapshot.document
    return assessment_to_dict(snapshot_queryset().get(pk=assessment.pk))


def record_pdf(
    document: dict[str, Any],
    assessment: Assessment | None = None,
    *,
    fetcher: StaticOnlyFetcher | None = None,
) -> bytes:
    """Render the PDF record of `document` (and of `assessment`'s review, when stored)."""
    return html_to_pdf(record_html(document, assessment), fetcher=fetcher)


def record_store(*, assessment: Assessment) -> StoredRecord:
    """Render the approved record once and keep it; a second call returns the one kept."""
    existing = StoredRecord.objects.filter(assessment=assessment).first()
    if existing is not None:
        return existing
    pdf = record_pdf(record_document(assessment), assessment)
    try:
        with transaction.atomic():
            return StoredRecord.objects.create(
                assessment=assessment, pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest()
            )
    except IntegrityError:  # Another worker stored it first: serve theirs.
        return StoredRecord.objects.get(assessment=assessment)
