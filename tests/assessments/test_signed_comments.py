"""Review comments of a signed version stay as they were signed: none added, none marked
addressed, by the service, the page or the database itself; they go on a new version."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from assessments.models import Comment, Status
from assessments.reviewing import comment_add, comment_mark_addressed
from assessments.workflow import (
    TransitionRefused,
    assessment_new_version,
    assessment_transition,
)
from tests.assessments.workflow_helpers import in_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def returned_then_approved(people):
    """An approved assessment that carries a comment from its review."""
    assessment = in_state(people, Status.SUBMITTED)
    comment = comment_add(assessment=assessment, author=people.officer, body="Say who sees it.")
    assessment_transition(
        assessment=assessment, actor=people.officer, target=Status.APPROVED, comment="Signed."
    )
    assessment.refresh_from_db()
    return assessment, comment


def test_a_comment_on_a_signed_version_is_refused_in_words(people, returned_then_approved):
    assessment, _ = returned_then_approved
    with pytest.raises(TransitionRefused, match="signed off.*new version"):
        comment_add(assessment=assessment, author=people.officer, body="Too late.")
    assert Comment.objects.filter(assessment=assessment).count() == 1


def test_a_comment_of_a_signed_version_cannot_be_marked_addressed(people, returned_then_approved):
    _, comment = returned_then_approved
    with pytest.raises(TransitionRefused, match="signed off"):
        comment_mark_addressed(comment=comment, actor=people.analyst)
    comment.refresh_from_db()
    assert comment.addressed_at is None


def test_the_database_refuses_comments_on_a_signed_version(people, returned_then_approved):
    assessment, comment = returned_then_approved
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.bulk_create(
            [Comment(assessment=assessment, author=people.officer, body="Smuggled.")]
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(body="Rewritten.")


def test_the_signed_page_offers_no_comment_box_and_a_new_version_takes_comments(
    client, people, returned_then_approved
):
    assessment, _ = returned_then_approved
    client.force_login(people.officer)
    page = client.get(reverse("assessment_detail", args=[assessment.pk])).content.decode()
    assert "Add comment" not in page
    response = client.post(reverse("comment_create", args=[assessment.pk]), {"body": "Late."})
    assert response.status_code == 403
    assert "new version" in response.content.decode()
    draft = assessment_new_version(assessment=assessment, actor=people.analyst)
    assert comment_add(assessment=draft, author=people.officer, body="On the new version.")
