"""An organisation's audit trail, for managers and privacy officers: a page and a CSV."""

import csv
from collections.abc import Iterator
from typing import Any, cast

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from assessments.audit import audited_stream
from assessments.audit_trail import (
    AUDIT_CSV_HEADER,
    AuditFilter,
    audit_csv_row,
    audit_events,
    event_details,
    event_person,
)
from assessments.http import AuthenticatedHttpRequest
from assessments.models import AuditAction, User
from assessments.roles import Role
from assessments.selectors import organisation_people
from assessments.views.dashboards import Echo

PAGE_SIZE = 50
AUDIT_ROLES = frozenset({Role.MANAGER, Role.PRIVACY_OFFICER})
DATE_HELP = "A date such as 2026-03-14."


def _require_reader(user: User) -> None:
    if not user.roles & AUDIT_ROLES:
        raise PermissionDenied("The audit trail is for managers and privacy officers.")


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label="Kind of event", required=False, choices=[("", "Any"), *AuditAction.choices]
    )
    actor = forms.TypedChoiceField(label="Person", required=False, coerce=int, empty_value=None)
    reference = forms.CharField(
        label="Assessment reference", required=False, max_length=64, strip=True
    )
    since = forms.DateField(
        label="From", required=False, help_text=DATE_HELP, widget=forms.DateInput({"type": "date"})
    )
    until = forms.DateField(
        label="To", required=False, help_text=DATE_HELP, widget=forms.DateInput({"type": "date"})
    )

    def __init__(self, data: QueryDict | None = None, *, people: list[User]) -> None:
        super().__init__(data)
        actor = cast(forms.TypedChoiceField, self.fields["actor"])
        actor.choices = [("", "Anyone"), *((person.pk, str(person)) for person in people)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "The end date is before the start date: swap them.")
        return data

    def to_filter(self) -> AuditFilter:
        """Return the filters that are valid; the invalid ones are named on the page."""
        self.is_valid()
        data = self.cleaned_data
        return AuditFilter(
            action=data.get("action") or "",
            actor_id=data.get("actor"),
            reference=data.get("reference") or "",
            since=data.get("since"),
            until=data.get("until"),
        )


def _filters(request: AuthenticatedHttpRequest) -> tuple[AuditFilterForm, AuditFilter]:
    _require_reader(request.user)
    form = AuditFilterForm(request.GET, people=list(organisation_people(user=request.user)))
    return form, form.to_filter()


@require_safe
def audit_trail_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    page = Paginator(audit_events(user=request.user, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "assessments/audit_trail.html",
        {
            "form": form,
            "page": page,
            "rows": [
                {"event": event, "person": event_person(event), "details": event_details(event)}
                for event in page.object_list
            ],
            "filter_query": query.urlencode(),
        },
        status=400 if form.errors else 200,
    )


@require_safe
def audit_csv_view(request: AuthenticatedHttpRequest) -> StreamingHttpResponse:
    _, filters = _filters(request)
    events = audit_events(user=request.user, filters=filters)
    writer = csv.writer(Echo())
    served: dict[str, Any] = {"events": 0}

    def lines() -> Iterator[str]:
        # The byte order mark tells Excel the file is UTF-8, so macrons survive.
        yield "\ufeff" + writer.writerow(AUDIT_CSV_HEADER)
        for event in events.iterator(chunk_size=500):
            served["events"] += 1
            yield writer.writerow(audit_csv_row(event))

    audited = audited_stream(
        lines(), actor=request.user, action=AuditAction.AUDIT_EXPORTED, data=served
    )
    response = StreamingHttpResponse(audited, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="dpup-audit-{timezone.localdate().isoformat()}.csv"'
    )
    return response
