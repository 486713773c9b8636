"""Template filters for sign-in and audit pages."""

from datetime import timedelta

from django import template

from assessments.models import Status

register = template.Library()


@register.filter
def duration_words(value: timedelta | None) -> str:
    """Say a duration as a person would: "1 hour", "1 hour and 30 minutes", "15 minutes"."""
    if not value:
        return ""
    hours, minutes = divmod(int(value.total_seconds()) // 60, 60)
    parts = [f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " and ".join(parts) or "less than a minute"


@register.filter
def status_label(value: str) -> str:
    """Say a stored status ("changes_requested") as its label ("Changes requested")."""
    return str(Status(value).label) if value in Status.values else value
