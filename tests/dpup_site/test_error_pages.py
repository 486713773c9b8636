"""Refusals are pages of the site, in its layout, that say what happened in plain words."""

import pytest
from django.urls import reverse

from tests.assessments.workflow_helpers import ready_assessment

pytestmark = pytest.mark.django_db


def test_another_organisations_assessment_is_a_plain_page_not_found(client, people):
    assessment = ready_assessment(people.analyst)
    client.force_login(people.outsider)
    response = client.get(reverse("assessment_detail", args=[assessment.pk]))
    assert response.status_code == 404
    page = response.content.decode()
    assert '<h1 class="h2">Page not found</h1>' in page
    assert 'lang="en-NZ"' in page
    assert assessment.title not in page


def test_a_refusal_says_why(client, people):
    client.force_login(people.analyst)
    response = client.get(reverse("portfolio"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "You cannot do that" in page
    assert "The portfolio is for managers and privacy officers." in page
