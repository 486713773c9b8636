"""Review around the workflow: comments, the next review date, and reminders when it falls due."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from assessments import notifications
from assessments.models import (
    COMMENT_MAX_LENGTH,
    Assessment,
    AuditAction,
    AuditEvent,
    Comment,
    ReviewReminder,
    Status,
    User,
)
from assessments.models.fields import free_text_problem
from assessments.roles import Role
from assessments.workflow import TransitionRefused

REMIND_DAYS_BEFORE = 30
COMMENTER_ROLES = frozenset({Role.ANALYST, Role.PRIVACY_OFFICER})


@dataclass(frozen=True)
class CommentsByTarget:
    """Comments arranged by what they are about, for showing beside the answers."""

    whole: list[Comment]
    by_section: dict[str, list[Comment]]
    by_rule: dict[str, list[Comment]]


def comments_by_target(comments: list[Comment]) -> CommentsByTarget:
    grouped = CommentsByTarget([], defaultdict(list), defaultdict(list))
    for comment in comments:
        if comment.section:
            grouped.by_section[comment.section].append(comment)
        elif comment.rule:
            grouped.by_rule[comment.rule].append(comment)
        else:
            grouped.whole.append(comment)
    # Plain dicts: templates must not create keys by looking them up.
    return CommentsByTarget(grouped.whole, dict(grouped.by_section), dict(grouped.by_rule))


def _refuse_if_signed(assessment: Assessment) -> None:
    # What was signed stays as signed, its review comments included (the database refuses too).
    if assessment.is_frozen:
        raise TransitionRefused(
            f"Version {assessment.version} is signed off, so its comments stay as they were "
            "signed. Comment on a new version: start one from this page."
        )


def _may_comment(actor: User, assessment: Assessment) -> bool:
    return actor.organisation_id == assessment.organisation_id and bool(
        actor.roles & COMMENTER_ROLES
    )


@transaction.atomic
def comment_add(
    *, assessment: Assessment, author: User, body: str, section: str = "", rule: str = ""
) -> Comment:
    """Comment on the whole assessment, one section (by id) or one finding (by rule id)."""
    if not _may_comment(author, assessment):
        raise TransitionRefused("Only analysts and privacy officers of the organisation comment.")
    _refuse_if_signed(assessment)
    body = body.strip()
    if problem := free_text_problem("The comment", body, COMMENT_MAX_LENGTH):
        raise TransitionRefused(problem)
    if not body:
        raise TransitionRefused("Write the comment in the box before adding it.")
    comment = Comment.objects.create(
        assessment=assessment, author=author, body=body, section=section, rule=rule
    )
    AuditEvent.objects.create(
        assessment=assessment,
        actor=author,
        action=AuditAction.COMMENTED,
        comment=body,
        data={"section": section, "rule": rule, "comment": comment.pk},
    )
    return comment


@transaction.atomic
def comment_mark_addressed(*, comment: Comment, actor: User) -> Comment:
    """Mark a comment dealt with (the author's side does this); once only."""
    if actor.organisation_id != comment.assessment.organisation_id or not actor.has_role(
        Role.ANALYST
    ):
        raise TransitionRefused("Only an analyst of the organisation marks comments addressed.")
    _refuse_if_signed(comment.assessment)
    updated = Comment.objects.filter(pk=comment.pk, addressed_at__isnull=True).update(
        addressed_at=timezone.now(), addressed_by=actor
    )
    if updated:
        AuditEvent.objects.create(
            assessment=comment.assessment,
            actor=actor,
            action=AuditAction.COMMENT_ADDRESSED,
            data={"comment": comment.pk},
        )
    comment.refresh_from_db()
    return comment


@transaction.atomic
def assessment_set_review_date(
    *, assessment: Assessment, actor: User, due: datetime.date
) -> Assessment:
    """Let a privacy officer move an approved assessment's next review date."""
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if actor.organisation_id != locked.organisation_id or not actor.has_role(Role.PRIVACY_OFFICER):
        raise TransitionRefused("Only a privacy officer of the organisation sets review dates.")
    if locked.status != Status.APPROVED:
        raise TransitionRefused("Only an approved assessment has a review date.")
    if due <= timezone.localdate():
        raise TransitionRefused("Choose a review date in the future.")
    old = locked.next_review_due
    locked.next_review_due = due
    locked.save(update_fields=["next_review_due"])
    AuditEvent.objects.create(
        assessment=locked,
        actor=actor,
        action=AuditAction.REVIEW_DATE_CHANGED,
        data={"old": old.isoformat() if old else None, "new": due.isoformat()},
    )
    return locked


def review_reminders_send(*, today: datetime.date | None = None) -> list[ReviewReminder]:
    """E-mail owners of approved assessments due within 30 days or overdue, once per due date."""
    today = today or timezone.localdate()
    due = (
        Assessment.objects.filter(
            status=Status.APPROVED,
            next_review_due__lte=today + datetime.timedelta(days=REMIND_DAYS_BEFORE),
        )
        .exclude(owner__email="")
        .select_related("owner")
        .order_by("next_review_due", "pk")
    )
    sent = []
    for assessment in due:
        due_date = assessment.next_review_due
        if due_date is None or (
            ReviewReminder.objects.filter(assessment=assessment, due_date=due_date).exists()
        ):
            continue
        try:
            with transaction.atomic():
                reminder = ReviewReminder.objects.create(
                    assessment=assessment,
                    due_date=due_date,
                    sent_to=assessment.owner.email,
                )
                AuditEvent.objects.create(
                    assessment=assessment,
                    action=AuditAction.REMINDER_SENT,
                    data={"due": due_date.isoformat(), "to": reminder.sent_to},
                )
                # Sent inside the block: if the mail fails, no reminder is recorded as sent.
                notifications.notify_review_due(assessment)
        except IntegrityError:
            continue  # Another run recorded it first.
        sent.append(reminder)
    return sent
