"""Moving an assessment through review: one transition table, applied by one service.

States: draft -> submitted -> (changes_requested -> submitted ...) -> approved; also
withdrawn, and superseded when a later version of the same assessment is approved.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from django.db import transaction
from django.utils import timezone

import principles
from assessments import notifications
from assessments.canonical import sha256_of
from assessments.interchange import assessment_to_dict, snapshot_queryset
from assessments.models import (
    COMMENT_MAX_LENGTH,
    Assessment,
    AuditAction,
    AuditEvent,
    Consultation,
    DataItem,
    SignOff,
    Snapshot,
    SnapshotKind,
    Status,
    User,
)
from assessments.models.fields import free_text_problem
from assessments.roles import Role
from assessments.scoring import STORED_FIELDS, store_result
from assessments.tasks import render_approved_record

REVIEW_AFTER_YEARS = 1


@dataclass(frozen=True)
class Transition:
    """Who may make one move, and what it asks of them."""

    action: str
    label: str
    role: Role | None  # None: only the assessment's author (owner) may.
    comment_required: bool = False
    comment_label: str = "Comment"


TRANSITIONS: dict[tuple[Status, Status], Transition] = {
    (Status.DRAFT, Status.SUBMITTED): Transition("submit", "Submit for review", Role.ANALYST),
    (Status.CHANGES_REQUESTED, Status.SUBMITTED): Transition(
        "submit", "Submit for review again", Role.ANALYST
    ),
    (Status.SUBMITTED, Status.CHANGES_REQUESTED): Transition(
        "request_changes",
        "Request changes",
        Role.PRIVACY_OFFICER,
        comment_required=True,
        comment_label="What needs to change",
    ),
    (Status.SUBMITTED, Status.APPROVED): Transition(
        "approve",
        "Approve and sign off",
        Role.PRIVACY_OFFICER,
        comment_required=True,
        comment_label="Sign-off statement",
    ),
    (Status.DRAFT, Status.WITHDRAWN): Transition("withdraw", "Withdraw", None),
    (Status.SUBMITTED, Status.WITHDRAWN): Transition("withdraw", "Withdraw", None),
    (Status.CHANGES_REQUESTED, Status.WITHDRAWN): Transition("withdraw", "Withdraw", None),
}
TARGET_BY_ACTION = {t.action: target for (_, target), t in TRANSITIONS.items()}


class TransitionRefused(Exception):
    """The move is not allowed now; the message says why in plain words."""

    def __init__(self, message: str, *, blocking: list[principles.Finding] | None = None):
        super().__init__(message)
        self.blocking = blocking or []


def _why_not(assessment: Assessment, target: Status) -> str:
    if assessment.status == Status.APPROVED and target == Status.APPROVED:
        sign_off = SignOff.objects.select_related("approver").get(assessment=assessment)
        when = timezone.localtime(sign_off.signed_at)
        return (
            f"This assessment was already approved by {sign_off.approver} "
            f"at {when:%H:%M on %d %B %Y}."
        )
    return (
        f"This assessment is {assessment.get_status_display().lower()}, so it cannot be "
        f"moved to {Status(target).label.lower()}. Reload the page to see where it is now."
    )


def _refusal(transition: Transition, assessment: Assessment, actor: User) -> str | None:
    """Return why `actor` may not make `transition` on `assessment`, or None if they may."""
    if actor.organisation_id != assessment.organisation_id:
        return "This assessment belongs to another organisation."
    if transition.role is None and actor.pk != assessment.owner_id:
        return "Only the author of an assessment can withdraw it."
    if transition.role is not None and not actor.has_role(transition.role):
        role = transition.role.label.lower()
        article = "an" if role[0] in "aeiou" else "a"
        return f"Only {article} {role} can {transition.label.lower()}."
    if transition.action == "approve" and (
        actor.pk == assessment.owner_id or assessment.editors.filter(pk=actor.pk).exists()
    ):
        return (
            "You wrote or edited this assessment, so someone else must sign it off "
            "(separation of duties)."
        )
    return None


def transitions_for(assessment: Assessment, actor: User) -> list[Transition]:
    """Return the moves `actor` may make on `assessment` now, for the page's buttons."""
    return [
        transition
        for (source, _), transition in TRANSITIONS.items()
        if source == assessment.status and _refusal(transition, assessment, actor) is None
    ]


def next_review_date(today: datetime.date) -> datetime.date:
    """Return the same day a year on (29 February falls back to the 28th)."""
    try:
        return today.replace(year=today.year + REVIEW_AFTER_YEARS)
    except ValueError:
        return today.replace(year=today.year + REVIEW_AFTER_YEARS, day=28)


def _take_snapshot(assessment: Assessment, kind: SnapshotKind, actor: User) -> Snapshot:
    """Score the assessment as stored and keep the document and result exactly as they are."""
    document = assessment_to_dict(snapshot_queryset().get(pk=assessment.pk))
    result = principles.score(document)
    store_result(assessment, result)
    assessment.save(update_fields=STORED_FIELDS)
    return Snapshot.objects.create(
        assessment=assessment,
        kind=kind,
        taken_by=actor,
        document=document,
        result=result.to_dict(include_fields=True),
        ruleset_version=result.ruleset,
        sha256=sha256_of(document),
    )


def _audit(assessment: Assessment, actor: User | None, action: str, **fields: object) -> None:
    AuditEvent.objects.create(assessment=assessment, actor=actor, action=action, **fields)


