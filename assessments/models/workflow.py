"""The evidence around an assessment: audit trail, snapshots, sign-offs, comments, reminders."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone

from assessments.canonical import sha256_of
from assessments.models.assessment import Assessment
from assessments.models.fields import NFCTextField
from assessments.models.guards import AppendOnlyManager, AppendOnlyModel
from assessments.models.people import Organisation

# Transition comments, sign-off statements and review comments alike.
COMMENT_MAX_LENGTH = 5000


class AuditAction(models.TextChoices):
    CREATED = "created", "Created"
    IMPORTED = "imported", "Imported"
    TRANSITION = "transition", "Status changed"
    SIGNED_OFF = "signed_off", "Signed off"
    NEW_VERSION = "new_version", "New version started"
    SUPERSEDED = "superseded", "Superseded by a later version"
    COMMENTED = "commented", "Commented"
    COMMENT_ADDRESSED = "comment_addressed", "Comment marked addressed"
    REVIEW_DATE_CHANGED = "review_date_changed", "Next review date changed"
    RECORD_DOWNLOADED = "record_downloaded", "Record downloaded"
    REMINDER_SENT = "reminder_sent", "Review reminder sent"
    DRAFT_SAVED = "draft_saved", "Draft saved"
    NOTICE_VIEWED = "notice_viewed", "Notice opened"
    NOTICE_DOWNLOADED = "notice_downloaded", "Notice PDF downloaded"
    EXPORTED = "exported", "Exported as JSON"
    PORTFOLIO_EXPORTED = "portfolio_exported", "Portfolio downloaded as CSV"
    AUDIT_EXPORTED = "audit_exported", "Audit trail downloaded as CSV"
    SIGNED_IN = "signed_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    LOCKED_OUT = "locked_out", "Locked out after repeated failures"


class AuditEvent(AppendOnlyModel):
    """One thing that happened: who, when, what, from and to.

    Most events are about one assessment. Sign-ins and organisation-wide downloads (the
    portfolio, the audit trail) are about none, and name the organisation instead.
    """

    objects = AppendOnlyManager()

    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
        help_text="Empty for events not about one assessment (sign-ins, portfolio downloads).",
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="For events with no assessment: whose trail it belongs to. Empty for a sign-in "
        "to an account that does not exist or belongs to no organisation.",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty for the system (a scheduled command). For a failed sign-in or a "
        "lockout, the account that was tried.",
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=24, choices=AuditAction.choices)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    # The limit is a validator, not max_length, so that the column is not altered (SQLite
    # would rebuild this append-only table); the field runs it on every save.
    comment = NFCTextField(blank=True, validators=[MaxLengthValidator(COMMENT_MAX_LENGTH)])
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.at):%Y-%m-%d %H:%M} {self.get_action_display()}"


class SnapshotKind(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"


class Snapshot(AppendOnlyModel):
    """The assessment exactly as it was submitted or approved, in the interchange format."""

    objects = AppendOnlyManager()

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="snapshots")
    kind = models.CharField(max_length=10, choices=SnapshotKind.choices)
    taken_at = models.DateTimeField(default=timezone.now)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    document = models.JSONField()
    result = models.JSONField()
    ruleset_version = models.CharField(max_length=20)
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["taken_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {timezone.localtime(self.taken_at):%Y-%m-%d %H:%M}"

    def recomputed_sha256(self) -> str:
        """Hash the stored document again, to show it is what was signed."""
        return sha256_of(self.document)


class SignOff(AppendOnlyModel):
    """A privacy officer's approval: who, when, their statement, on which exact content."""

    objects = AppendOnlyManager()

    assessment = models.OneToOneField(Assessment, on_delete=models.PROTECT, related_name="sign_off")
    snapshot = models.OneToOneField(Snapshot, on_delete=models.PROTECT, related_name="sign_off")
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sign_offs"
    )
    signed_at = models.DateTimeField(default=timezone.now)
    statement = NFCTextField(max_length=COMMENT_MAX_LENGTH)

    def __str__(self) -> str:
        return f"Signed off by {self.approver} on {timezone.localtime(self.signed_at):%Y-%m-%d}"


class Comment(models.Model):
    """A reviewer's comment on the whole assessment, one section, or one finding."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    body = NFCTextField(max_length=COMMENT_MAX_LENGTH)
    section = models.CharField(max_length=32, blank=True, help_text="A section id, or blank.")
    rule = models.CharField(max_length=8, blank=True, help_text="A rule id, or blank.")
    addressed_at = models.DateTimeField(null=True, blank=True)
    addressed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


class ReviewReminder(AppendOnlyModel):
    """A reminder sent to an owner that a review falls due; once per assessment and due date."""

    objects = AppendOnlyManager()

    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="review_reminders"
    )
    due_date = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    sent_to = models.EmailField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "due_date"], name="one_reminder_per_review_period"
            )
        ]


class StoredRecord(AppendOnlyModel):
    """The PDF record of an approved version, rendered once after approval and served as is."""

    objects = AppendOnlyManager()

    assessment = models.OneToOneField(
        Assessment, on_delete=models.PROTECT, related_name="stored_record"
    )
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    rendered_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Record of {self.assessment_id} ({self.sha256[:12]})"


class ReferenceCounter(models.Model):
    """The last number given as DPUP-YEAR-NNNN in an organisation, so that the next is O(1).

    Taken under a row lock: two people creating at once wait for each other, not a scan.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="one_reference_counter_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}: {self.last_number}"
