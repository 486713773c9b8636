"""The transition table, applied by the service: who may move what, and what it records."""

import datetime
import itertools

import pytest
from django.db import IntegrityError
from django.utils import timezone

from assessments.canonical import sha256_of
from assessments.interchange import assessment_to_dict, snapshot_queryset
from assessments.models import (
    Assessment,
    AuditAction,
    AuditEvent,
    ImmutableRecord,
    SignOff,
    Snapshot,
    Status,
)
from assessments.roles import Role
from assessments.workflow import (
    TRANSITIONS,
    TransitionRefused,
    assessment_new_version,
    assessment_transition,
    next_review_date,
    transitions_for,
)
from tests.assessments.workflow_helpers import in_state, ready_assessment

pytestmark = pytest.mark.django_db

ACTORS = ["analyst", "analyst2", "officer", "manager", "outsider"]
# Written out by hand from DESIGN.md and the issue, not derived from TRANSITIONS.
ALLOWED = {
    (Status.DRAFT, Status.SUBMITTED, "analyst"),
    (Status.DRAFT, Status.SUBMITTED, "analyst2"),
    (Status.CHANGES_REQUESTED, Status.SUBMITTED, "analyst"),
    (Status.CHANGES_REQUESTED, Status.SUBMITTED, "analyst2"),
    (Status.SUBMITTED, Status.CHANGES_REQUESTED, "officer"),
    (Status.SUBMITTED, Status.APPROVED, "officer"),
    (Status.DRAFT, Status.WITHDRAWN, "analyst"),
    (Status.SUBMITTED, Status.WITHDRAWN, "analyst"),
    (Status.CHANGES_REQUESTED, Status.WITHDRAWN, "analyst"),
}
CASES = list(itertools.product(list(Status), list(Status), ACTORS))


@pytest.mark.parametrize(
    ("source", "target", "who"), CASES, ids=[f"{s}->{t}-{w}" for s, t, w in CASES]
)
def test_every_transition_for_every_role(people, source, target, who):
    assessment = in_state(people, source)
    actor = getattr(people, who)
    events = AuditEvent.objects.filter(action=AuditAction.TRANSITION).count()
    move = lambda: assessment_transition(  # noqa: E731
        assessment=assessment, actor=actor, target=target, comment="A comment with words."
    )
    if (source, target, who) in ALLOWED:
        assert move().status == target
        assessment.refresh_from_db()
        assert assessment.status == target
        event = AuditEvent.objects.filter(action=AuditAction.TRANSITION).latest("pk")
        assert (event.actor, event.from_status, event.to_status) == (actor, source, target)
        assert event.comment == "A comment with words."
    else:
        with pytest.raises(TransitionRefused):
            move()
        assessment.refresh_from_db()
        assert assessment.status == source
        assert AuditEvent.objects.filter(action=AuditAction.TRANSITION).count() == events


def test_the_buttons_offered_match_the_table(people):
    submitted = in_state(people, Status.SUBMITTED)
    assert [t.action for t in transitions_for(submitted, people.officer)] == [
        "request_changes",
        "approve",
    ]
    assert [t.action for t in transitions_for(submitted, people.analyst)] == ["withdraw"]
    assert transitions_for(submitted, people.manager) == []
    assert len(TRANSITIONS) == 7


def test_submit_refused_while_not_ready_listing_the_blocking_findings(people):
    assessment = ready_assessment(people.analyst, purpose={"statement": "tbc"})
    with pytest.raises(TransitionRefused) as refused:
        assessment_transition(assessment=assessment, actor=people.analyst, target=Status.SUBMITTED)
    assert "HT-01" in str(refused.value)
    assert "HT-01" in [f.rule for f in refused.value.blocking]
    assert all(f.severity == "blocking" for f in refused.value.blocking)
    assessment.refresh_from_db()
    assert assessment.status == Status.DRAFT
    assert not Snapshot.objects.exists()


