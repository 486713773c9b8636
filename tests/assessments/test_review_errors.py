"""Every refusal in the review panel is tied to its field: linked from the summary, the field
marked invalid and described by the message, and what was typed kept (WCAG 3.3.1, 1.3.1)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments.models import Assessment, Status
from tests.assessments.workflow_helpers import in_state

pytestmark = pytest.mark.django_db


def _field(html: str, field_id: str) -> str:
    match = re.search(rf'<(textarea|input)[^>]*\bid="{field_id}"[^>]*>', html)
    assert match, f"no field {field_id}"
    return match.group(0)


def _assert_tied(html: str, field_id: str) -> None:
    assert f'<a href="#{field_id}">' in html  # the summary links to the field
    field = _field(html, field_id)
    assert 'aria-invalid="true"' in field
    described = re.search(r'aria-describedby="([^"]*)"', field)
    assert described and f"{field_id}-error" in described.group(1).split()
    assert f'id="{field_id}-error"' in html


def test_a_refused_move_is_tied_to_its_comment_box_and_keeps_the_text(client, people):
    assessment = in_state(people, Status.SUBMITTED)
    client.force_login(people.officer)
    url = reverse("assessment_move", args=[assessment.pk, "request_changes"])
    response = client.post(url, {"comment": "   "})
    assert response.status_code == 409
    _assert_tied(response.content.decode(), "move-request_changes")


def test_an_empty_comment_is_tied_to_its_box_which_stays_open(client, people):
    assessment = in_state(people, Status.SUBMITTED)
    client.force_login(people.officer)
    url = reverse("comment_create", args=[assessment.pk])
    response = client.post(url, {"body": "x" * 5001, "about": "section:purpose"})
    assert response.status_code == 400
    html = response.content.decode()
    _assert_tied(html, "comment-sectionpurpose")
    assert "x" * 5001 in html  # nothing typed is lost
    assert re.search(
        r'<details class="mb-3 comment-form" open>\s*<summary[^>]*>Comment on '
        r"Purpose",
        html,
    )


def test_an_invalid_review_date_is_tied_to_the_date_field(client, people):
    assessment = in_state(people, Status.APPROVED)
    client.force_login(people.officer)
    url = reverse("review_date_set", args=[assessment.pk])
    response = client.post(url, {"due": "31/02/2027"})
    assert response.status_code == 400
    html = response.content.decode()
    _assert_tied(html, "review-due")
    assert 'value="31/02/2027"' in html


def test_the_notice_has_its_h1_before_the_warning_about_gaps(client, people):
    assessment = in_state(people, Status.DRAFT)
    Assessment.objects.filter(pk=assessment.pk).update(transparency_how_people_told="")
    client.force_login(people.analyst)
    html = client.get(reverse("assessment_notice", args=[assessment.pk])).content.decode()
    assert "not yet written" in html
    headings = re.findall(r"<h([1-6])", html.split('id="main"', 1)[1])
    assert headings[0] == "1", headings


def test_an_import_refused_marks_the_file_field_invalid_and_ties_it_to_the_summary(client, people):
    client.force_login(people.analyst)
    upload = SimpleUploadedFile("bad.json", b'{"title": ""}', content_type="application/json")
    response = client.post(reverse("assessment_import"), {"file": upload})
    assert response.status_code == 400
    html = response.content.decode()
    field = _field(html, "id_file")
    assert 'aria-invalid="true"' in field
    assert 'aria-describedby="problems-title id_file_helptext"' in field
    assert 'id="id_file_helptext"' in html
    assert '<a href="#id_file">' in html


def test_an_invalid_portfolio_filter_is_marked_invalid_and_described(client, people):
    client.force_login(people.manager)
    html = client.get(reverse("portfolio"), {"status": "nonsense"}).content.decode()
    select = re.search(r'<select[^>]*name="status"[^>]*>', html)
    assert select, "no status filter"
    assert 'aria-invalid="true"' in select.group(0)
    described = re.search(r'aria-describedby="([^"]*)"', select.group(0))
    assert described and f'id="{described.group(1)}"' in html
