"""Every download and export is an audit event saying what was served; a failed one is not."""

import hashlib

import pytest
from django.urls import reverse

from assessments.models import AuditAction, AuditEvent, Status
from assessments.views import records as record_views
from tests.assessments.formdata import form_data
from tests.assessments.workflow_helpers import in_state
from tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db


def _content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(
    ("url_name", "action"),
    [
        ("assessment_record", AuditAction.RECORD_DOWNLOADED),
        ("assessment_notice", AuditAction.NOTICE_VIEWED),
        ("assessment_notice_pdf", AuditAction.NOTICE_DOWNLOADED),
        ("assessment_export", AuditAction.EXPORTED),
    ],
)
def test_each_download_of_an_assessment_is_audited_with_the_hash_of_what_was_served(
    client, people, url_name, action
):
    assessment = in_state(people, Status.SUBMITTED)
    client.force_login(people.manager)
    response = client.get(reverse(url_name, args=[assessment.pk]))
    assert response.status_code == 200
    body = _content(response)
    event = AuditEvent.objects.get(action=action)
    assert (event.assessment, event.actor) == (assessment, people.manager)
    assert event.data["sha256"] == hashlib.sha256(body).hexdigest()
    assert event.data["bytes"] == len(body)


def test_the_portfolio_csv_is_audited_with_its_hash_and_the_rows_it_held(client, people):
    first = in_state(people, Status.SUBMITTED)
    second = in_state(people, Status.APPROVED)
    client.force_login(people.officer)
    response = client.get(reverse("portfolio_csv"))
    # Nothing is recorded until the whole file has been handed over.
    assert not AuditEvent.objects.filter(action=AuditAction.PORTFOLIO_EXPORTED).exists()
    body = _content(response)
    event = AuditEvent.objects.get(action=AuditAction.PORTFOLIO_EXPORTED)
    assert event.assessment is None
    assert event.organisation == people.organisation
    assert event.actor == people.officer
    assert event.data["sha256"] == hashlib.sha256(body).hexdigest()
    assert sorted(event.data["rows"]) == sorted(
        [[first.reference, first.version], [second.reference, second.version]]
    )


def test_a_record_download_that_fails_is_not_recorded_as_served(client, people, monkeypatch):
    # The reproduction: the download was audited before its response was made, so a failure
    # while making it (here, the response itself) left a "downloaded" event behind.
    assessment = AssessmentFactory.create(organisation=people.organisation, owner=people.analyst)

    def broken_response(*args, **kwargs):
        raise OSError("the response could not be made")

    monkeypatch.setattr(record_views, "HttpResponse", broken_response)
    client.force_login(people.manager)
    client.raise_request_exception = False
    response = client.get(reverse("assessment_record", args=[assessment.pk]))
    assert response.status_code == 500
    assert not AuditEvent.objects.filter(action=AuditAction.RECORD_DOWNLOADED).exists()


def test_a_csv_that_fails_half_way_is_not_recorded_as_served(client, people, monkeypatch):
    in_state(people, Status.SUBMITTED)
    in_state(people, Status.DRAFT)

    def rows_then_failure(assessments):
        yield ["DPUP-2026-0001", 1]
        raise OSError("the database went away")

    monkeypatch.setattr("assessments.views.dashboards.portfolio_csv_rows", rows_then_failure)
    client.force_login(people.manager)
    response = client.get(reverse("portfolio_csv"))
    with pytest.raises(OSError):
        _content(response)
    assert not AuditEvent.objects.filter(action=AuditAction.PORTFOLIO_EXPORTED).exists()


def test_a_draft_save_records_the_fields_that_changed_and_the_justifications(client, people):
    assessment = AssessmentFactory.create(
        organisation=people.organisation,
        owner=people.analyst,
        justifications={"HT-04": "Consent is not the lawful basis here."},
        transparency_when_told="before",  # as the form posts it, so unchanged
    )
    client.force_login(people.analyst2)
    response = client.post(
        reverse("assessment_edit", args=[assessment.pk]),
        {
            **form_data(
                assessment,
                title="Food parcels for whānau",
                purpose_statement=assessment.purpose_statement,
                items=[{"name": "Household size"}],
            ),
            "justification-HT-04": "The Social Security Act 2018 is the lawful basis.",
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action=AuditAction.DRAFT_SAVED)
    assert (event.assessment, event.actor) == (assessment, people.analyst2)
    assert event.data["fields"] == {"title": "Title"}
    assert event.data["rows"] == ["Data items"]
    assert event.data["justifications"] == {
        "old": {"HT-04": "Consent is not the lawful basis here."},
        "new": {"HT-04": "The Social Security Act 2018 is the lawful basis."},
    }


def test_a_draft_save_that_changes_nothing_says_so(client, people):
    assessment = AssessmentFactory.create(
        organisation=people.organisation, owner=people.analyst, transparency_when_told="before"
    )
    client.force_login(people.analyst)
    client.post(
        reverse("assessment_edit", args=[assessment.pk]),
        form_data(
            assessment,
            title=assessment.title,
            purpose_statement=assessment.purpose_statement,
        ),
    )
    event = AuditEvent.objects.get(action=AuditAction.DRAFT_SAVED)
    assert event.data == {"fields": {}, "rows": []}
