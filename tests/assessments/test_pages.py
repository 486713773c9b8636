"""The list and detail pages: what they show, and a fixed number of queries however many rows."""

import pytest
from django.urls import reverse

from assessments.models import Status
from tests.factories import AssessmentFactory, ConsultationFactory, DataItemFactory

pytestmark = pytest.mark.django_db
MAX_QUERIES = 10


@pytest.mark.parametrize("count", [3, 300])
def test_list_query_count_is_fixed(client, people, django_assert_max_num_queries, count):
    AssessmentFactory.create_batch(count, organisation=people.organisation, owner=people.analyst)
    client.force_login(people.officer)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("assessment_list"), {"q": "Whānau", "page": "2"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == count


@pytest.mark.parametrize("items", [1, 100])
def test_detail_query_count_is_fixed(client, people, django_assert_max_num_queries, items):
    assessment = AssessmentFactory.create(organisation=people.organisation, owner=people.analyst)
    DataItemFactory.create_batch(items, assessment=assessment)
    ConsultationFactory.create_batch(3, assessment=assessment)
    client.force_login(people.manager)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("assessment_detail", args=[assessment.pk]))
    assert response.content.decode().count('class="card mb-3"') == items


def test_list_filters_by_status_owner_and_search(client, people):
    mine = AssessmentFactory.create(
        organisation=people.organisation, owner=people.analyst, title="Kaumātua housing"
    )
    theirs = AssessmentFactory.create(
        organisation=people.organisation,
        owner=people.analyst2,
        title="Youth mentoring",
        status=Status.SUBMITTED,
    )
    client.force_login(people.officer)

    def shown(**params):
        page = client.get(reverse("assessment_list"), params).context["page"]
        return {a.pk for a in page.object_list}

    assert shown() == {mine.pk, theirs.pk}
    assert shown(status="submitted") == {theirs.pk}
    assert shown(owner=people.analyst.pk) == {mine.pk}
    assert shown(q="kaumātua") == {mine.pk}
    assert shown(q="Kauma\u0304tua") == {mine.pk}  # typed with a combining macron
    assert shown(q=theirs.reference) == {theirs.pk}
    assert shown(status="nonsense", owner="abc") == {mine.pk, theirs.pk}


def test_list_paginates_and_keeps_filters_in_page_links(client, people):
    AssessmentFactory.create_batch(30, organisation=people.organisation, owner=people.analyst)
    client.force_login(people.analyst)
    response = client.get(reverse("assessment_list"), {"owner": people.analyst.pk})
    html = response.content.decode()
    assert len(response.context["page"].object_list) == 25
    assert f"?owner={people.analyst.pk}&amp;page=2" in html
    assert "Page 1 of 2" in html


def test_detail_shows_every_answer(client, people):
    assessment = AssessmentFactory.create(
        organisation=people.organisation,
        owner=people.analyst,
        purpose_benefit="Whānau get support sooner.",
        purpose_beneficiaries=["whanau", "iwi"],
        minimisation_identifying_needed=True,
        transparency_when_told="after",
        groups_pacific=True,
        sharing_value_format="A short report",
    )
    DataItemFactory.create(
        assessment=assessment, name="Date of birth", shared_with=["Whaikaha"], sensitive=True
    )
    ConsultationFactory.create(assessment=assessment, party="iwi_maori", depth="co_design")
    client.force_login(people.manager)
    html = client.get(reverse("assessment_detail", args=[assessment.pk])).content.decode()
    for text in [
        '<span lang="mi">Whānau</span> get support sooner.',
        '<span lang="mi">Whānau</span>, <span lang="mi">Iwi</span>',
        "Afterwards",
        "A short report",
        "Date of birth",
        "Whaikaha",
        "Co-design and rich engagement",
        '<span lang="mi">Iwi</span> and <span lang="mi">Māori</span>',
        "Not answered",
        '<span lang="mi">He Tāngata</span>',
    ]:
        assert text in html, text
