"""Writing an assessment in the browser: drafts, rows, errors and conflicts."""

import re
import unicodedata

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Assessment
from tests.assessments.formdata import form_data
from tests.factories import AssessmentFactory, ConsultationFactory, DataItemFactory

pytestmark = pytest.mark.django_db


def test_analyst_creates_a_draft_with_rows(client, people):
    client.force_login(people.analyst)
    response = client.post(
        reverse("assessment_create"),
        form_data(
            title="Over-65 population map",
            purpose_statement="Place two community hubs where older people live.",
            purpose_beneficiaries=["communities", "whanau"],
            minimisation_identifying_needed="false",
            groups_maori="on",
            items=[
                {"name": "Age band", "retention": "P2Y", "shared_with": "Te Whatu Ora\nCouncil"},
                {"name": "Suburb", "identifying": "on"},
            ],
            consultations=[{"party": "iwi_maori", "depth": "co_design", "date": "2026-03-14"}],
        ),
    )
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("assessment_edit", args=[assessment.pk])
    assert assessment.reference == f"DPUP-{timezone.localdate().year}-0001"
    assert assessment.organisation == people.organisation
    assert assessment.owner == people.analyst
    assert list(assessment.editors.all()) == [people.analyst]
    created = assessment.audit_events.get()
    assert (created.action, created.actor, created.to_status) == (
        "created",
        people.analyst,
        "draft",
    )
    assert assessment.purpose_beneficiaries == ["communities", "whanau"]
    assert assessment.minimisation_identifying_needed is False
    assert assessment.groups_maori is True
    items = list(assessment.data_items.all())
    assert [(i.name, i.position) for i in items] == [("Age band", 0), ("Suburb", 1)]
    assert items[0].shared_with == ["Te Whatu Ora", "Council"]
    assert items[1].identifying is True
    consultation = assessment.consultations.get()
    assert consultation.party == "iwi_maori"
    assert str(consultation.date) == "2026-03-14"


def test_empty_draft_saves_with_just_a_title(client, people):
    client.force_login(people.analyst)
    response = client.post(reverse("assessment_create"), form_data(title="Just a name"))
    assert response.status_code == 302
    assert Assessment.objects.get().purpose_statement == ""


def test_second_analyst_edits_rows_removes_one_and_positions_follow(client, people):
    assessment = AssessmentFactory.create(organisation=people.organisation, owner=people.analyst)
    first, second, third = (
        DataItemFactory.create(assessment=assessment, name=n, position=p)
        for p, n in enumerate(["A", "B", "C"])
    )
    client.force_login(people.analyst2)
    response = client.post(
        reverse("assessment_edit", args=[assessment.pk]),
        form_data(
            assessment,
            title=assessment.title,
            items=[
                {"id": first.pk, "name": "A"},
                {"id": second.pk, "name": "B", "DELETE": "on"},
                {"id": third.pk, "name": "C renamed"},
                {"name": "D"},
            ],
        ),
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert [(i.name, i.position) for i in assessment.data_items.all()] == [
        ("A", 0),
        ("C renamed", 1),
        ("D", 2),
    ]
    assert assessment.lock_version == 2
    assert set(assessment.editors.all()) == {people.analyst2}


def test_stale_save_is_refused_and_the_typed_text_shown_back(client, people):
    assessment = AssessmentFactory.create(organisation=people.organisation, owner=people.analyst)
    opened_at = form_data(assessment, title=assessment.title)["lock_version"]
    client.force_login(people.analyst)
    first = client.post(
        reverse("assessment_edit", args=[assessment.pk]),
        form_data(assessment, title="First person's title", lock_version=opened_at),
    )
    assert first.status_code == 302

    client.force_login(people.analyst2)
    second = client.post(
        reverse("assessment_edit", args=[assessment.pk]),
        form_data(
            assessment,
            title="Second person's title",
            purpose_statement="A long careful paragraph the second person typed.",
            items=[{"name": "Date of birth", "justification": "Needed for eligibility."}],
            lock_version=opened_at,
        ),
    )
    html = second.content.decode()
    assert second.status_code == 409
    assert "Your changes were not saved" in html
    assert "Someone else saved this assessment" in html
    assert "A long careful paragraph the second person typed." in html
    assert "Second person&#x27;s title" in html
    assert "Needed for eligibility." in html
    assessment.refresh_from_db()
    assert assessment.title == "First person's title"
    assert assessment.purpose_statement != "A long careful paragraph the second person typed."
    assert not assessment.data_items.exists()


def test_invalid_input_is_listed_in_an_error_summary_and_nothing_is_lost(client, people):
    client.force_login(people.analyst)
    response = client.post(
        reverse("assessment_create"),
        form_data(
            title="x" * 201,
            purpose_statement="Kept as typed: whānau ā-rohe.",
            initiative_kind="spaceship",
            transparency_when_told="someday",
            purpose_beneficiaries=["aliens"],
            items=[{"name": "Address", "retention": "r" * 201}],
            consultations=[{"party": "iwi_maori", "date": "14/03/2026"}],
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert not Assessment.objects.exists()
    assert 'id="error-summary"' in html
    assert re.search(r'href="#id_title">Title: Ensure this value has at most 200', html)
    assert 'href="#id_initiative_kind">Kind of initiative: Select a valid choice.' in html
    assert 'href="#id_data_items-0-retention">Data item 1, Retention: Ensure this value' in html
    # A group of radio buttons or boxes links to its first choice.
    assert 'href="#id_transparency_when_told_0">When people are told: Select a valid' in html
    assert 'href="#id_purpose_beneficiaries_0">Who benefits: Select a valid choice.' in html
    assert (
        'href="#id_consultations-0-date">Consultation 1, Date: Enter a date as YYYY-MM-DD' in html
    )
    assert "Kept as typed: whānau ā-rohe." in html
    assert "14/03/2026" in html
    assert 'value="Address"' in html


def test_title_is_required_with_a_message_saying_why(client, people):
    client.force_login(people.analyst)
    html = client.post(reverse("assessment_create"), form_data(title="  ")).content.decode()
    assert "Enter a title: a draft needs a name before it can be saved." in html


def test_text_is_stored_in_nfc(client, people):
    decomposed = "Whanau".replace("a", "a\u0304", 1)  # "Wha\u0304nau": a + combining macron
    client.force_login(people.analyst)
    client.post(
        reverse("assessment_create"),
        form_data(title=decomposed, items=[{"name": decomposed, "shared_with": decomposed}]),
    )
    assessment = Assessment.objects.get()
    nfc = unicodedata.normalize("NFC", decomposed)
    assert assessment.title == nfc == "Whānau"
    assert Assessment.objects.filter(title=nfc).exists()
    assert Assessment.objects.filter(title=decomposed).exists()  # lookups are normalised too
    item = assessment.data_items.get()
    assert item.name == nfc
    assert item.shared_with == [nfc]


def test_edit_page_shows_saved_rows_and_a_blank_one(client, people):
    assessment = AssessmentFactory.create(organisation=people.organisation, owner=people.analyst)
    DataItemFactory.create(assessment=assessment, name="Iwi affiliation")
    ConsultationFactory.create(assessment=assessment, summary="Hui with kaumātua")
    client.force_login(people.analyst)
    html = client.get(reverse("assessment_edit", args=[assessment.pk])).content.decode()
    assert 'value="Iwi affiliation"' in html
    assert "Hui with kaumātua" in html
    assert 'name="data_items-TOTAL_FORMS" value="2"' in html
    assert 'name="lock_version" value="1"' in html
