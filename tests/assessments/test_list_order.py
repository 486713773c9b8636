"""The list's orders and pages: any order, any page, a fixed number of queries."""

import pytest
from django.urls import reverse

from assessments.selectors import SORTS
from tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db


def _titles(response) -> list[str]:
    return [a.title for a in response.context["page"].object_list]


def test_the_list_sorts_by_title_and_score_and_ignores_an_unknown_order(client, people):
    for title, score in [("Kōrero", 40), ("Awhina", 90), ("Mahi", None)]:
        AssessmentFactory.create(
            organisation=people.organisation,
            owner=people.analyst,
            title=title,
            overall_score=score,
        )
    client.force_login(people.manager)
    url = reverse("assessment_list")
    assert _titles(client.get(url, {"sort": "title"})) == ["Awhina", "Kōrero", "Mahi"]
    assert _titles(client.get(url, {"sort": "score"}))[:2] == ["Kōrero", "Awhina"]
    unknown = client.get(url, {"sort": "password"})
    assert unknown.status_code == 200 and unknown.context["sort"] == "updated"
    html = client.get(url, {"sort": "title"}).content.decode()
    assert '<option value="title" selected>Title, A to Z</option>' in html


@pytest.mark.parametrize("sort", list(SORTS))
@pytest.mark.parametrize("count", [3, 120])
def test_every_order_shows_each_row_once_in_fixed_queries(
    client, people, django_assert_max_num_queries, sort, count
):
    AssessmentFactory.create_batch(count, organisation=people.organisation, owner=people.analyst)
    client.force_login(people.officer)
    seen: list[int] = []
    page = 1
    while True:
        with django_assert_max_num_queries(8):
            response = client.get(reverse("assessment_list"), {"sort": sort, "page": page})
        seen += [a.pk for a in response.context["page"].object_list]
        if not response.context["page"].has_next():
            break
        page += 1
    assert len(seen) == len(set(seen)) == count


def test_a_page_past_the_end_shows_the_last_and_nonsense_the_first(client, people):
    AssessmentFactory.create_batch(30, organisation=people.organisation, owner=people.analyst)
    client.force_login(people.officer)
    url = reverse("assessment_list")
    assert client.get(url, {"page": "99"}).context["page"].number == 2
    assert client.get(url, {"page": "x"}).context["page"].number == 1
