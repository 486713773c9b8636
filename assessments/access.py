"""Who may see and change which assessment: the one place that decides.

Every view fetches assessments through these helpers. Another organisation's assessment is a
404, never a 403, so that nobody learns that it exists.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from assessments.models import Assessment, User
from assessments.roles import Role

READER_ROLES = frozenset({Role.ANALYST, Role.PRIVACY_OFFICER, Role.MANAGER})


def _readable_organisation_id(user: User) -> int | None:
    """Return the organisation whose assessments `user` may read, if any."""
    return user.organisation_id if user.roles & READER_ROLES else None


def assessments_for_user(user: User) -> QuerySet[Assessment]:
    """Return the assessments `user` may read: their organisation's, if they hold any role."""
    organisation_id = _readable_organisation_id(user)
    if organisation_id is None:
        return Assessment.objects.none()
    return Assessment.objects.filter(organisation_id=organisation_id)


def can_create_assessment(user: User) -> bool:
    return user.organisation_id is not None and user.has_role(Role.ANALYST)


def can_edit_assessment(user: User, assessment: Assessment) -> bool:
    """Analysts of the organisation edit its drafts and those sent back for changes."""
    return (
        assessment.organisation_id == user.organisation_id
        and user.has_role(Role.ANALYST)
        and assessment.is_editable
    )


def get_assessment_for_user(
    user: User, pk: int, *, write: bool = False, queryset: QuerySet[Assessment] | None = None
) -> Assessment:
    """Return assessment `pk` if `user` may read it (or, with `write`, change it).

    Raises Http404 when it is not theirs to see, PermissionDenied when they may see but not
    change it.
    """
    base = queryset if queryset is not None else Assessment.objects.all()
    organisation_id = _readable_organisation_id(user)
    if organisation_id is None:
        raise Http404("No such assessment.")
    try:
        assessment = base.get(pk=pk, organisation_id=organisation_id)
    except Assessment.DoesNotExist:
        raise Http404("No such assessment.") from None
    if write and not can_edit_assessment(user, assessment):
        raise PermissionDenied("You cannot change this assessment.")
    return assessment