def test_submit_allowed_when_every_blocking_finding_is_justified(people):
    assessment = ready_assessment(people.analyst, purpose={"statement": "tbc"})
    with pytest.raises(TransitionRefused) as refused:
        assessment_transition(assessment=assessment, actor=people.analyst, target=Status.SUBMITTED)
    reasons = {f.rule: "Agreed with the governance group in March." for f in refused.value.blocking}
    Assessment.objects.filter(pk=assessment.pk).update(justifications=reasons)
    assessment.refresh_from_db()
    moved = assessment_transition(
        assessment=assessment, actor=people.analyst, target=Status.SUBMITTED
    )
    assert moved.status == Status.SUBMITTED


@pytest.mark.parametrize("target", [Status.CHANGES_REQUESTED, Status.APPROVED])
def test_officer_must_say_why(people, target):
    assessment = in_state(people, Status.SUBMITTED)
    with pytest.raises(TransitionRefused, match="is needed to"):
        assessment_transition(
            assessment=assessment, actor=people.officer, target=target, comment="   "
        )


def test_nobody_approves_what_they_wrote_or_edited_even_as_an_officer(people):
    assessment = in_state(people, Status.SUBMITTED)
    for person in (people.analyst, people.analyst2):
        person.groups.add(*people.officer.groups.all())
    assessment.editors.add(people.analyst2)
    for person in (people.analyst, people.analyst2):
        fresh = type(person).objects.get(pk=person.pk)
        assert fresh.has_role(Role.PRIVACY_OFFICER)
        with pytest.raises(TransitionRefused, match="separation of duties"):
            assessment_transition(
                assessment=assessment, actor=fresh, target=Status.APPROVED, comment="Fine."
            )


def test_sign_off_stores_the_evidence_and_the_hash_recomputes(people):
    assessment = in_state(people, Status.APPROVED)
    sign_off = SignOff.objects.select_related("snapshot").get(assessment=assessment)
    document = assessment_to_dict(snapshot_queryset().get(pk=assessment.pk))
    assert sign_off.approver == people.officer
    assert sign_off.statement == "Signed off for the hubs project."
    assert sign_off.snapshot.kind == "approved"
    assert sign_off.snapshot.document == document
    assert sign_off.snapshot.result["readiness"] == "ready"
    assert sign_off.snapshot.ruleset_version == sign_off.snapshot.result["ruleset"]
    stored = Snapshot.objects.get(pk=sign_off.snapshot.pk)  # read back from the database
    assert stored.recomputed_sha256() == stored.sha256 == sha256_of(document)
    assert len(stored.sha256) == 64
    signed_on = timezone.localtime(sign_off.signed_at).date()  # New Zealand's date, not UTC's
    assert assessment.next_review_due == next_review_date(signed_on)
    actions = list(
        AuditEvent.objects.filter(assessment=assessment).values_list("action", flat=True)
    )
    assert actions.count(AuditAction.SIGNED_OFF) == 1


def test_an_approved_version_can_never_change(people):
    assessment = in_state(people, Status.APPROVED)
    assessment.title = "Rewritten after sign-off"
    with pytest.raises(ImmutableRecord):
        assessment.save()
    with pytest.raises(ImmutableRecord):
        Assessment.objects.filter(pk=assessment.pk).update(title="Sneaky")
    with pytest.raises(ImmutableRecord):
        assessment.delete()
    item = assessment.data_items.all()[0]
    item.name = "Changed"
    with pytest.raises(ImmutableRecord):
        item.save()
    with pytest.raises(ImmutableRecord):
        assessment.data_items.all().delete()
    with pytest.raises(ImmutableRecord):
        assessment.data_items.update(name="x")
    sign_off = SignOff.objects.get(assessment=assessment)
    sign_off.statement = "Different"
    with pytest.raises(ImmutableRecord):
        sign_off.save()
    with pytest.raises(ImmutableRecord):
        Snapshot.objects.filter(assessment=assessment).update(sha256="0" * 64)
    with pytest.raises(ImmutableRecord):
        AuditEvent.objects.filter(assessment=assessment).delete()
    fresh = Assessment.objects.get(pk=assessment.pk)
    assert fresh.title != "Rewritten after sign-off"
    assert fresh.data_items.all()[0].name != "Changed"


def test_a_stale_copy_cannot_overwrite_an_approved_record(people):
    assessment = in_state(people, Status.SUBMITTED)
    stale = Assessment.objects.get(pk=assessment.pk)
    assessment_transition(
        assessment=assessment, actor=people.officer, target=Status.APPROVED, comment="Ok."
    )
    stale.title = "Overwrite"
    with pytest.raises(ImmutableRecord):
        stale.save()


