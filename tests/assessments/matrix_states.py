"""Assessments in each state the permission matrix visits, each with one review comment.

Every state is reached through the workflow services, as people would reach it: a superseded
version is one whose next version was approved.
"""

from assessments.models import Assessment, Comment, Status
from assessments.reviewing import comment_add
from assessments.roles import Role
from assessments.workflow import assessment_new_version, assessment_transition
from tests.assessments.workflow_helpers import ready_assessment
from tests.factories import UserFactory

MATRIX_STATES = (Status.SUBMITTED, Status.APPROVED, Status.SUPERSEDED, Status.WITHDRAWN)


def other_organisation_staff(people) -> dict[str, object]:
    """An officer and a manager of the other organisation (the outsider is its analyst)."""
    return {
        "other_officer": UserFactory.create(
            username="olga",
            organisation=people.other_organisation,
            roles=[Role.PRIVACY_OFFICER],
        ),
        "other_manager": UserFactory.create(
            username="omar", organisation=people.other_organisation, roles=[Role.MANAGER]
        ),
    }


def _approve(people, assessment: Assessment) -> None:
    assessment_transition(assessment=assessment, actor=people.analyst, target=Status.SUBMITTED)
    assessment_transition(
        assessment=assessment,
        actor=people.officer,
        target=Status.APPROVED,
        comment="Signed off for the hubs project.",
    )


def assessment_in(people, status: Status) -> tuple[Assessment, Comment]:
    """Return an assessment of the analyst's in `status`, and a comment made on it in review."""
    assessment = ready_assessment(people.analyst)
    assessment_transition(assessment=assessment, actor=people.analyst, target=Status.SUBMITTED)
    comment = comment_add(assessment=assessment, author=people.officer, body="Which hubs?")
    if status == Status.WITHDRAWN:
        assessment_transition(assessment=assessment, actor=people.analyst, target=Status.WITHDRAWN)
    elif status in (Status.APPROVED, Status.SUPERSEDED):
        assessment_transition(
            assessment=assessment,
            actor=people.officer,
            target=Status.APPROVED,
            comment="Signed off for the hubs project.",
        )
    if status == Status.SUPERSEDED:
        _approve(people, assessment_new_version(assessment=assessment, actor=people.analyst))
    assessment.refresh_from_db()
    assert assessment.status == status, (assessment.status, status)
    return assessment, comment
