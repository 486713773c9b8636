"""Reads for the dashboards: my work, the review queue and the manager's portfolio.

Every read starts from `assessments_for_user`, so nobody sees another organisation's rows, and
each runs a fixed number of queries however many assessments there are.
"""

import datetime
import math
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import (
    Avg,
    Count,
    DateTimeField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from assessments.access import assessments_for_user
from assessments.models import Assessment, AuditEvent, Readiness, Status, User
from principles.constants import PRINCIPLES

REVIEW_WINDOW_DAYS = 30
NOT_SCORED = "none"  # The readiness filter's value for assessments not scored yet.


class ReviewFilter:
    ANY = "any"
    DUE = "due"
    OVERDUE = "overdue"


class StatusFilter:
    CURRENT = ""  # Everything but superseded versions: the default.
    ALL = "all"


def review_window(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """Return today and the last day of the review window (today + 30 days)."""
    today = today or timezone.localdate()
    return today, today + datetime.timedelta(days=REVIEW_WINDOW_DAYS)


def _editor_links() -> QuerySet:
    return Assessment.editors.through.objects.all()


def _owned_or_edited(user: User) -> Q:
    edited = _editor_links().filter(user_id=user.pk).values("assessment_id")
    # A subquery rather than a join on editors, so no row comes back twice.
    return Q(owner_id=user.pk) | Q(pk__in=edited)


# My work ------------------------------------------------------------------------------------


# What a table of assessments shows, so a list never fetches the long answers it does not show.
ROW_COLUMNS = (
    "pk",
    "reference",
    "version",
    "title",
    "status",
    "readiness",
    "overall_score",
    "next_review_due",
    "updated_at",
    "owner_id",
)
OWNER_COLUMNS = ("owner__username", "owner__first_name", "owner__last_name")


def table_rows(queryset: QuerySet[Assessment]) -> QuerySet[Assessment]:
    """Narrow `queryset` to the columns a table of assessments shows, with the owner's name."""
    return queryset.select_related("owner").only(*ROW_COLUMNS, *OWNER_COLUMNS)


@dataclass(frozen=True)
class MyWork:
    """The two lists of my work, newest first; each is paginated by the page that shows it."""

    changes_requested: QuerySet[Assessment]
    drafts: QuerySet[Assessment]


def my_work(*, user: User) -> MyWork:
    """Return the drafts and sent-back assessments `user` owns or has edited."""
    mine = (
        assessments_for_user(user)
        .filter(_owned_or_edited(user))
        .only(*ROW_COLUMNS)
        .order_by("-updated_at", "-pk")
    )
    return MyWork(
        changes_requested=mine.filter(status=Status.CHANGES_REQUESTED),
        drafts=mine.filter(status=Status.DRAFT),
    )


# Review queue -------------------------------------------------------------------------------


def review_queue(*, user: User) -> QuerySet[Assessment]:
    """Return submitted assessments, longest waiting first.

    Each row carries `submitted_at` (the latest submission, or the last update for rows that
    have no audit trail, such as imports) and `viewer_edited`, so the page can say who may
    approve without a query per row.
    """
    latest_submission = (
        AuditEvent.objects.filter(assessment_id=OuterRef("pk"), to_status=Status.SUBMITTED)
        .order_by("-at", "-pk")
        .values("at")[:1]
    )
    edited_by_viewer = _editor_links().filter(assessment_id=OuterRef("pk"), user_id=user.pk)
    return (
        table_rows(assessments_for_user(user).filter(status=Status.SUBMITTED))
        .annotate(
            submitted_at=Coalesce(
                Subquery(latest_submission, output_field=DateTimeField()), F("updated_at")
            ),
            viewer_edited=Exists(edited_by_viewer),
        )
        .order_by("submitted_at", "pk")
    )


def reviews_due(*, user: User, today: datetime.date | None = None) -> QuerySet[Assessment]:
    """Return approved assessments whose review is overdue or due within 30 days, soonest first."""
    _, window_end = review_window(today)
    return table_rows(
        assessments_for_user(user).filter(status=Status.APPROVED, next_review_due__lte=window_end)
    ).order_by("next_review_due", "pk")


# Portfolio ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PortfolioFilter:
    """What the portfolio is narrowed to; blank values mean no narrowing."""

    status: str = StatusFilter.CURRENT
    readiness: str = ""
    owner_id: int | None = None
    review: str = ReviewFilter.ANY

    @property
    def is_narrowed(self) -> bool:
        return self != PortfolioFilter()


def portfolio(
    *, user: User, filters: PortfolioFilter, today: datetime.date | None = None
) -> QuerySet[Assessment]:
    """Return the assessments `user` may read, narrowed by `filters`, for table and CSV."""
    today, window_end = review_window(today)
    queryset = assessments_for_user(user)
    if filters.status == StatusFilter.CURRENT:
        queryset = queryset.exclude(status=Status.SUPERSEDED)
    elif filters.status != StatusFilter.ALL:
        queryset = queryset.filter(status=filters.status)
    if filters.readiness == NOT_SCORED:
        queryset = queryset.filter(readiness="")
    elif filters.readiness:
        queryset = queryset.filter(readiness=filters.readiness)
    if filters.owner_id is not None:
        queryset = queryset.filter(owner_id=filters.owner_id)
    # Only an approved assessment is waiting for its review; a superseded one never will.
    if filters.review == ReviewFilter.OVERDUE:
        queryset = queryset.filter(status=Status.APPROVED, next_review_due__lt=today)
    elif filters.review == ReviewFilter.DUE:
        queryset = queryset.filter(
            status=Status.APPROVED, next_review_due__gte=today, next_review_due__lte=window_end
        )
    return queryset


@dataclass(frozen=True)
class Tally:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class PrincipleMean:
    id: str
    name: str
    mean: int | None  # Rounded half up; None when nothing in the portfolio has a score.


@dataclass(frozen=True)
class PortfolioSummary:
    total: int
    by_status: list[Tally]
    by_readiness: list[Tally]
    means: list[PrincipleMean]
    mean_overall: int | None
    scored: int
    overdue: int
    due_soon: int
    due: list[Assessment] = field(default_factory=list)

    @property
    def due_truncated(self) -> bool:
        """Whether `due` lists fewer than all the reviews counted as due or overdue."""
        return len(self.due) < self.overdue + self.due_soon


def _rounded(value: float | None) -> int | None:
    # Half up, as people round by hand: a mean of 75.5 shows as 76, not Python's even 76/75.
    return None if value is None else math.floor(float(value) + 0.5)


def portfolio_summary(
    *,
    queryset: QuerySet[Assessment],
    show_superseded: bool,
    due_limit: int = 50,
    today: datetime.date | None = None,
) -> PortfolioSummary:
    """Count, average and list what is due in `queryset`, in three queries."""
    today, window_end = review_window(today)
    pairs = (
        queryset.order_by()
        .values("status", "readiness")
        .annotate(count=Count("pk"))
        .values_list("status", "readiness", "count")
    )
    by_status: dict[str, int] = {}
    by_readiness: dict[str, int] = {}
    for status, readiness, count in pairs:
        by_status[status] = by_status.get(status, 0) + count
        by_readiness[readiness] = by_readiness.get(readiness, 0) + count

    approved = Q(status=Status.APPROVED)
    numbers = queryset.order_by().aggregate(
        mean_overall=Avg("overall_score"),
        scored=Count("pk", filter=Q(overall_score__isnull=False)),
        overdue=Count("pk", filter=approved & Q(next_review_due__lt=today)),
        due_soon=Count(
            "pk",
            filter=approved & Q(next_review_due__gte=today, next_review_due__lte=window_end),
        ),
        **{f"mean_{key}": Avg(f"score_{key}") for key in PRINCIPLES},
    )
    due = list(
        table_rows(queryset.filter(approved, next_review_due__lte=window_end)).order_by(
            "next_review_due", "pk"
        )[:due_limit]
    )
    return PortfolioSummary(
        total=sum(by_status.values()),
        by_status=[
            Tally(value, label, by_status.get(value, 0))
            for value, label in Status.choices
            if show_superseded or value != Status.SUPERSEDED
        ],
        by_readiness=[
            *(
                Tally(value, label, by_readiness.get(value, 0))
                for value, label in Readiness.choices
            ),
            Tally(NOT_SCORED, "Not scored", by_readiness.get("", 0)),
        ],
        means=[
            PrincipleMean(key, name, _rounded(numbers[f"mean_{key}"]))
            for key, name in PRINCIPLES.items()
        ],
        mean_overall=_rounded(numbers["mean_overall"]),
        scored=numbers["scored"],
        overdue=numbers["overdue"],
        due_soon=numbers["due_soon"],
        due=due,
    )


# CSV ----------------------------------------------------------------------------------------

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP: CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> object:
    """Return `value`, with text that a spreadsheet would run as a formula made inert."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def portfolio_csv_header() -> list[str]:
    return [
        "Reference",
        "Version",
        "Title",
        "Owner",
        "Status",
        "Readiness",
        "Overall score",
        *PRINCIPLES.values(),
        "Next review due",
        "Updated",
    ]


SCORE_COLUMNS = tuple(f"score_{key}" for key in PRINCIPLES)
CSV_COLUMNS = (
    "reference",
    "version",
    "title",
    *OWNER_COLUMNS,
    "status",
    "readiness",
    "overall_score",
    *SCORE_COLUMNS,
    "next_review_due",
    "updated_at",
)


def portfolio_csv_rows(queryset: QuerySet[Assessment]) -> Iterator[list[object]]:
    """Yield `queryset` as CSV rows, every cell safe to open in a spreadsheet.

    Reads plain tuples in chunks rather than model instances: building 10,000 instances took
    most of the export's time.
    """
    status_labels = dict(Status.choices)
    readiness_labels = {**dict(Readiness.choices), "": "Not scored"}
    zone = timezone.get_current_timezone()
    for row in queryset.values_list(*CSV_COLUMNS).iterator(chunk_size=2000):
        (reference, version, title, username, first_name, last_name, status, readiness) = row[:8]
        overall, *scores = row[8 : 9 + len(SCORE_COLUMNS)]
        next_review, updated_at = row[-2:]
        # Only the typed text can start like a formula; numbers, dates and labels are ours.
        yield [
            csv_safe(reference),
            version,
            csv_safe(title),
            # As User.__str__ says it: the full name, or the username when there is none.
            csv_safe(f"{first_name} {last_name}".strip() or username),
            status_labels.get(status, status),
            readiness_labels.get(readiness, readiness),
            "" if overall is None else overall,
            *("" if score is None else score for score in scores),
            next_review.isoformat() if next_review else "",
            updated_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
        ]
