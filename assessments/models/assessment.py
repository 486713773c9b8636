"""An assessment of one initiative against DPUP's Purpose Matters guideline.

Its fields mirror the interchange format (shared/dpup/assessment.schema.json) one for one: the
section `purpose` and key `statement` live in `purpose_statement`, and so on, so that import and
export are a plain mapping and nothing is lost between them.
"""

from typing import Any

from django.conf import settings
from django.db import models

from assessments.models.fields import NFCCharField, NFCJSONField, NFCTextField
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


class InitiativeKind(models.TextChoices):
    POLICY = "policy", "Policy"
    SERVICE = "service", "Service"
    PROGRAMME = "programme", "Programme"
    INTERVENTION = "intervention", "Intervention"
    RESEARCH = "research", "Research"
    OTHER = "other", "Other"


class WhenTold(models.TextChoices):
    BEFORE = "before", "Before their information is collected"
    AFTER = "after", "Afterwards"
    NOT_TOLD = "not_told", "Not told"


class Readiness(models.TextChoices):
    READY = "ready", "Ready"
    NEEDS_WORK = "needs_work", "Needs work"
    NOT_READY = "not_ready", "Not ready"


def _text(max_length: int, verbose_name: str, help_text: str = "") -> NFCTextField:
    return NFCTextField(verbose_name, max_length=max_length, blank=True, help_text=help_text)


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

    title = NFCCharField(max_length=200)
    initiative_kind = models.CharField(
        "kind of initiative",
        max_length=20,
        choices=InitiativeKind.choices,
        default=InitiativeKind.OTHER,
    )
    summary = _text(5000, "summary")

    purpose_statement = _text(10000, "purpose statement")
    purpose_benefit = _text(10000, "benefit")
    purpose_beneficiaries = NFCJSONField("who benefits", default=list, blank=True)
    purpose_risks = _text(10000, "risks and how they balance against the benefits")
    purpose_legal_basis = _text(5000, "legal basis")
    purpose_not_used_for = _text(5000, "what the data will not be used for")
    purpose_oversight = _text(5000, "checks and oversight")

    minimisation_identifying_needed = models.BooleanField(
        "is information that identifies people needed?", null=True, blank=True, default=None
    )
    minimisation_why_identifying = _text(5000, "why identifying information is needed")
    minimisation_alternatives_considered = _text(5000, "alternatives considered")

    transparency_how_people_told = _text(5000, "how people are told")
    # Null until the analyst chooses: the schema's default, and nothing is assumed.
    transparency_when_told = models.CharField(  # noqa: DJ001
        "when people are told",
        max_length=10,
        choices=WhenTold.choices,
        null=True,
        blank=True,
        default=None,
    )
    transparency_reason_not_told = _text(5000, "reason people are told late or not at all")
    transparency_choices_offered = _text(5000, "choices offered")
    transparency_reason_no_choice = _text(5000, "why no choice is fair")
    transparency_involvement_in_decisions = _text(5000, "involvement in decisions")
    transparency_accessible_formats = _text(5000, "accessible formats")

    access_access_process = _text(5000, "how people see their information")
    access_correction_process = _text(5000, "how people correct their information")
    access_refusal_process = _text(5000, "when a correction is not made")
    access_holders_tracked = _text(5000, "how people know who holds their information")

    stewardship_safeguards = _text(5000, "safeguards")
    stewardship_retention_policy = _text(5000, "retention policy")
    stewardship_disposal = _text(5000, "disposal")
    stewardship_deidentified_availability = _text(5000, "de-identified availability")

    sharing_value_insights_planned = _text(5000, "insights planned")
    sharing_value_share_back_with = _text(5000, "who the insights are shared back with")
    sharing_value_format = _text(2000, "format of the insights")

    groups_maori = models.BooleanField("Māori", default=False)
    groups_pacific = models.BooleanField("Pacific peoples", default=False)
    groups_children_young_people = models.BooleanField("children and young people", default=False)
    groups_disabled_people = models.BooleanField("disabled people", default=False)
    groups_other = _text(2000, "other groups")
    groups_considerations = _text(10000, "how each group's views and needs shape the work")

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


class DataForm(models.TextChoices):
    QUANTITATIVE = "quantitative", "Quantitative"
    QUALITATIVE = "qualitative", "Qualitative"


class DataSource(models.TextChoices):
    NEW_COLLECTION = "new_collection", "Newly collected"
    EXISTING = "existing", "Existing data, reused"


class DataItem(_AssessmentRow):
    """One item of information to be collected, used or shared."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="data_items")
    position = models.PositiveIntegerField(default=0)
    name = NFCCharField(max_length=200)
    description = _text(2000, "description")
    identifying = models.BooleanField(
        "identifies people", default=False, help_text="Does or can it identify a person?"
    )
    sensitive = models.BooleanField(
        default=False,
        help_text="Could it be misunderstood or misused, harming or embarrassing a person, "
        "group or community?",
    )
    form = models.CharField(max_length=12, choices=DataForm.choices, default=DataForm.QUANTITATIVE)
    source = models.CharField(
        max_length=16, choices=DataSource.choices, default=DataSource.NEW_COLLECTION
    )
    original_purpose = _text(2000, "original purpose", "For existing data: why it was collected.")
    consistent_with_original_purpose = models.BooleanField(
        "consistent with the original purpose", null=True, blank=True, default=None
    )
    justification = _text(2000, "why it is needed")
    retention = NFCCharField(
        max_length=200,
        blank=True,
        help_text="How long it is kept: a duration such as P2Y or P18M, or a plain rule.",
    )
    shared_with = NFCJSONField(default=list, blank=True)
    sharing_reason = _text(2000, "why it is shared")
    linked_with_other_data = models.BooleanField("linked with other data", default=False)
    link_reason = _text(2000, "why it is linked")

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


class Party(models.TextChoices):
    SERVICE_USERS = "service_users", "Service users"
    FRONTLINE_WORKERS = "frontline_workers", "Frontline workers"
    COMMUNITY_REPRESENTATIVES = "community_representatives", "Community representatives"
    CULTURAL_ADVISORS = "cultural_advisors", "Cultural advisors"
    IWI_MAORI = "iwi_maori", "Iwi and Māori"
    PACIFIC_COMMUNITIES = "pacific_communities", "Pacific communities"
    DISABLED_PEOPLE = "disabled_people", "Disabled people"
    PRIVACY_OFFICER = "privacy_officer", "Privacy officer"
    LEGAL = "legal", "Legal"
    OTHER = "other", "Other"


class Depth(models.TextChoices):
    CHECK = "check", "A simple check"
    REVIEW = "review", "A review of the work"
    CO_DESIGN = "co_design", "Co-design and rich engagement"


class Consultation(_AssessmentRow):
    """Who was involved, how deeply, and when."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="consultations"
    )
    position = models.PositiveIntegerField(default=0)
    party = models.CharField(max_length=32, choices=Party.choices)
    depth = models.CharField(max_length=12, choices=Depth.choices, default=Depth.REVIEW)
    summary = _text(5000, "what came of it")
    date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.get_party_display()
