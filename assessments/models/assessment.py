"""An assessment of one initiative against DPUP's Purpose Matters guideline.

Its fields mirror the interchange format (shared/dpup/assessment.schema.json) one for one: the
section `purpose` and key `statement` live in `purpose_statement`, and so on, so that import and
export are a plain mapping and nothing is lost between them.
"""

from typing import Any

from django.conf import settings
from django.db import models

from assessments.models.fields import NFCCharField, NFCJSONField, answer_field
from assessments.models.guards import ImmutableRecord
from assessments.models.people import Organisation


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"
    WITHDRAWN = "withdrawn", "Withdrawn"
    SUPERSEDED = "superseded", "Superseded"


EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.CHANGES_REQUESTED})
# A signed-off record never changes; only its place in the workflow, its review date and the
# live score under today's ruleset may (the sign-off keeps the score it was approved with).
FROZEN_STATUSES = frozenset({Status.APPROVED, Status.SUPERSEDED})
STORED_SCORE_FIELDS = frozenset(
    {
        "result",
        "ruleset_version",
        "readiness",
        "overall_score",
        "score_he_tangata",
        "score_manaakitanga",
        "score_mana_whakahaere",
        "score_kaitiakitanga",
        "score_mahitahitanga",
    }
)
MUTABLE_WHEN_FROZEN = frozenset({"status", "next_review_due", *STORED_SCORE_FIELDS})


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def update(self, **kwargs: Any) -> int:
        content = set(kwargs) - MUTABLE_WHEN_FROZEN
        if content and self.filter(status__in=FROZEN_STATUSES).exists():
            raise ImmutableRecord(f"Signed-off assessments cannot change: {sorted(content)}.")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.filter(status__in=FROZEN_STATUSES).exists():
            raise ImmutableRecord("Signed-off assessments are never deleted.")
        return super().delete()


class Readiness(models.TextChoices):
    READY = "ready", "Ready"
    NEEDS_WORK = "needs_work", "Needs work"
    NOT_READY = "not_ready", "Not ready"


