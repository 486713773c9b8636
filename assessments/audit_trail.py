"""Reading an organisation's audit trail: which events, and how to say each one in words."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from assessments.dashboards import csv_safe
from assessments.models import AuditAction, AuditEvent, Status, User

# The downloads whose data says what was served.
SERVED = frozenset(
    {
        AuditAction.RECORD_DOWNLOADED,
        AuditAction.NOTICE_VIEWED,
        AuditAction.NOTICE_DOWNLOADED,
        AuditAction.EXPORTED,
        AuditAction.PORTFOLIO_EXPORTED,
        AuditAction.AUDIT_EXPORTED,
    }
)
SIGN_IN_ATTEMPTS = frozenset({AuditAction.SIGN_IN_FAILED, AuditAction.LOCKED_OUT})
RECORD_KINDS = {"approved": "the approved record", "draft": "a draft"}
SIGN_IN_METHOD_WORDS = {"password": "with a password"}


@dataclass(frozen=True)
class AuditFilter:
    action: str = ""
    actor_id: int | None = None
    reference: str = ""
    since: datetime.date | None = None
    until: datetime.date | None = None


def audit_events(*, user: User, filters: AuditFilter) -> QuerySet[AuditEvent]:
    """Return the events of `user`'s organisation, newest first, narrowed by `filters`.

    An event belongs to an organisation through its assessment, or (sign-ins, portfolio and
    audit downloads) by naming the organisation itself. Nobody sees another organisation's.
    """
    if user.organisation_id is None:
        return AuditEvent.objects.none()
    organisation_id = user.organisation_id
    events = AuditEvent.objects.filter(
        Q(organisation_id=organisation_id) | Q(assessment__organisation_id=organisation_id)
    )
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.actor_id is not None:
        events = events.filter(actor_id=filters.actor_id)
    if filters.reference:
        events = events.filter(assessment__reference__icontains=filters.reference)
    # Days are New Zealand days (TIME_ZONE), as the page shows them.
    if filters.since is not None:
        events = events.filter(at__date__gte=filters.since)
    if filters.until is not None:
        events = events.filter(at__date__lte=filters.until)
    return events.select_related("actor", "assessment").order_by("-at", "-pk")


def status_label(value: str) -> str:
    """Say a stored status ("changes_requested") as its label ("Changes requested")."""
    return str(Status(value).label) if value in Status.values else value


def _sentence(text: str) -> str:
    """Capitalise the first letter only: status labels keep their own capitals."""
    return text[:1].upper() + text[1:]


def _quoted(texts: dict[str, str]) -> str:
    return "; ".join(f"{rule}: “{text}”" for rule, text in sorted(texts.items())) or "none"


def _draft_saved(data: dict[str, Any]) -> list[str]:
    changed = [*data.get("fields", {}).values(), *data.get("rows", [])]
    parts = [f"Changed: {', '.join(changed)}" if changed else "Nothing changed"]
    if reasons := data.get("justifications"):
        parts.append(f"Justifications were {_quoted(reasons.get('old', {}))}")
        parts.append(f"now {_quoted(reasons.get('new', {}))}")
    return parts


def _served(event: AuditEvent, data: dict[str, Any]) -> list[str]:
    parts = []
    if kind := RECORD_KINDS.get(data.get("kind", "")):
        parts.append(f"Served {kind}")
    if data.get("from_cache"):
        parts.append("reopened from the browser's copy")
    if "rows" in data:
        rows = data["rows"]
        parts.append(f"{len(rows)} row{'s' if len(rows) != 1 else ''}")
        if event.action == AuditAction.PORTFOLIO_EXPORTED and rows:
            parts.append(", ".join(f"{reference} v{version}" for reference, version in rows))
    if "sha256" in data:
        parts.append(f"SHA-256 {data['sha256']}")
    return parts


def event_details(event: AuditEvent) -> str:
    """Say in words what an event's data holds: no codes, no JSON."""
    data = event.data or {}
    parts: list[str] = []
    if event.from_status or event.to_status:
        moves = [f"from {status_label(event.from_status)}" if event.from_status else ""]
        moves.append(f"to {status_label(event.to_status)}" if event.to_status else "")
        parts.append(_sentence(" ".join(m for m in moves if m)))
    if event.action == AuditAction.DRAFT_SAVED:
        parts += _draft_saved(data)
    elif event.action in SERVED:
        parts += _served(event, data)
    elif event.action == AuditAction.SIGNED_IN:
        method = data.get("method", "")
        parts.append(_sentence(SIGN_IN_METHOD_WORDS.get(method, f"with {method}")))
        if data.get("address"):
            parts.append(f"from {data['address']}")
    elif event.action in SIGN_IN_ATTEMPTS:
        parts.append(f"As “{data.get('username', '')}”")
        if data.get("address"):
            parts.append(f"from {data['address']}")
    if event.comment:
        parts.append(event.comment)
    return "; ".join(part for part in parts if part)


def event_person(event: AuditEvent) -> str:
    if event.actor is not None:
        return str(event.actor)
    return "No such account" if event.action in SIGN_IN_ATTEMPTS else "System"


AUDIT_CSV_HEADER = ["When", "Event", "Person", "Assessment", "Version", "Details"]


def audit_csv_row(event: AuditEvent) -> list[object]:
    """Return one event as a CSV row, every cell safe to open in a spreadsheet."""
    assessment = event.assessment
    cells: list[object] = [
        timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M:%S"),
        event.get_action_display(),
        event_person(event),
        assessment.reference if assessment else "",
        assessment.version if assessment else "",
        event_details(event),
    ]
    return [csv_safe(cell) for cell in cells]
