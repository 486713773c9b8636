"""Dashboards: an analyst's work, a privacy officer's queue, a manager's portfolio and its CSV."""

import csv
from collections.abc import Iterator
from typing import cast

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from assessments.audit import audited_stream
from assessments.dashboards import (
    NOT_SCORED,
    PortfolioFilter,
    ReviewFilter,
    StatusFilter,
    my_work,
    portfolio,
    portfolio_csv_header,
    portfolio_csv_rows,
    portfolio_summary,
    review_queue,
    review_window,
    reviews_due,
    table_rows,
)
from assessments.http import AuthenticatedHttpRequest, attach
from assessments.models import AuditAction, Readiness, Status, User
from assessments.roles import Role
from assessments.selectors import organisation_people, page_of

QUEUE_DUE_LIMIT = 50
CSV_CHUNK_ROWS = 500
PORTFOLIO_ROLES = frozenset({Role.MANAGER, Role.PRIVACY_OFFICER})


def _require_role(user: User, roles: frozenset[Role], message: str) -> None:
    if not user.roles & roles:
        raise PermissionDenied(message)


class PortfolioFilterForm(forms.Form):
    status = forms.ChoiceField(
        required=False,
        choices=[
            (StatusFilter.CURRENT, "Current (all but superseded)"),
            *Status.choices,
            (StatusFilter.ALL, "Any status, including superseded"),
        ],
    )
    readiness = forms.ChoiceField(
        required=False,
        choices=[("", "Any readiness"), *Readiness.choices, (NOT_SCORED, "Not scored")],
    )
    owner = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    review = forms.ChoiceField(
        label="Next review",
        required=False,
        choices=[
            (ReviewFilter.ANY, "Any"),
            (ReviewFilter.DUE, "Due within 30 days"),
            (ReviewFilter.OVERDUE, "Overdue"),
        ],
    )

    def __init__(self, data: QueryDict | None = None, *, owners: list[User]) -> None:
        super().__init__(data)
        owner_field = cast(forms.TypedChoiceField, self.fields["owner"])
        owner_field.choices = [("", "Anyone"), *((person.pk, str(person)) for person in owners)]

    def to_filter(self) -> PortfolioFilter:
        """Return the valid filters; a value that is not valid is ignored, not an error page."""
        self.is_valid()  # cleaned_data then holds only the fields that are valid.
        data = self.cleaned_data
        return PortfolioFilter(
            status=data.get("status") or StatusFilter.CURRENT,
            readiness=data.get("readiness") or "",
            owner_id=data.get("owner"),
            review=data.get("review") or ReviewFilter.ANY,
        )


def _portfolio_filters(
    request: AuthenticatedHttpRequest,
) -> tuple[PortfolioFilterForm, PortfolioFilter]:
    owners = list(organisation_people(user=request.user))
    form = PortfolioFilterForm(request.GET, owners=owners)
    return form, form.to_filter()


def my_work_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_role(request.user, frozenset({Role.ANALYST}), "My work is for analysts.")
    work = my_work(user=request.user)
    return render(
        request,
        "assessments/my_work.html",
        {
            # Two lists, each with its own page number, so paging one leaves the other be.
            "changes_requested": page_of(work.changes_requested, request.GET.get("changes_page")),
            "drafts": page_of(work.drafts, request.GET.get("drafts_page")),
        },
    )


def review_queue_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_role(
        request.user,
        frozenset({Role.PRIVACY_OFFICER}),
        "The review queue is for privacy officers.",
    )
    today, window_end = review_window()
    page = page_of(review_queue(user=request.user), request.GET.get("page"))
    # One more than shown tells whether there are more, without a count query.
    due = list(reviews_due(user=request.user, today=today)[: QUEUE_DUE_LIMIT + 1])
    return render(
        request,
        "assessments/review_queue.html",
        {
            "page": page,
            "due": due[:QUEUE_DUE_LIMIT],
            "more_due": len(due) > QUEUE_DUE_LIMIT,
            "today": today,
            "window_end": window_end,
        },
    )


def portfolio_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_role(
        request.user, PORTFOLIO_ROLES, "The portfolio is for managers and privacy officers."
    )
    form, filters = _portfolio_filters(request)
    today, window_end = review_window()
    queryset = portfolio(user=request.user, filters=filters, today=today)
    summary = portfolio_summary(
        queryset=queryset,
        show_superseded=filters.status != StatusFilter.CURRENT,
        today=today,
    )
    page = page_of(table_rows(queryset), request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "assessments/portfolio.html",
        {
            "form": form,
            "filters": filters,
            "summary": summary,
            "page": page,
            "filter_query": query.urlencode(),
            "today": today,
            "window_end": window_end,
        },
    )


class Echo:
    """A file-like object whose write returns the line, for csv.writer to stream through."""

    def write(self, line: str) -> str:
        return line


@require_safe
def portfolio_csv_view(request: AuthenticatedHttpRequest) -> StreamingHttpResponse:
    _require_role(
        request.user, PORTFOLIO_ROLES, "The portfolio is for managers and privacy officers."
    )
    _, filters = _portfolio_filters(request)
    today = timezone.localdate()
    assessments = portfolio(user=request.user, filters=filters, today=today)
    writer = csv.writer(Echo())

    served: list[list[object]] = []  # reference and version of each row, for the audit

    def lines() -> Iterator[str]:
        # The byte order mark tells Excel the file is UTF-8, so macrons survive.
        yield "\ufeff" + writer.writerow(portfolio_csv_header())
        # Streamed in chunks of rows, so a large portfolio is never held in memory whole, and
        # without the cost of handing the server one row at a time.
        chunk: list[str] = []
        for row in portfolio_csv_rows(assessments):
            served.append([row[0], row[1]])  # reference and version
            chunk.append(writer.writerow(row))
            if len(chunk) == CSV_CHUNK_ROWS:
                yield "".join(chunk)
                chunk.clear()
        yield "".join(chunk)

    audited = audited_stream(
        lines(),
        actor=request.user,
        action=AuditAction.PORTFOLIO_EXPORTED,
        data={"rows": served},
    )
    response = StreamingHttpResponse(audited, content_type="text/csv; charset=utf-8")
    attach(response, f"dpup-portfolio-{today.isoformat()}.csv")
    return response
