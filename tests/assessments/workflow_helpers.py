"""Assessments in a chosen state, for workflow tests."""

import json

from assessments.demo import DEMO_DATA
from assessments.models import Assessment, Status, User
from assessments.services import assessments_import
from assessments.workflow import assessment_transition

READY_DOC = json.loads((DEMO_DATA / "over-65-population-map.json").read_text(encoding="utf-8"))


def ready_assessment(owner: User, **changes: object) -> Assessment:
    """Import the example that scores `ready`, owned (and so edited) by `owner`."""
    return assessments_import(documents=[{**READY_DOC, **changes}], owner=owner)[0]


def in_state(people, status: Status) -> Assessment:
    """Return a ready assessment moved through the workflow to `status`."""
    assessment = ready_assessment(people.analyst)
    if status == Status.DRAFT:
        return assessment
    if status == Status.WITHDRAWN:
        return assessment_transition(
            assessment=assessment, actor=people.analyst, target=Status.WITHDRAWN
        )
    assessment_transition(assessment=assessment, actor=people.analyst, target=Status.SUBMITTED)
    if status == Status.CHANGES_REQUESTED:
        assessment_transition(
            assessment=assessment,
            actor=people.officer,
            target=Status.CHANGES_REQUESTED,
            comment="Say who sees the map.",
        )
    elif status in (Status.APPROVED, Status.SUPERSEDED):
        assessment_transition(
            assessment=assessment,
            actor=people.officer,
            target=Status.APPROVED,
            comment="Signed off for the hubs project.",
        )
    if status == Status.SUPERSEDED:
        Assessment.objects.filter(pk=assessment.pk).update(status=Status.SUPERSEDED)
    assessment.refresh_from_db()
    assert assessment.status == status
    return assessment