def test_editing_an_approved_assessment_starts_a_new_version_that_supersedes_it(people):
    first = in_state(people, Status.APPROVED)
    second = assessment_new_version(assessment=first, actor=people.analyst2)
    assert (second.reference, second.version, second.status) == (first.reference, 2, "draft")
    assert second.previous_version == first
    assert second.data_items.count() == first.data_items.count()
    assert [i.name for i in second.data_items.all()] == [i.name for i in first.data_items.all()]
    first.refresh_from_db()
    assert first.status == Status.APPROVED  # still the record until v2 is approved
    with pytest.raises(TransitionRefused, match="already being written"):
        assessment_new_version(assessment=first, actor=people.analyst)

    assessment_transition(assessment=second, actor=people.analyst2, target=Status.SUBMITTED)
    assessment_transition(
        assessment=second, actor=people.officer, target=Status.APPROVED, comment="v2 ok."
    )
    first.refresh_from_db()
    assert first.status == Status.SUPERSEDED
    superseded = AuditEvent.objects.get(assessment=first, action=AuditAction.SUPERSEDED)
    assert (superseded.from_status, superseded.to_status) == ("approved", "superseded")


def test_only_analysts_start_new_versions_of_approved_assessments(people):
    approved = in_state(people, Status.APPROVED)
    with pytest.raises(TransitionRefused):
        assessment_new_version(assessment=approved, actor=people.officer)
    with pytest.raises(TransitionRefused):
        assessment_new_version(assessment=in_state(people, Status.DRAFT), actor=people.analyst)


def test_the_same_reference_and_version_cannot_be_saved_twice(people):
    first = in_state(people, Status.DRAFT)
    with pytest.raises(IntegrityError):
        Assessment.objects.create(
            organisation=first.organisation,
            owner=people.analyst,
            reference=first.reference,
            version=first.version,
            title="Duplicate",
        )


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2026, 11, 21), datetime.date(2027, 11, 21)),
        (datetime.date(2028, 2, 29), datetime.date(2029, 2, 28)),
    ],
)
def test_next_review_is_twelve_months_on(today, expected):
    assert next_review_date(today) == expected


def test_emails_go_out_after_commit(
    people, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://dpup.example.govt.nz"
    assessment = ready_assessment(people.analyst)
    with django_capture_on_commit_callbacks(execute=True):
        assessment_transition(assessment=assessment, actor=people.analyst, target=Status.SUBMITTED)
    assert [m.to for m in mailoutbox] == [[people.officer.email]]
    assert assessment.reference in mailoutbox[0].subject
    link = f"https://dpup.example.govt.nz/assessments/{assessment.pk}/"
    assert f"Review it at {link}\n" in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assessment_transition(
            assessment=assessment,
            actor=people.officer,
            target=Status.CHANGES_REQUESTED,
            comment="Name the hubs.",
        )
    assert mailoutbox[-1].to == [people.analyst.email]
    assert "Name the hubs." in mailoutbox[-1].body
    with django_capture_on_commit_callbacks(execute=True):
        assessment_transition(assessment=assessment, actor=people.analyst, target=Status.SUBMITTED)
        assessment_transition(
            assessment=assessment, actor=people.officer, target=Status.APPROVED, comment="Ok."
        )
    assert mailoutbox[-1].to == [people.analyst.email]
    assert "approved" in mailoutbox[-1].subject


def test_no_email_when_the_transaction_fails(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    assessment = ready_assessment(people.analyst, purpose={"statement": ""})
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(TransitionRefused):
        assessment_transition(assessment=assessment, actor=people.analyst, target=Status.SUBMITTED)
    assert mailoutbox == []


def test_every_append_only_model_refuses_bulk_changes():
    from django.apps import apps

    from assessments.models.guards import AppendOnlyModel, AppendOnlyQuerySet

    models = [m for m in apps.get_models() if issubclass(m, AppendOnlyModel)]
    assert {m.__name__ for m in models} >= {"AuditEvent", "Snapshot", "SignOff", "ReviewReminder"}
    for model in models:
        assert isinstance(model._default_manager.all(), AppendOnlyQuerySet), model