class Assessment(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="assessments"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_assessments"
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="edited_assessments",
        blank=True,
        help_text="Everyone who has saved a change; none of them may sign it off.",
    )
    reference = NFCCharField(
        max_length=64, help_text="Unique within the organisation; shared by its versions."
    )
    version = models.PositiveIntegerField(default=1)
    previous_version = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_version",
        help_text="The approved version this one revises.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    next_review_due = models.DateField(null=True, blank=True)
    lock_version = models.PositiveIntegerField(
        default=1, help_text="Goes up by one at every save, so a stale form cannot overwrite."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    title = answer_field("", "title")
    initiative_kind = answer_field("", "initiative_kind", max_length=20)
    summary = answer_field("", "summary")

    purpose_statement = answer_field("purpose", "statement")
    purpose_benefit = answer_field("purpose", "benefit")
    purpose_beneficiaries = answer_field("purpose", "beneficiaries")
    purpose_risks = answer_field("purpose", "risks")
    purpose_legal_basis = answer_field("purpose", "legal_basis")
    purpose_not_used_for = answer_field("purpose", "not_used_for")
    purpose_oversight = answer_field("purpose", "oversight")

    minimisation_identifying_needed = answer_field("minimisation", "identifying_needed")
    minimisation_why_identifying = answer_field("minimisation", "why_identifying")
    minimisation_alternatives_considered = answer_field("minimisation", "alternatives_considered")

    transparency_how_people_told = answer_field("transparency", "how_people_told")
    # Null until the analyst chooses: the schema's default, and nothing is assumed.
    transparency_when_told = answer_field("transparency", "when_told", max_length=10)
    transparency_reason_not_told = answer_field("transparency", "reason_not_told")
    transparency_choices_offered = answer_field("transparency", "choices_offered")
    transparency_reason_no_choice = answer_field("transparency", "reason_no_choice")
    transparency_involvement_in_decisions = answer_field("transparency", "involvement_in_decisions")
    transparency_accessible_formats = answer_field("transparency", "accessible_formats")

    access_access_process = answer_field("access", "access_process")
    access_correction_process = answer_field("access", "correction_process")
    access_refusal_process = answer_field("access", "refusal_process")
    access_holders_tracked = answer_field("access", "holders_tracked")

    stewardship_safeguards = answer_field("stewardship", "safeguards")
    stewardship_retention_policy = answer_field("stewardship", "retention_policy")
    stewardship_disposal = answer_field("stewardship", "disposal")
    stewardship_deidentified_availability = answer_field("stewardship", "deidentified_availability")

    sharing_value_insights_planned = answer_field("sharing_value", "insights_planned")
    sharing_value_share_back_with = answer_field("sharing_value", "share_back_with")
    sharing_value_format = answer_field("sharing_value", "format")

    groups_maori = answer_field("groups", "maori")
    groups_pacific = answer_field("groups", "pacific")
    groups_children_young_people = answer_field("groups", "children_young_people")
    groups_disabled_people = answer_field("groups", "disabled_people")
    groups_other = answer_field("groups", "other")
    groups_considerations = answer_field("groups", "considerations")

    justifications = NFCJSONField(
        default=dict, blank=True, help_text="Why a rule's finding does not apply, by rule id."
    )

    # The latest score, stored so that lists show it without running the rules again.
    ruleset_version = models.CharField(max_length=20, blank=True)
    result = models.JSONField(null=True, blank=True, editable=False)
    readiness = models.CharField(max_length=12, choices=Readiness.choices, blank=True)
    overall_score = models.PositiveSmallIntegerField(null=True, blank=True)
    score_he_tangata = models.PositiveSmallIntegerField(null=True, blank=True)
    score_manaakitanga = models.PositiveSmallIntegerField(null=True, blank=True)
    score_mana_whakahaere = models.PositiveSmallIntegerField(null=True, blank=True)
    score_kaitiakitanga = models.PositiveSmallIntegerField(null=True, blank=True)
    score_mahitahitanga = models.PositiveSmallIntegerField(null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference", "version"],
                name="unique_reference_version_per_organisation",
            )
        ]
        # Each list order (and the status filter) has an index ending in the primary key, so a
        # page's keys come from an index-only scan however far down the list it is. Found with
        # EXPLAIN ANALYZE at 10,000 assessments; see bench/bench_load.py.
        indexes = [
            # With the owner, so that "mine" (my work, the owner filter) reads no table rows.
            models.Index(
                fields=["organisation", "status", "-updated_at", "-id"],
                include=["owner"],
                name="assessment_status_updated",
            ),
            models.Index(
                fields=["organisation", "-updated_at", "-id"],
                include=["owner", "status"],
                name="assessment_updated",
            ),
            # Title and reference together, so a search reads this index and not the table.
            models.Index(
                fields=["organisation", "title", "id"],
                include=["reference"],
                name="assessment_title",
            ),
            models.Index(fields=["organisation", "overall_score", "id"], name="assessment_score"),
            models.Index(
                fields=["organisation", "status", "next_review_due"], name="assessment_review_due"
            ),
            # Everything the portfolio's counts and means read, so they scan no long answers.
            models.Index(
                fields=["organisation", "status", "readiness"],
                include=[
                    "id",  # Counted as COUNT(id): without it the scan reads the table.
                    "overall_score",
                    "next_review_due",
                    *sorted(name for name in STORED_SCORE_FIELDS if name.startswith("score_")),
                ],
                name="assessment_summary",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} v{self.version} {self.title}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        only_mutable = update_fields is not None and set(update_fields) <= MUTABLE_WHEN_FROZEN
        if self.pk is not None and not only_mutable and self._frozen_in_database():
            raise ImmutableRecord(f"{self.reference} v{self.version} is signed off.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self._frozen_in_database():
            raise ImmutableRecord(f"{self.reference} v{self.version} is signed off.")
        return super().delete(*args, **kwargs)

    def _frozen_in_database(self) -> bool:
        # Ask the database, not this instance: a stale copy must not overwrite a record.
        return type(self).objects.filter(pk=self.pk, status__in=FROZEN_STATUSES).exists()

    @property
    def is_frozen(self) -> bool:
        return self.status in FROZEN_STATUSES

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


class _RowQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        if self.filter(assessment__status__in=FROZEN_STATUSES).exists():
            raise ImmutableRecord("Rows of a signed-off assessment cannot change.")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.filter(assessment__status__in=FROZEN_STATUSES).exists():
            raise ImmutableRecord("Rows of a signed-off assessment are never deleted.")
        return super().delete()


class _AssessmentRow(models.Model):
    """A row (data item, consultation) that freezes with its assessment."""

    objects = _RowQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._refuse_if_frozen()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        self._refuse_if_frozen()
        return super().delete(*args, **kwargs)

    def _refuse_if_frozen(self) -> None:
        assessment_id = self.assessment_id  # type: ignore[attr-defined]
        if Assessment.objects.filter(pk=assessment_id, status__in=FROZEN_STATUSES).exists():
            raise ImmutableRecord("Rows of a signed-off assessment cannot change.")


class DataItem(_AssessmentRow):
    """One item of information to be collected, used or shared."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="data_items")
    position = models.PositiveIntegerField(default=0)
    name = answer_field("data_items", "name")
    description = answer_field("data_items", "description")
    identifying = answer_field("data_items", "identifying")
    sensitive = answer_field("data_items", "sensitive")
    form = answer_field("data_items", "form", max_length=12)
    source = answer_field("data_items", "source", max_length=16)
    original_purpose = answer_field("data_items", "original_purpose")
    consistent_with_original_purpose = answer_field(
        "data_items", "consistent_with_original_purpose"
    )
    justification = answer_field("data_items", "justification")
    retention = answer_field("data_items", "retention")
    shared_with = answer_field("data_items", "shared_with")
    sharing_reason = answer_field("data_items", "sharing_reason")
    linked_with_other_data = answer_field("data_items", "linked_with_other_data")
    link_reason = answer_field("data_items", "link_reason")

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


class Consultation(_AssessmentRow):
    """Who was involved, how deeply, and when."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="consultations"
    )
    position = models.PositiveIntegerField(default=0)
    party = answer_field("consultations", "party", max_length=32)
    depth = answer_field("consultations", "depth", max_length=12)
    summary = answer_field("consultations", "summary")
    date = answer_field("consultations", "date")

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.get_party_display()
