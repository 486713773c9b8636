"""Reads that pages share."""

import unicodedata
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import F, Prefetch, Q, QuerySet
from django.db.models.expressions import OrderBy

from assessments.access import assessments_for_user
from assessments.dashboards import table_rows
from assessments.models import (
    FROZEN_STATUSES,
    Assessment,
    Comment,
    Consultation,
    DataItem,
    RecordRenderFailure,
    StoredRecord,
    User,
)
from assessments.roles import Role

# The list's orders, by the value its `sort` parameter takes; the first is the default. The
# primary key last makes every order total, so no row shows on two pages. Unscored assessments
# come last either way (SQLite and PostgreSQL disagree about where nulls go unless told).
SORTS: dict[str, tuple[str, tuple[str | OrderBy, ...]]] = {
    "updated": ("Most recently updated", ("-updated_at", "-pk")),
    "title": ("Title, A to Z", ("title", "pk")),
    "reference": ("Reference", ("reference", "version", "pk")),
    "-score": ("Highest score first", (F("overall_score").desc(nulls_last=True), "-pk")),
    "score": ("Lowest score first", (F("overall_score").asc(nulls_last=True), "pk")),
}
DEFAULT_SORT = next(iter(SORTS))
PAGE_SIZE = 25


def page_of(queryset: QuerySet[Assessment], number: str | None) -> Page:
    """Return page `number` of `queryset` (the last page when past it, the first when not a number).

    The page's keys are found first from the narrow indexes on the filter and sort columns (an
    index-only scan, cheap even far down a long list); only the rows shown are then read whole.
    """
    page = Paginator(queryset.values_list("pk", flat=True), PAGE_SIZE).get_page(number)
    keys = list(page.object_list)
    rows = queryset.order_by().in_bulk(keys)
    # A row deleted between the two reads is left out rather than failing the page.
    page.object_list = [rows[key] for key in keys if key in rows]  # type: ignore[misc]
    return page


def assessment_list(
    *,
    user: User,
    status: str = "",
    owner_id: int | None = None,
    search: str = "",
    sort: str = DEFAULT_SORT,
) -> QuerySet[Assessment]:
    """Return the assessments `user` may read, filtered and sorted, with what the list shows."""
    _, order = SORTS.get(sort, SORTS[DEFAULT_SORT])
    queryset = table_rows(assessments_for_user(user)).order_by(*order)
    if status:
        queryset = queryset.filter(status=status)
    if owner_id:
        queryset = queryset.filter(owner_id=owner_id)
    if search := unicodedata.normalize("NFC", search.strip()):
        queryset = queryset.filter(Q(title__icontains=search) | Q(reference__icontains=search))
    return queryset


def assessment_with_rows(queryset: QuerySet[Assessment]) -> QuerySet[Assessment]:
    """Fetch everything a detail page or a snapshot reads, in a fixed number of queries."""
    return queryset.select_related("organisation", "owner").prefetch_related(
        Prefetch("data_items", queryset=DataItem.objects.order_by("position", "pk")),
        Prefetch("consultations", queryset=Consultation.objects.order_by("position", "pk")),
    )


def organisation_people(*, user: User) -> QuerySet[User]:
    """Return the people of `user`'s organisation, for owner filters."""
    if user.organisation_id is None:
        return User.objects.none()
    return User.objects.filter(organisation_id=user.organisation_id).order_by("username")


def assessment_comments(assessment: Assessment) -> list[Comment]:
    """Return the assessment's comments, oldest first, with the people named in them."""
    return list(
        Comment.objects.filter(assessment=assessment).select_related("author", "addressed_by")
    )


# Who is shown that the record of an approved version could not be rendered, to act on it.
RENDER_FAILURE_ROLES = frozenset({Role.PRIVACY_OFFICER, Role.MANAGER})


@dataclass(frozen=True)
class RecordState:
    """Where the PDF record of an assessment stands, for the link on its page."""

    signed: bool  # Approved or superseded: its record is rendered once and kept.
    stored: bool
    failure: RecordRenderFailure | None  # Every attempt failed; only for RENDER_FAILURE_ROLES.

    @property
    def preparing(self) -> bool:
        return self.signed and not self.stored and self.failure is None


def record_state(*, assessment: Assessment, user: User) -> RecordState:
    """Say whether the signed record is stored, still being prepared, or failed to render."""
    if assessment.status not in FROZEN_STATUSES:
        return RecordState(signed=False, stored=False, failure=None)
    # Whether it exists, not the PDF itself: the page needs no blob.
    stored = StoredRecord.objects.filter(assessment=assessment).exists()
    failure = None
    if not stored and user.roles & RENDER_FAILURE_ROLES:
        failure = RecordRenderFailure.objects.filter(assessment=assessment, gave_up=True).first()
    return RecordState(signed=True, stored=stored, failure=failure)
