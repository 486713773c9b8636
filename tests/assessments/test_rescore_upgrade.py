"""After the upgrade to ruleset 2026.2, drafts are rescored; signed records keep their version."""

from io import StringIO
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.migrations.executor import MigrationExecutor

import principles
from assessments.interchange import assessment_to_dict
from assessments.models import Assessment, SignOff, Snapshot, Status
from assessments.upgrade import rescore_stale_drafts
from tests.assessments.workflow_helpers import in_state

OLD = "2026.1"


def scored_by_old_ruleset(assessment: Assessment) -> None:
    """Make the stored score look as ruleset 2026.1 left it (a wrong score, to see it change)."""
    Assessment.objects.filter(pk=assessment.pk).update(
        ruleset_version=OLD, overall_score=1, readiness="not_ready"
    )


def snapshots_taken_under_old_ruleset() -> None:
    # Snapshots refuse every change through their manager; this stands in for submissions and
    # sign-offs made before the upgrade.
    Snapshot._base_manager.update(ruleset_version=OLD)


def evidence() -> list[dict[str, Any]]:
    """Every snapshot and sign-off row, as stored."""
    snapshots = [dict(row) for row in Snapshot.objects.order_by("pk").values()]
    sign_offs = [dict(row) for row in SignOff.objects.order_by("pk").values()]
    return [*snapshots, *sign_offs]


@pytest.fixture
def upgraded_database(people):
    """A draft, one with changes requested, and an approved record, all scored by 2026.1."""
    draft = in_state(people, Status.DRAFT)
    returned = in_state(people, Status.CHANGES_REQUESTED)
    approved = in_state(people, Status.APPROVED)
    for assessment in (draft, returned, approved):
        scored_by_old_ruleset(assessment)
    snapshots_taken_under_old_ruleset()
    return draft, returned, approved


def expected_score(assessment: Assessment) -> principles.Result:
    return principles.score(assessment_to_dict(Assessment.objects.get(pk=assessment.pk)))


def test_migrate_rescores_drafts_and_leaves_signed_records(upgraded_database):
    draft, returned, approved = upgraded_database
    before = evidence()
    assert {row["ruleset_version"] for row in before if "ruleset_version" in row} == {OLD}
    out = StringIO()
    call_command("migrate", stdout=out)
    assert f"Rescored 2 assessment(s) not yet signed with ruleset {principles.RULESET_VERSION}" in (
        out.getvalue()
    )
    for assessment in (draft, returned):
        assessment.refresh_from_db()
        result = expected_score(assessment)
        assert assessment.ruleset_version == "2026.2"
        assert (assessment.overall_score, assessment.readiness) == (
            result.overall_score,
            result.readiness,
        )
        assert assessment.result == result.to_dict(include_fields=True)
    approved.refresh_from_db()
    assert (approved.ruleset_version, approved.overall_score) == (OLD, 1)
    assert evidence() == before
    # Once up to date, a later migrate scores nothing.
    again = StringIO()
    call_command("migrate", stdout=again)
    assert "Rescored" not in again.getvalue()


def test_a_database_not_fully_migrated_is_left_alone(upgraded_database, monkeypatch):
    draft, _, _ = upgraded_database
    # As after `migrate assessments 0005`: migrations are still to be applied.
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: ["pending"])
    assert rescore_stale_drafts(apps.get_app_config("assessments"), using="default") == 0
    draft.refresh_from_db()
    assert draft.ruleset_version == OLD


@pytest.mark.parametrize(
    ("args", "approved_version"),
    [(["--stale-only", "--drafts-only"], OLD), (["--stale-only"], "2026.2")],
)
def test_rescore_command_as_an_upgrade_step(upgraded_database, args, approved_version):
    draft, returned, approved = upgraded_database
    before = evidence()
    out = StringIO()
    call_command("rescore", *args, stdout=out)
    scored = 2 if approved_version == OLD else 3
    assert f"Scored {scored} assessment(s) with ruleset 2026.2." in out.getvalue()
    for assessment in (draft, returned):
        assessment.refresh_from_db()
        assert assessment.ruleset_version == "2026.2"
        assert assessment.overall_score == expected_score(assessment).overall_score
    approved.refresh_from_db()
    assert approved.ruleset_version == approved_version
    # The signed snapshot keeps the ruleset and result it was signed with, whatever the live
    # score says.
    assert evidence() == before
    assert Snapshot.objects.get(assessment=approved, kind="approved").ruleset_version == OLD
