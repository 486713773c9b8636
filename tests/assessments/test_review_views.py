"""Review in the browser: the actions on the assessment page and what they show."""

import pytest
from django.urls import reverse

from assessments.models import Assessment, Comment, SignOff, Status
from assessments.reviewing import comment_add
from assessments.workflow import assessment_transition
from tests.assessments.workflow_helpers import in_state, ready_assessment

pytestmark = pytest.mark.django_db


def _move(client, assessment, action, comment=""):
    return client.post(
        reverse("assessment_move", args=[assessment.pk, action]), {"comment": comment}
    )


def test_officer_approves_and_the_page_shows_the_sign_off(client, people):
    assessment = in_state(people, Status.SUBMITTED)
    client.force_login(people.officer)
    page = client.get(reverse("assessment_detail", args=[assessment.pk])).content.decode()
    assert "Approve and sign off" in page
    assert "Request changes" in page
    # The boxes start empty (they once showed "[]", the lookup's default for a missing key).
    assert '-hint"></textarea>' in page
    assert "[]" not in page
    response = _move(client, assessment, "approve", "Approved for the hubs project.")
    assert response.status_code == 302
    sign_off = SignOff.objects.select_related("snapshot").get(assessment=assessment)
    page = client.get(reverse("assessment_detail", args=[assessment.pk])).content.decode()
    assert 'id="sign-off"' in page
    assert "Approved for the hubs project." in page
    assert sign_off.snapshot.sha256 in page
    assert "Approve and sign off" not in page


def test_approving_without_a_statement_keeps_the_page_and_says_why(client, people):
    assessment = in_state(people, Status.SUBMITTED)
    client.force_login(people.officer)
    response = _move(client, assessment, "approve", "  ")
    assert response.status_code == 409
    assert "Sign-off statement is needed to approve and sign off" in response.content.decode()
    assert Assessment.objects.get(pk=assessment.pk).status == Status.SUBMITTED


def test_a_refused_move_keeps_the_typed_text(client, people):
    assessment = in_state(people, Status.SUBMITTED)
    Assessment.objects.filter(pk=assessment.pk).update(status=Status.WITHDRAWN)
    client.force_login(people.officer)
    response = _move(client, assessment, "request_changes", "Please name each hub & why.")
    html = response.content.decode()
    assert response.status_code == 409
    assert "This assessment is withdrawn" in html


def test_submitting_a_not_ready_assessment_lists_blocking_findings_as_links(client, people):
    assessment = ready_assessment(people.analyst, purpose={"statement": "tbc"})
    client.force_login(people.analyst)
    response = _move(client, assessment, "submit")
    html = response.content.decode()
    assert response.status_code == 409
    assert 'id="error-summary"' in html
    assert '<a href="#finding-HT-01">HT-01</a>' in html
    assert Assessment.objects.get(pk=assessment.pk).status == Status.DRAFT


def test_unknown_action_is_a_clear_error(client, people):
    assessment = in_state(people, Status.SUBMITTED)
    client.force_login(people.officer)
    assert _move(client, assessment, "teleport").status_code == 400


def test_comments_show_beside_what_they_concern_and_are_marked_addressed(client, people):
    assessment = in_state(people, Status.CHANGES_REQUESTED)
    client.force_login(people.officer)
    for about, body in [
        ("", "Overall this is clear."),
        ("section:purpose", "Say which hubs."),
        ("rule:MK-02", "Which iwi were asked?"),
    ]:
        response = client.post(
            reverse("comment_create", args=[assessment.pk]), {"about": about, "body": body}
        )
        assert response.status_code == 302
    section_comment = Comment.objects.get(section="purpose")
    assert Comment.objects.get(rule="MK-02").body == "Which iwi were asked?"

    client.force_login(people.analyst)
    detail = client.get(reverse("assessment_detail", args=[assessment.pk])).content.decode()
    purpose_at = detail.index('id="section-purpose"')
    next_section = detail.index('id="section-data-items"')
    assert purpose_at < detail.index("Say which hubs.") < next_section
    edit = client.get(reverse("assessment_edit", args=[assessment.pk])).content.decode()
    assert "Say which hubs." in edit
    assert "Overall this is clear." in edit
    response = client.post(reverse("comment_addressed", args=[assessment.pk, section_comment.pk]))
    assert response.status_code == 302
    section_comment.refresh_from_db()
    assert section_comment.addressed_by == people.analyst


def test_start_a_new_version_from_the_page(client, people):
    approved = in_state(people, Status.APPROVED)
    client.force_login(people.analyst2)
    assert (
        "Start a new version"
        in client.get(reverse("assessment_detail", args=[approved.pk])).content.decode()
    )
    response = client.post(reverse("assessment_revise", args=[approved.pk]))
    draft = Assessment.objects.get(previous_version=approved)
    assert response["Location"] == reverse("assessment_edit", args=[draft.pk])
    page = client.get(reverse("assessment_detail", args=[approved.pk])).content.decode()
    assert f"Version {draft.version} is being written" in page


def test_officer_changes_the_review_date(client, people):
    approved = in_state(people, Status.APPROVED)
    client.force_login(people.officer)
    response = client.post(reverse("review_date_set", args=[approved.pk]), {"due": "2030-01-31"})
    assert response.status_code == 302
    approved.refresh_from_db()
    assert str(approved.next_review_due) == "2030-01-31"
    bad = client.post(reverse("review_date_set", args=[approved.pk]), {"due": "31/01/2030"})
    assert bad.status_code == 400
    assert 'value="31/01/2030"' in bad.content.decode()


def test_history_lists_versions_and_shows_what_changed(client, people):
    first = in_state(people, Status.APPROVED)
    client.force_login(people.analyst2)
    client.post(reverse("assessment_revise", args=[first.pk]))
    draft = Assessment.objects.get(previous_version=first)
    Assessment.objects.filter(pk=draft.pk).update(title="Mapping the over-65 population, v2")
    draft.refresh_from_db()
    _move(client, draft, "submit")
    html = client.get(reverse("assessment_history", args=[draft.pk])).content.decode()
    assert html.count('name="a"') == 3  # submitted v1, approved v1, submitted v2
    title_row = html[html.index("About the initiative › Title") :][:600]
    assert "<del" in title_row
    assert 'population across <span lang="mi">Waitaha</span> Canterbury</del>' in title_row
    assert "<ins" in title_row and "population, v2</ins>" in title_row


def test_detail_page_query_count_with_workflow(client, people, django_assert_max_num_queries):
    assessment = in_state(people, Status.SUBMITTED)
    for n in range(20):  # made in review; a signed version takes no more
        comment_add(assessment=assessment, author=people.officer, body=f"Note {n}")
    assessment_transition(
        assessment=assessment, actor=people.officer, target=Status.APPROVED, comment="Signed."
    )
    client.force_login(people.manager)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("assessment_detail", args=[assessment.pk]))
    assert response.status_code == 200


def test_author_sees_the_latest_request_for_changes_until_submitting_again(client, people):
    assessment = in_state(people, Status.CHANGES_REQUESTED)  # "Say who sees the map."
    client.force_login(people.analyst)
    url = reverse("assessment_detail", args=[assessment.pk])
    page = client.get(url).content.decode()
    assert 'id="change-request"' in page
    assert "Changes requested by ofa" in page
    assert "Say who sees the map." in page
    assert _move(client, assessment, "submit").status_code == 302
    assert 'id="change-request"' not in client.get(url).content.decode()
