"""Every download is named through RFC 6266 (Django's content_disposition_header), so that no
reference, even one stored before references had a pattern, breaks or forges the header."""

import pytest
from django.urls import reverse

from assessments.models import Assessment
from tests.assessments.workflow_helpers import ready_assessment

pytestmark = pytest.mark.django_db

DOWNLOADS = ["assessment_record", "assessment_notice_pdf", "assessment_export"]


def _legacy(people, reference: str) -> Assessment:
    assessment = ready_assessment(people.analyst)
    # Stored before the pattern was enforced: update() skips the field's validators.
    Assessment.objects.filter(pk=assessment.pk).update(reference=reference)
    return assessment


@pytest.mark.parametrize("name", DOWNLOADS)
def test_cr_lf_in_a_reference_does_not_break_a_download(client, people, name):
    assessment = _legacy(people, "DPUP-1\r\nSet-Cookie: x=y")
    client.force_login(people.analyst)
    response = client.get(reverse(name, args=[assessment.pk]))
    assert response.status_code == 200
    header = response["Content-Disposition"]
    assert "\r" not in header and "\n" not in header
    assert header.startswith("attachment; filename*=utf-8''DPUP-1%0D%0ASet-Cookie")
    assert not response.has_header("Set-Cookie") or "x=y" not in response["Set-Cookie"]


@pytest.mark.parametrize("name", DOWNLOADS)
def test_a_quote_in_a_reference_cannot_forge_the_filename(client, people, name):
    assessment = _legacy(people, 'A"; filename="evil.exe')
    client.force_login(people.analyst)
    header = client.get(reverse(name, args=[assessment.pk]))["Content-Disposition"]
    assert header.startswith('attachment; filename="A\\"; filename=\\"evil.exe')
    assert header.count('filename="') == 1


@pytest.mark.parametrize("name", DOWNLOADS)
def test_a_macron_in_a_reference_is_sent_as_filename_star(client, people, name):
    assessment = _legacy(people, "Tāmaki-1")
    client.force_login(people.analyst)
    header = client.get(reverse(name, args=[assessment.pk]))["Content-Disposition"]
    assert header.startswith("attachment; filename*=utf-8''T%C4%81maki-1")


def test_a_slash_in_a_reference_is_not_a_folder(client, people):
    assessment = ready_assessment(people.analyst, reference="DPUP/2026/7")
    client.force_login(people.analyst)
    header = client.get(reverse("assessment_export", args=[assessment.pk]))["Content-Disposition"]
    assert header == 'attachment; filename="DPUP-2026-7.json"'


def test_the_portfolio_csv_is_named_through_the_same_header(client, people):
    client.force_login(people.manager)
    header = client.get(reverse("portfolio_csv"))["Content-Disposition"]
    assert header.startswith('attachment; filename="dpup-portfolio-')
