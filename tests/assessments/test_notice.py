"""The purpose statement and the notice for service users, built from the answers only."""

import io
import json

import pypdf
import pytest
from django.urls import reverse

from assessments.demo import DEMO_DATA
from assessments.interchange import assessment_to_dict
from assessments.notice import gaps, purpose_statement, service_user_notice
from assessments.records import record_pdf
from tests.assessments.workflow_helpers import ready_assessment

READY = json.loads((DEMO_DATA / "over-65-population-map.json").read_text("utf-8"))
EMPTY = {
    "schema": "dpup-assessment/1",
    "title": "Empty",
    "purpose": {"statement": ""},
    "data_items": [],
}


def test_purpose_statement_has_the_six_parts_from_the_answers():
    parts = purpose_statement(READY)
    assert [p.heading for p in parts] == [
        "What",
        "Why",
        "How it helps",
        "Choice",
        "Law",
        "Transparency",
    ]
    assert gaps(parts) == []
    assert parts[1].text == READY["purpose"]["statement"]
    assert parts[4].text == READY["purpose"]["legal_basis"]
    assert READY["data_items"][0]["name"] in parts[0].text


def test_unanswered_parts_are_gaps_naming_the_field_never_invented():
    doc = {**READY, "purpose": {**READY["purpose"], "legal_basis": "TBC"}}
    law = purpose_statement(doc)[4]
    assert (law.text, law.gap, law.field, law.anchor) == (
        "",
        "Name the law that allows it.",
        "purpose.legal_basis",
        "id_purpose_legal_basis",
    )
    every = purpose_statement(EMPTY) + [p for s in service_user_notice(EMPTY) for p in s.parts]
    assert all(part.gap and not part.text for part in every), [p for p in every if p.text]


def test_no_choice_is_explained_with_the_reason_given():
    doc = {
        **READY,
        "transparency": {"choices_offered": "", "reason_no_choice": "Counts are published."},
    }
    assert purpose_statement(doc)[3].text == "There is no choice, because: Counts are published."


def test_notice_covers_what_service_users_need_to_know():
    doc = json.loads((DEMO_DATA / "whanau-navigator-programme.json").read_text("utf-8"))
    notice = service_user_notice(doc)
    assert [s.title for s in notice] == [
        "Collection and use",
        "Seeing and correcting your information",
        "Your choices",
    ]
    headings = [p.heading for s in notice for p in s.parts]
    assert headings == [
        "What",
        "Why we need it",
        "How it will help",
        "Linking",
        "What it will not be used for, and who will not see it",
        "Who else sees it",
        "The law that allows it",
        "How to see it",
        "How to correct it",
        "If we do not change it",
        "Choice",
        "How you can be involved",
    ]
    shared = next(p for p in notice[0].parts if p.heading == "Who else sees it")
    item = next(i for i in doc["data_items"] if i.get("shared_with"))
    assert item["shared_with"][0] in shared.text


def test_nothing_shared_or_linked_is_said_only_when_the_items_say_so():
    doc = {**READY, "data_items": [{"name": "Age band", "retention": "P2Y"}]}
    parts = {p.heading: p for p in service_user_notice(doc)[0].parts}
    assert parts["Linking"].text == "We will not link it with other information about you."
    assert parts["Who else sees it"].text.startswith("We will not share it")
    doc["data_items"][0] |= {"shared_with": ["Te Whatu Ora"], "linked_with_other_data": True}
    parts = {p.heading: p for p in service_user_notice(doc)[0].parts}
    assert "Te Whatu Ora" in parts["Who else sees it"].text
    assert parts["Who else sees it"].gap == "Say why Age band is shared."
    assert parts["Linking"].gap == "Say why Age band is linked."


@pytest.mark.django_db
def test_notice_page_shows_gaps_with_links_for_the_analyst_only(client, people):
    assessment = ready_assessment(people.analyst, purpose={**READY["purpose"], "legal_basis": ""})
    client.force_login(people.analyst)
    html = client.get(reverse("assessment_notice", args=[assessment.pk])).content.decode()
    edit = reverse("assessment_edit", args=[assessment.pk])
    assert "What we collect and why" in html
    expected = sum(len(gaps(s.parts)) for s in service_user_notice(assessment_to_dict(assessment)))
    assert f"{expected} part{'s' if expected > 1 else ''} not yet written" in html
    assert f'<a href="{edit}#id_purpose_legal_basis">Name the law.</a>' in html
    client.force_login(people.manager)
    html = client.get(reverse("assessment_notice", args=[assessment.pk])).content.decode()
    assert "[Not yet written: Name the law.]" in html
    assert f"{edit}#" not in html


@pytest.mark.django_db
def test_notice_pdf_is_one_page_with_macrons(client, people):
    assessment = ready_assessment(people.analyst)
    client.force_login(people.manager)
    response = client.get(reverse("assessment_notice_pdf", args=[assessment.pk]))
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = reader.pages[0].extract_text()
    assert len(reader.pages) == 1
    assert "What we collect and why" in text
    assert "Seeing and correcting your information" in text
    assert "Your choices" in text


@pytest.mark.django_db
def test_purpose_statement_on_the_page_and_in_the_record(client, people):
    assessment = ready_assessment(people.analyst)
    client.force_login(people.officer)
    html = client.get(reverse("assessment_detail", args=[assessment.pk])).content.decode()
    assert 'id="purpose-statement"' in html
    assert "<dt>Transparency</dt>" in html
    text = pypdf.PdfReader(io.BytesIO(record_pdf(READY))).pages[1].extract_text()
    full = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(record_pdf(READY))).pages)
    assert "Purpose statement" in full
    assert text
