"""The assessment page's own form, submitted as a browser would send it."""

import pytest
from django.urls import reverse

from assessments.interchange import assessment_to_dict, snapshot_queryset
from assessments.models import Assessment
from assessments.scoring import assessment_rescore
from tests.factories import AssessmentFactory, ConsultationFactory, DataItemFactory
from tests.pageform import page_form

pytestmark = pytest.mark.django_db


def test_new_page_saves_with_its_blank_rows_left_blank(client, people):
    client.force_login(people.analyst)
    data = page_form(client.get(reverse("assessment_create")).content.decode(), "assessment-form")
    assert data["data_items-TOTAL_FORMS"] == "1"
    data["title"] = "Just a title"
    response = client.post(reverse("assessment_create"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assessment = Assessment.objects.get()
    assert not assessment.data_items.exists()
    assert not assessment.consultations.exists()


def test_edit_page_saved_unchanged_keeps_every_answer(client, people):
    assessment = AssessmentFactory.create(
        organisation=people.organisation,
        owner=people.analyst,
        purpose_beneficiaries=["whanau"],
        minimisation_identifying_needed=True,
        justifications={"HT-03": "Risks are covered by the programme's risk register."},
    )
    DataItemFactory.create(
        assessment=assessment, shared_with=["Whaikaha", "Kāinga Ora"], identifying=True
    )
    ConsultationFactory.create(assessment=assessment, date="2026-03-14")
    assessment_rescore(assessment=assessment)
    before = assessment_to_dict(snapshot_queryset().get(pk=assessment.pk))
    client.force_login(people.analyst2)
    url = reverse("assessment_edit", args=[assessment.pk])
    data = page_form(client.get(url).content.decode(), "assessment-form")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    after = assessment_to_dict(snapshot_queryset().get(pk=assessment.pk))
    assert after == before


def test_preview_of_the_page_as_sent_scores_it(client, people):
    assessment = AssessmentFactory.create(organisation=people.organisation, owner=people.analyst)
    client.force_login(people.analyst)
    data = page_form(
        client.get(reverse("assessment_edit", args=[assessment.pk])).content.decode(),
        "assessment-form",
    )
    data["purpose_statement"] = "tbc"
    response = client.post(reverse("assessment_preview", args=[assessment.pk]), data)
    assert response.status_code == 200
    assert "HT-01" in response.content.decode()
