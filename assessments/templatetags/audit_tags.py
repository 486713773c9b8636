"""Template filters for sign-in and audit pages."""

from datetime import timedelta

from django import template

from assessments.audit_trail import status_label

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


register.filter("status_label", status_label)
