"""E-mails the workflow sends. Called after the transaction commits, never inside it."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse

from assessments.models import Assessment, User
from assessments.roles import Role


def _link(assessment: Assessment) -> str:
    return settings.SITE_URL + reverse("assessment_detail", args=[assessment.pk])


def _send(subject: str, body: str, recipients: list[str]) -> int:
    if not recipients:
        return 0
    return send_mass_mail(
        [(subject, body, settings.DEFAULT_FROM_EMAIL, [to]) for to in recipients],
        fail_silently=False,
    )


def officers_of(assessment: Assessment) -> list[str]:
    officers = User.objects.filter(
        organisation_id=assessment.organisation_id,
        groups__name=Role.PRIVACY_OFFICER.label,
        is_active=True,
    ).exclude(email="")
    return sorted(set(officers.values_list("email", flat=True)))


def notify_submitted(assessment: Assessment) -> int:
    return _send(
        f"[DPUP] {assessment.reference} submitted for review: {assessment.title}",
        f"{assessment.owner} submitted {assessment.reference} v{assessment.version}, "
        f"\u201c{assessment.title}\u201d, for review.\n\nReview it at {_link(assessment)}\n",
        officers_of(assessment),
    )


def notify_changes_requested(assessment: Assessment, comment: str) -> int:
    return _send(
        f"[DPUP] Changes requested on {assessment.reference}: {assessment.title}",
        f"A privacy officer asked for changes to {assessment.reference}:\n\n{comment}\n\n"
        f"See the comments at {_link(assessment)}\n",
        [assessment.owner.email] if assessment.owner.email else [],
    )


def notify_approved(assessment: Assessment) -> int:
    return _send(
        f"[DPUP] {assessment.reference} approved: {assessment.title}",
        f"{assessment.reference} v{assessment.version} was signed off. Its next review is due "
        f"on {assessment.next_review_due:%d %B %Y}.\n\nThe record is at {_link(assessment)}\n",
        [assessment.owner.email] if assessment.owner.email else [],
    )


def notify_review_due(assessment: Assessment) -> int:
    due = assessment.next_review_due
    return _send(
        f"[DPUP] Review due for {assessment.reference}: {assessment.title}",
        f"The review of {assessment.reference}, \u201c{assessment.title}\u201d, is due on "
        f"{due:%d %B %Y}. Start a new version to review it: {_link(assessment)}\n",
        [assessment.owner.email] if assessment.owner.email else [],
    )
