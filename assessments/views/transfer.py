"""Moving assessments in and out of the browser in the interchange format."""

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from assessments.access import can_create_assessment, get_assessment_for_user
from assessments.audit import audit_served
from assessments.http import AuthenticatedHttpRequest
from assessments.interchange import (
    InvalidDocument,
    Problem,
    assessment_to_dict,
    read_documents,
    snapshot_queryset,
)
from assessments.models import AuditAction
from assessments.services import assessments_import

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Interchange file (JSON)",
        help_text='One assessment, or several as {"assessments": [...]}, in the '
        "dpup-assessment/1 format. Nothing is imported unless every assessment in it is valid.",
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        size = upload.size or 0
        if size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The file is {size // 1024} KB; the limit is "
                f"{MAX_UPLOAD_BYTES // 1024 // 1024} MB. Split it into smaller files."
            )
        return upload


def assessment_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_create_assessment(request.user):
        raise PermissionDenied("Only analysts can import assessments.")
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[Problem] = []
    if request.method == "POST" and form.is_valid():
        upload: UploadedFile = form.cleaned_data["file"]
        try:
            documents = read_documents(upload.read(), file=upload.name or "upload.json")
            imported = assessments_import(documents=documents, owner=request.user)
        except InvalidDocument as invalid:
            problems = invalid.problems
        else:
            references = ", ".join(a.reference for a in imported)
            messages.success(request, f"Imported {len(imported)} assessment(s): {references}.")
            if len(imported) == 1:
                return redirect("assessment_detail", pk=imported[0].pk)
            return redirect("assessment_list")
    return render(
        request,
        "assessments/import.html",
        {"form": form, "problems": problems},
        status=400 if problems else 200,
    )


@require_safe
def assessment_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk, queryset=snapshot_queryset())
    body = json.dumps(assessment_to_dict(assessment), ensure_ascii=False, indent=2) + "\n"
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{assessment.reference}.json"'
    # Recorded only once the response is built: an export that failed was not served.
    audit_served(
        assessment=assessment,
        actor=request.user,
        action=AuditAction.EXPORTED,
        body=response.content,
    )
    return response
