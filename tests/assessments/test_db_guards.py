"""The database itself refuses to rewrite what was signed (assessments/db_guards.py).

Each test goes around the models (raw SQL, a queryset's update, the base manager,
bulk_create), as a bug or a careless script would; the triggers refuse on SQLite and PostgreSQL.
"""

import pytest
from django.db import IntegrityError, connection, transaction

from assessments.models import (
    Assessment,
    AuditEvent,
    Consultation,
    DataItem,
    SignOff,
    Snapshot,
    Status,
    StoredRecord,
)
from assessments.records import record_store
from tests.assessments.workflow_helpers import in_state

pytestmark = pytest.mark.django_db


def _raw(sql: str, *params: int | str) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def _refused(sql: str, *params: int | str) -> None:
    with pytest.raises(IntegrityError):
        _raw(sql, *params)


@pytest.fixture
def approved(people) -> Assessment:
    return in_state(people, Status.APPROVED)


@pytest.mark.parametrize("model", [AuditEvent, Snapshot, SignOff, StoredRecord])
def test_append_only_rows_refuse_raw_update_and_delete(approved, model):
    if model is StoredRecord and not StoredRecord.objects.exists():
        record_store(assessment=approved)
    table = model._meta.db_table
    pk = model._base_manager.values_list("pk", flat=True).first()
    assert pk is not None
    _refused(f'UPDATE "{table}" SET id = id WHERE id = %s', pk)  # noqa: S608
    _refused(f'DELETE FROM "{table}" WHERE id = %s', pk)  # noqa: S608
    assert model._base_manager.filter(pk=pk).exists()


def test_the_base_manager_cannot_rewrite_an_audit_event(approved):
    event = AuditEvent._base_manager.filter(assessment=approved).first()
    assert event is not None
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEvent._base_manager.filter(pk=event.pk).update(comment="rewritten")


def test_an_approved_assessment_cannot_be_sent_back_to_draft(approved):
    # The reproduction: a queryset update used to un-freeze a signed record.
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment._base_manager.filter(pk=approved.pk).update(status=Status.DRAFT)
    _refused("UPDATE assessments_assessment SET status = 'withdrawn' WHERE id = %s", approved.pk)
    approved.refresh_from_db()
    assert approved.status == Status.APPROVED


def test_an_approved_assessment_keeps_its_content_and_is_never_deleted(approved):
    _refused("UPDATE assessments_assessment SET title = 'Forged' WHERE id = %s", approved.pk)
    _refused("UPDATE assessments_assessment SET purpose_statement = '' WHERE id = %s", approved.pk)
    _refused("DELETE FROM assessments_assessment WHERE id = %s", approved.pk)
    approved.refresh_from_db()
    assert approved.title != "Forged"


def test_what_may_change_after_sign_off_still_can(approved):
    # Superseded by a later version, a review date moved, a rescore under today's ruleset.
    Assessment.objects.filter(pk=approved.pk).update(
        next_review_due="2030-01-31", overall_score=1, status=Status.SUPERSEDED
    )
    approved.refresh_from_db()
    assert approved.status == Status.SUPERSEDED
    _refused("UPDATE assessments_assessment SET status = 'approved' WHERE id = %s", approved.pk)


def test_rows_of_an_approved_assessment_refuse_every_change(approved):
    item = DataItem._base_manager.filter(assessment=approved).first()
    assert item is not None
    with pytest.raises(IntegrityError), transaction.atomic():
        DataItem._base_manager.filter(pk=item.pk).update(name="Forged")
    with pytest.raises(IntegrityError), transaction.atomic():
        DataItem._base_manager.bulk_create([DataItem(assessment=approved, name="Smuggled")])
    with pytest.raises(IntegrityError), transaction.atomic():
        Consultation._base_manager.bulk_create([Consultation(assessment=approved, party="other")])
    _refused("DELETE FROM assessments_dataitem WHERE id = %s", item.pk)
    _refused(
        "UPDATE assessments_dataitem SET assessment_id = %s WHERE id = %s", approved.pk, item.pk
    )
    assert DataItem.objects.filter(assessment=approved).count() == approved.data_items.count()


def test_rows_cannot_be_moved_out_of_a_signed_assessment_either(people, approved):
    draft = in_state(people, Status.DRAFT)
    item = DataItem._base_manager.filter(assessment=approved).first()
    assert item is not None
    _refused("UPDATE assessments_dataitem SET assessment_id = %s WHERE id = %s", draft.pk, item.pk)


def test_drafts_and_their_rows_stay_free_to_change(people):
    draft = in_state(people, Status.DRAFT)
    _raw("UPDATE assessments_assessment SET title = 'Renamed' WHERE id = %s", draft.pk)
    DataItem.objects.filter(assessment=draft).update(name="Renamed item")
    draft.refresh_from_db()
    assert draft.title == "Renamed"
