"""Comments, review dates and reminders."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from assessments.models import Assessment, AuditAction, AuditEvent, ReviewReminder, Status
from assessments.reviewing import (
    assessment_set_review_date,
    comment_add,
    comment_mark_addressed,
    review_reminders_send,
)
from assessments.workflow import TransitionRefused
from tests.assessments.workflow_helpers import in_state

pytestmark = pytest.mark.django_db


def _due_in(assessment: Assessment, days: int) -> None:
    due = timezone.localdate() + datetime.timedelta(days=days)
    Assessment.objects.filter(pk=assessment.pk).update(next_review_due=due)


def test_reminders_go_once_per_assessment_and_due_date(people, mailoutbox):
    soon = in_state(people, Status.APPROVED)
    overdue = in_state(people, Status.APPROVED)
    later = in_state(people, Status.APPROVED)
    _due_in(soon, 10)
    _due_in(overdue, -3)
    _due_in(later, 60)
    out = StringIO()
    call_command("send_review_reminders", stdout=out)
    assert sorted(m.subject for m in mailoutbox) == sorted(
        f"[DPUP] Review due for {a.reference}: {a.title}" for a in (soon, overdue)
    )
    assert all(m.to == [people.analyst.email] for m in mailoutbox)
    assert "Sent 2 reminder(s)." in out.getvalue()

    call_command("send_review_reminders", stdout=out)
    assert len(mailoutbox) == 2
    assert "Sent 0 reminder(s)." in out.getvalue()
    assert ReviewReminder.objects.count() == 2
    assert AuditEvent.objects.filter(action=AuditAction.REMINDER_SENT).count() == 2


def test_a_new_due_date_is_a_new_period(people, mailoutbox):
    assessment = in_state(people, Status.APPROVED)
    _due_in(assessment, 5)
    assert len(review_reminders_send()) == 1
    _due_in(assessment, 20)
    assert len(review_reminders_send()) == 1
    assert len(review_reminders_send()) == 0
    assert len(mailoutbox) == 2


def test_superseded_and_draft_assessments_get_no_reminder(people, mailoutbox):
    for status in (Status.SUPERSEDED, Status.DRAFT):
        _due_in(in_state(people, status), 1)
    assert review_reminders_send() == []


def test_officer_moves_the_review_date_and_it_is_audited(people):
    assessment = in_state(people, Status.APPROVED)
    due = timezone.localdate() + datetime.timedelta(days=200)
    assessment_set_review_date(assessment=assessment, actor=people.officer, due=due)
    assessment.refresh_from_db()
    assert assessment.next_review_due == due
    event = AuditEvent.objects.get(action=AuditAction.REVIEW_DATE_CHANGED)
    assert event.data["new"] == due.isoformat()
    with pytest.raises(TransitionRefused):
        assessment_set_review_date(assessment=assessment, actor=people.analyst, due=due)
    with pytest.raises(TransitionRefused, match="future"):
        assessment_set_review_date(
            assessment=assessment, actor=people.officer, due=timezone.localdate()
        )


def test_comments_on_the_whole_a_section_or_a_finding_and_marked_addressed(people):
    assessment = in_state(people, Status.SUBMITTED)
    whole = comment_add(assessment=assessment, author=people.officer, body="Good overall.")
    section = comment_add(
        assessment=assessment, author=people.officer, body="Name the hubs.", section="purpose"
    )
    finding = comment_add(
        assessment=assessment, author=people.officer, body="Which iwi?", rule="MK-02"
    )
    assert (whole.section, section.section, finding.rule) == ("", "purpose", "MK-02")
    with pytest.raises(TransitionRefused):
        comment_add(assessment=assessment, author=people.manager, body="Managers read.")
    with pytest.raises(TransitionRefused):
        comment_add(assessment=assessment, author=people.officer, body="   ")
    with pytest.raises(TransitionRefused):
        comment_mark_addressed(comment=section, actor=people.officer)
    addressed = comment_mark_addressed(comment=section, actor=people.analyst)
    assert addressed.addressed_by == people.analyst
    assert addressed.addressed_at is not None
    comment_mark_addressed(comment=section, actor=people.analyst2)  # a second time: no change
    section.refresh_from_db()
    assert section.addressed_by == people.analyst
    assert AuditEvent.objects.filter(action=AuditAction.COMMENT_ADDRESSED).count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.COMMENTED).count() == 3
