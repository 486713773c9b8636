"""Moving assessments in and out of the browser in the interchange format."""

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_safe

from assessments.access import can_create_assessment, get_assessment_for_user
from assessments.audit import audit_served
from assessments.http import (
    AuthenticatedHttpRequest,
    BodyTooLarge,
    LimitedUploadHandler,
    attach,
    body_length,
)
from assessments.interchange import (
    InvalidDocument,
    assessment_to_dict,
    read_documents,
    snapshot_queryset,
)
from assessments.interchange_validation import MAX_DOCUMENTS
from assessments.models import AuditAction
from assessments.services import assessments_import

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# The form around the file (its boundaries, headers and CSRF token) is small.
MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 64 * 1024
LIMIT_WORDS = (
    f"The file is larger than the limit of {MAX_UPLOAD_BYTES // 1024 // 1024} MB (and "
    f"{MAX_DOCUMENTS:,} assessments) a file; split it into smaller files and import each."
)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Interchange file (JSON)",
        help_text='One assessment, or several as {"assessments": [...]}, in the '
        f"dpup-assessment/1 format; at most {MAX_UPLOAD_BYTES // 1024 // 1024} MB and "
        f"{MAX_DOCUMENTS:,} assessments a file. Nothing is imported unless every assessment in "
        "it is valid.",
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if (upload.size or 0) > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(LIMIT_WORDS)
        return upload


@csrf_exempt  # Checked by _import, once the upload handlers are in place (Django's advice).
def assessment_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Refuse a body past the limit before reading it: by its declared length, else as read."""
    if not can_create_assessment(request.user):
        raise PermissionDenied("Only analysts can import assessments.")
    if request.method == "POST":
        if body_length(request) > MAX_BODY_BYTES:
            return _too_large(request)
        request.upload_handlers.insert(0, LimitedUploadHandler(MAX_BODY_BYTES, request))
    try:
        return _import(request)
    except BodyTooLarge:
        return _too_large(request)


def _file_refused(form: "ImportForm", described_by: str) -> "ImportForm":
    """Mark the file field invalid and tied to the summary that says why (WCAG 3.3.1, 1.3.1)."""
    field = form.fields["file"]
    if field.help_text:  # Django ties the hint itself only when nothing else is set.
        described_by += f" {form['file'].auto_id}_helptext"
    field.widget.attrs.update({"aria-invalid": "true", "aria-describedby": described_by})
    return form


def _too_large(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = {"form": _file_refused(ImportForm(), "refused-title"), "refused": LIMIT_WORDS}
    return render(request, "assessments/import.html", context, status=413)


@csrf_protect
def _import(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    invalid: InvalidDocument | None = None
    if request.method == "POST" and form.is_valid():
        upload: UploadedFile = form.cleaned_data["file"]
        try:
            documents = read_documents(upload.read(), file=upload.name or "upload.json")
            imported = assessments_import(documents=documents, owner=request.user)
        except InvalidDocument as refused:
            invalid = refused
        else:
            references = ", ".join(a.reference for a in imported)
            messages.success(request, f"Imported {len(imported)} assessment(s): {references}.")
            if len(imported) == 1:
                return redirect("assessment_detail", pk=imported[0].pk)
            return redirect("assessment_list")
    if invalid is not None:
        _file_refused(form, "problems-title")
    context = {
        "form": form,
        "problems": invalid.shown if invalid else [],
        "problem_count": len(invalid.problems) if invalid else 0,
        "more_problems": invalid.more if invalid else 0,
    }
    bad = invalid is not None or (form.is_bound and not form.is_valid())
    return render(request, "assessments/import.html", context, status=400 if bad else 200)


@require_safe
def assessment_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk, queryset=snapshot_queryset())
    body = json.dumps(assessment_to_dict(assessment), ensure_ascii=False, indent=2) + "\n"
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    attach(response, f"{assessment.reference}.json")
    # Recorded only once the response is built: an export that failed was not served.
    audit_served(
        assessment=assessment,
        actor=request.user,
        action=AuditAction.EXPORTED,
        body=response.content,
    )
    return response
