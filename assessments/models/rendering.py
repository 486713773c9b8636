"""What went wrong rendering an approved record, kept so that people see it, not only a log."""

from django.db import models
from django.utils import timezone

from assessments.models.assessment import Assessment


class RecordRenderFailure(models.Model):
    """The record of an approved version could not be rendered after every attempt.

    One row per assessment, updated at each failed attempt; the page shows it to the privacy
    officers and managers once the attempts are used up, until the record is stored.
    """

    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, related_name="record_render_failure"
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    gave_up = models.BooleanField(
        default=False, help_text="Every attempt failed: nothing will retry on its own."
    )
    failed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Record of {self.assessment_id}: {self.attempts} failed attempt(s)"