@transaction.atomic
def assessment_transition(
    *, assessment: Assessment, actor: User, target: Status, comment: str = ""
) -> Assessment:
    """Move `assessment` to `target` if the table allows `actor` to, and record it.

    The row is locked for the whole move, so of two people racing (two officers approving at
    once) exactly one succeeds and the other is told what happened.
    """
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    transition = TRANSITIONS.get((Status(locked.status), target))
    if transition is None:
        raise TransitionRefused(_why_not(locked, target))
    if refusal := _refusal(transition, locked, actor):
        raise TransitionRefused(refusal)
    comment = comment.strip()
    if problem := free_text_problem(transition.comment_label, comment, COMMENT_MAX_LENGTH):
        raise TransitionRefused(problem)
    if transition.comment_required and not comment:
        raise TransitionRefused(
            f"{transition.comment_label} is needed to {transition.label.lower()}: "
            "write it in the box, then try again."
        )
    source = locked.status
    if target == Status.SUBMITTED:
        _submit(locked, actor)
    elif target == Status.APPROVED:
        _approve(locked, actor, comment)
    locked.status = target
    locked.save(update_fields=["status", "next_review_due"])
    _audit(
        locked,
        actor,
        AuditAction.TRANSITION,
        from_status=source,
        to_status=target,
        comment=comment,
    )
    _notify_after_commit(locked, target, comment)
    return locked


def _submit(assessment: Assessment, actor: User) -> None:
    snapshot = _take_snapshot(assessment, SnapshotKind.SUBMITTED, actor)
    result = principles.Result.from_dict(snapshot.result)
    if result.readiness == principles.Readiness.NOT_READY:
        blocking = result.blocking_unmet()
        rules = ", ".join(f.rule for f in blocking)
        # Raising rolls back the snapshot with everything else in this transaction.
        raise TransitionRefused(
            f"It is not ready for review: blocking findings {rules} are not met. Fix each one, "
            "or give a reason beside it why it does not apply, then submit again.",
            blocking=blocking,
        )


def _approve(assessment: Assessment, actor: User, statement: str) -> None:
    snapshot = _take_snapshot(assessment, SnapshotKind.APPROVED, actor)
    SignOff.objects.create(
        assessment=assessment, snapshot=snapshot, approver=actor, statement=statement
    )
    assessment.next_review_due = next_review_date(timezone.localdate())
    _audit(
        assessment,
        actor,
        AuditAction.SIGNED_OFF,
        comment=statement,
        data={"sha256": snapshot.sha256, "ruleset": snapshot.ruleset_version},
    )
    previous = assessment.previous_version
    if previous is not None and previous.status == Status.APPROVED:
        Assessment.objects.filter(pk=previous.pk).update(status=Status.SUPERSEDED)
        _audit(
            previous,
            actor,
            AuditAction.SUPERSEDED,
            from_status=Status.APPROVED,
            to_status=Status.SUPERSEDED,
            data={"by_version": assessment.version},
        )


def _after_approval(assessment: Assessment) -> None:
    # Render the record once, now that the approval is committed (inline when no worker runs),
    # then tell the author.
    render_approved_record.enqueue(assessment.pk)
    notifications.notify_approved(assessment)


def _notify_after_commit(assessment: Assessment, target: Status, comment: str) -> None:
    senders: dict[Status, Callable[[], object]] = {
        Status.SUBMITTED: partial(notifications.notify_submitted, assessment),
        Status.CHANGES_REQUESTED: partial(
            notifications.notify_changes_requested, assessment, comment
        ),
        Status.APPROVED: partial(_after_approval, assessment),
    }
    send = senders.get(target)
    if send is not None:
        transaction.on_commit(send)


# Everything about a version that is not its content: who, where in the workflow, its score.
_NOT_COPIED = frozenset(
    {
        "id",
        "status",
        "version",
        "previous_version",
        "lock_version",
        "created_at",
        "updated_at",
        "next_review_due",
        "owner",
    }
)


Row = TypeVar("Row", DataItem, Consultation)


def _copies(rows: Iterable[Row], assessment: Assessment) -> list[Row]:
    """Return unsaved copies of `rows` belonging to `assessment`."""
    copies = []
    for row in rows:
        row.pk = None
        row._state.adding = True
        row.assessment = assessment
        copies.append(row)
    return copies


@transaction.atomic
def assessment_new_version(*, assessment: Assessment, actor: User) -> Assessment:
    """Start editing an approved assessment as a new draft version of the same reference.

    The approved version stays the record until the new one is approved.
    """
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if actor.organisation_id != locked.organisation_id or not actor.has_role(Role.ANALYST):
        raise TransitionRefused("Only an analyst of the organisation can start a new version.")
    if locked.status != Status.APPROVED:
        raise TransitionRefused("Only the approved version can be revised.")
    existing = Assessment.objects.filter(previous_version=locked).first()
    if existing is not None:
        raise TransitionRefused(
            f"Version {existing.version} of {locked.reference} is already being written."
        )
    fields = {
        f.attname: getattr(locked, f.attname)
        for f in Assessment._meta.concrete_fields
        if f.name not in _NOT_COPIED
    }
    draft = Assessment.objects.create(
        **fields,
        owner=actor,
        version=locked.version + 1,
        previous_version=locked,
        status=Status.DRAFT,
    )
    DataItem.objects.bulk_create(_copies(locked.data_items.all(), draft))
    Consultation.objects.bulk_create(_copies(locked.consultations.all(), draft))
    draft.editors.add(actor)
    _audit(draft, actor, AuditAction.NEW_VERSION, data={"from_version": locked.version})
    return draft
