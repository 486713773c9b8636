"""Two officers approving at the same moment, over two real database connections."""

import threading

import pytest
from django.db import connection, connections

from assessments.models import SignOff, Status
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


def test_exactly_one_of_two_racing_approvals_is_recorded(people):
    assessment = in_state(people, Status.SUBMITTED)
    second_officer = UserFactory.create(
        organisation=people.organisation, roles=[Role.PRIVACY_OFFICER]
    )
    start = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def approve(name, officer):
        try:
            start.wait(timeout=10)
            moved = assessment_transition(
                assessment=assessment,
                actor=officer,
                target=Status.APPROVED,
                comment=f"Approved by {name}.",
            )
            outcomes[name] = moved.status
        except TransitionRefused as refused:
            outcomes[name] = refused
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=approve, args=("first", people.officer)),
        threading.Thread(target=approve, args=("second", second_officer)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert SignOff.objects.filter(assessment=assessment).count() == 1
    won = [name for name, outcome in outcomes.items() if outcome == Status.APPROVED]
    lost = [outcome for outcome in outcomes.values() if isinstance(outcome, TransitionRefused)]
    assert len(won) == 1 and len(lost) == 1, outcomes
    winner = SignOff.objects.get(assessment=assessment).approver
    assert f"already approved by {winner}" in str(lost[0])
