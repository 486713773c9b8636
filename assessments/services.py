"""Actions that change assessments. Views validate; these mutate, atomically."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from assessments import interchange
from assessments.forms import AssessmentForm, JustificationsForm
from assessments.models import Assessment, AuditAction, AuditEvent, Status, User
from assessments.references import assessment_save_new
from assessments.scoring import assessment_rescore


class StaleEdit(Exception):
    """Someone else saved the assessment after this form was opened."""

    def __init__(self, current: Assessment) -> None:
        self.current = current
        super().__init__(f"{current.reference} was changed by someone else.")


class NotEditable(Exception):
    """The assessment is not a draft (it was submitted or approved meanwhile)."""

    def __init__(self, current: Assessment) -> None:
        self.current = current
        super().__init__(f"{current.reference} is {current.get_status_display().lower()}.")


def _draft_changes(
    form: AssessmentForm, formsets: list, old_reasons: dict, new_reasons: dict
) -> dict[str, Any]:
    """Say what a save changed: each answer by name and label, which kinds of row, and the
    justifications before and after (they are the analyst's own words to the reviewer)."""
    changes: dict[str, Any] = {
        "fields": {
            name: str(form.fields[name].label or name)
            for name in form.changed_data
            if name != "lock_version"
        },
        "rows": [
            str(formset.model._meta.verbose_name_plural).capitalize()
            for formset in formsets
            if formset.has_changed()
        ],
    }
    if old_reasons != new_reasons:
        changes["justifications"] = {"old": old_reasons, "new": new_reasons}
    return changes


@transaction.atomic
def assessment_save_draft(
    *,
    form: AssessmentForm,
    formsets: list,
    justifications: JustificationsForm | None = None,
    actor: User,
) -> Assessment:
    """Save a draft and its rows from validated forms.

    An existing assessment is locked and its lock_version compared with the one the form was
    opened at, so a second person's save can never silently overwrite the first.
    """
    assessment: Assessment = form.instance
    if justifications is not None:
        assessment.justifications = justifications.reasons()
    if assessment.pk is None:
        assessment.organisation_id = actor.organisation_id
        assessment.owner = actor
        assessment_save_new(assessment=assessment)
        AuditEvent.objects.create(
            assessment=assessment, actor=actor, action=AuditAction.CREATED, to_status=Status.DRAFT
        )
    else:
        current = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if current.lock_version != form.cleaned_data.get("lock_version"):
            raise StaleEdit(current)
        if not current.is_editable:
            raise NotEditable(current)
        assessment.lock_version = current.lock_version + 1
        form.save()
        AuditEvent.objects.create(
            assessment=assessment,
            actor=actor,
            action=AuditAction.DRAFT_SAVED,
            data=_draft_changes(
                form, formsets, current.justifications or {}, assessment.justifications
            ),
        )
    for formset in formsets:
        formset.instance = assessment
        formset.save()
    assessment.editors.add(actor)
    assessment_rescore(assessment=assessment)
    return assessment


@transaction.atomic
def assessments_import(
    *, documents: Sequence[Mapping[str, Any] | interchange.Document], owner: User
) -> list[Assessment]:
    """Import interchange documents for `owner`, all or none, each scored as it is stored."""
    imported = interchange.assessments_import(documents=documents, owner=owner)
    AuditEvent.objects.bulk_create(
        AuditEvent(
            assessment=assessment, actor=owner, action=AuditAction.IMPORTED, to_status=Status.DRAFT
        )
        for assessment in imported
    )
    return imported
