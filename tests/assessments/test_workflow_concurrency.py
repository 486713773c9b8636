"""Two people moving one assessment at the same moment, over two real database connections."""

import threading

import pytest
from django.db import connection, connections

from assessments.models import Assessment, AuditAction, AuditEvent, SignOff, Status
from assessments.roles import Role
from assessments.workflow import TransitionRefused, assessment_transition
from tests.assessments.workflow_helpers import in_state
from tests.factories import UserFactory

# Row locks are what is under test; SQLite has none (it locks the whole file), so this runs
# in CI's PostgreSQL pass.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks (CI runs it there)"
    ),
]


def _race(assessment, moves):
    """Run the moves at the same moment; return each one's outcome (a status or a refusal)."""
    start = threading.Barrier(len(moves))
    outcomes: dict[str, object] = {}

    def run(name, actor, target, comment):
        try:
            start.wait(timeout=10)
            moved = assessment_transition(
                assessment=assessment, actor=actor, target=target, comment=comment
            )
            outcomes[name] = moved.status
        except TransitionRefused as refused:
            outcomes[name] = refused
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=move) for move in moves]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_exactly_one_of_two_racing_approvals_is_recorded(people):
    assessment = in_state(people, Status.SUBMITTED)
    second_officer = UserFactory.create(
        organisation=people.organisation, roles=[Role.PRIVACY_OFFICER]
    )
    outcomes = _race(
        assessment,
        [
            ("first", people.officer, Status.APPROVED, "Approved by first."),
            ("second", second_officer, Status.APPROVED, "Approved by second."),
        ],
    )
    assert SignOff.objects.filter(assessment=assessment).count() == 1
    won = [name for name, outcome in outcomes.items() if outcome == Status.APPROVED]
    lost = [outcome for outcome in outcomes.values() if isinstance(outcome, TransitionRefused)]
    assert len(won) == 1 and len(lost) == 1, outcomes
    winner = SignOff.objects.get(assessment=assessment).approver
    assert f"already approved by {winner}" in str(lost[0])


@pytest.mark.parametrize(
    ("other", "target"),
    [("officer2", Status.CHANGES_REQUESTED), ("analyst", Status.WITHDRAWN)],
)
def test_any_two_conflicting_moves_record_exactly_one(people, other, target):
    assessment = in_state(people, Status.SUBMITTED)
    actors = {
        "officer2": UserFactory.create(
            organisation=people.organisation, roles=[Role.PRIVACY_OFFICER]
        ),
        "analyst": people.analyst,
    }
    outcomes = _race(
        assessment,
        [
            ("approve", people.officer, Status.APPROVED, "Approved."),
            ("other", actors[other], target, "Not yet: say who sees the map."),
        ],
    )
    final = Assessment.objects.get(pk=assessment.pk).status
    moved = [outcome for outcome in outcomes.values() if not isinstance(outcome, TransitionRefused)]
    refused = [outcome for outcome in outcomes.values() if isinstance(outcome, TransitionRefused)]
    assert moved == [final] and len(refused) == 1, outcomes
    assert "cannot be moved" in str(refused[0])
    events = AuditEvent.objects.filter(assessment=assessment, action=AuditAction.TRANSITION)
    assert events.filter(from_status=Status.SUBMITTED).count() == 1
    assert SignOff.objects.filter(assessment=assessment).count() == (final == Status.APPROVED)
