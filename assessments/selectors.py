"""Reads that pages share."""

import unicodedata

from django.db.models import Prefetch, Q, QuerySet

from assessments.access import assessments_for_user
from assessments.models import Assessment, Comment, Consultation, DataItem, User


def assessment_list(
    *, user: User, status: str = "", owner_id: int | None = None, search: str = ""
) -> QuerySet[Assessment]:
    """Return the assessments `user` may read, filtered, with what list pages show."""
    queryset = assessments_for_user(user).select_related("owner")
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
