"""Every free text has a limit, kept by the form, the service and the model alike, and no text
holds bidirectional control characters (they make text display out of the order it is stored)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from assessments.models import COMMENT_MAX_LENGTH, Assessment, AuditEvent, Comment, SignOff, Status
from assessments.reviewing import comment_add
from assessments.workflow import TransitionRefused, assessment_transition
from tests.assessments.formdata import form_data
from tests.assessments.workflow_helpers import in_state, ready_assessment
from tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db

TOO_LONG = "x" * (COMMENT_MAX_LENGTH + 1)
RLO = "Approved \u202efor the hubs"


def _move(client, assessment, action, comment):
    url = reverse("assessment_move", args=[assessment.pk, action])
    return client.post(url, {"comment": comment})


def test_a_huge_comment_on_submit_is_refused_naming_the_field_and_limit(client, people):
    # The reproduction: a 1.5 MB comment on "Submit for review" was accepted.
    assessment = ready_assessment(people.analyst)
    client.force_login(people.analyst)
    typed = "Please look. " + "y" * 1_500_000
    response = _move(client, assessment, "submit", typed)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Comment is 1,500,013 characters long; the limit is 5,000" in html
    assert Assessment.objects.get(pk=assessment.pk).status == Status.DRAFT


def test_a_sign_off_statement_past_the_limit_is_refused(client, people):
    assessment = in_state(people, Status.SUBMITTED)
    client.force_login(people.officer)
    response = _move(client, assessment, "approve", TOO_LONG)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Sign-off statement is 5,001 characters long; the limit is 5,000" in html
    assert f">{TOO_LONG}</textarea>" in html  # kept in the box
    assert not SignOff.objects.exists()


def test_a_statement_of_exactly_the_limit_is_accepted(people):
    assessment = in_state(people, Status.SUBMITTED)
    statement = "s" * COMMENT_MAX_LENGTH
    assessment_transition(
        assessment=assessment, actor=people.officer, target=Status.APPROVED, comment=statement
    )
    assert SignOff.objects.get().statement == statement


def test_bidi_controls_in_a_transition_comment_are_refused(people):
    assessment = in_state(people, Status.SUBMITTED)
    with pytest.raises(TransitionRefused, match=r"U\+202E \(RIGHT-TO-LEFT OVERRIDE\)"):
        assessment_transition(
            assessment=assessment, actor=people.officer, target=Status.APPROVED, comment=RLO
        )


def test_a_review_comment_past_the_limit_keeps_what_was_typed(client, people):
    assessment = in_state(people, Status.SUBMITTED)
    client.force_login(people.officer)
    response = client.post(reverse("comment_create", args=[assessment.pk]), {"body": TOO_LONG})
    html = response.content.decode()
    assert response.status_code == 400
    assert "The comment is 5001 characters long; the limit is 5000" in html
    assert TOO_LONG in html
    assert not Comment.objects.exists()


def test_a_review_comment_with_bidi_controls_is_refused_in_the_form(client, people):
    assessment = in_state(people, Status.SUBMITTED)
    client.force_login(people.officer)
    response = client.post(reverse("comment_create", args=[assessment.pk]), {"body": RLO})
    assert response.status_code == 400
    assert "RIGHT-TO-LEFT OVERRIDE" in response.content.decode()
    with pytest.raises(TransitionRefused, match="RIGHT-TO-LEFT OVERRIDE"):
        comment_add(assessment=assessment, author=people.officer, body=RLO)


def test_a_comment_about_something_unknown_is_a_clear_error_not_a_500(client, people):
    # The reproduction: 36 characters went into the 8-character rule column.
    assessment = in_state(people, Status.SUBMITTED)
    client.force_login(people.officer)
    url = reverse("comment_create", args=[assessment.pk])
    response = client.post(url, {"body": "Fine", "about": "rule:" + "R" * 36})
    assert response.status_code == 400
    assert "not a section or a finding" in response.content.decode()
    assert client.post(url, {"body": "Fine", "about": "rule:HT-01"}).status_code == 302
    assert client.post(url, {"body": "Fine", "about": "section:purpose"}).status_code == 302


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (Comment, {"body": TOO_LONG}),
        (AuditEvent, {"comment": TOO_LONG, "action": "commented"}),
    ],
)
def test_the_model_refuses_text_past_the_limit_on_save(people, model, fields):
    assessment = AssessmentFactory.create(organisation=people.organisation)
    author = {"author": people.officer} if model is Comment else {"actor": people.officer}
    with pytest.raises(ValidationError, match="at most 5000 characters"):
        model.objects.create(assessment=assessment, **author, **fields)


@pytest.mark.parametrize("char", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e"])
def test_the_model_refuses_bidi_controls_in_text(people, char):
    assessment = AssessmentFactory.build(
        organisation=people.organisation, owner=people.analyst, title=f"Map{char}ping"
    )
    with pytest.raises(ValidationError) as refused:
        assessment.full_clean()
    assert "title" in refused.value.message_dict
    with pytest.raises(ValidationError):
        assessment.save()


@pytest.mark.parametrize("char", ["\u2066", "\u2067", "\u2068", "\u2069"])
def test_the_model_refuses_bidi_isolates_inside_json_text(people, char):
    assessment = AssessmentFactory.create(organisation=people.organisation)
    assessment.justifications = {"HT-04": f"Because{char}"}
    with pytest.raises(ValidationError) as refused:
        assessment.save()
    assert "justifications" in refused.value.message_dict


def test_the_edit_form_names_a_title_with_bidi_controls(client, people):
    client.force_login(people.analyst)
    typed = "Map \u202eevil"
    response = client.post(reverse("assessment_create"), form_data(title=typed))
    assert response.status_code == 200
    assert "RIGHT-TO-LEFT OVERRIDE" in response.content.decode()
    assert not Assessment.objects.exists()
