"""The organisation's audit trail page and its CSV: who may read it, filters, words not codes."""

import csv
import datetime
import hashlib
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from assessments.models import AuditAction, AuditEvent, Status
from assessments.roles import Role
from assessments.workflow import assessment_transition
from tests.assessments.workflow_helpers import in_state
from tests.factories import PASSWORD, AssessmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(_body(response).decode("utf-8-sig"))))


def _other_manager(people):
    return UserFactory.create(
        username="tama", organisation=people.other_organisation, roles=[Role.MANAGER]
    )


@pytest.mark.parametrize(("who", "status"), [("manager", 200), ("officer", 200)])
def test_managers_and_officers_read_the_trail(client, people, who, status):
    client.force_login(getattr(people, who))
    assert client.get(reverse("audit_trail")).status_code == status
    assert client.get(reverse("audit_csv")).status_code == status


@pytest.mark.parametrize("who", ["analyst", "outsider"])
def test_analysts_may_not(client, people, who):
    client.force_login(getattr(people, who))
    assert client.get(reverse("audit_trail")).status_code == 403
    assert client.get(reverse("audit_csv")).status_code == 403


def test_another_organisations_events_are_invisible(client, people):
    ours = in_state(people, Status.SUBMITTED)
    theirs = AssessmentFactory.create(
        organisation=people.other_organisation, owner=people.outsider, reference="DPUP-2026-0777"
    )
    AuditEvent.objects.create(assessment=theirs, actor=people.outsider, action="created")
    client.post(reverse("login"), {"username": "otto", "password": "wrong"})
    client.post(reverse("login"), {"username": "otto", "password": PASSWORD})
    client.force_login(people.manager)
    html = client.get(reverse("audit_trail")).content.decode()
    assert ours.reference in html
    assert "DPUP-2026-0777" not in html
    assert "otto" not in html
    rows = _csv(client.get(reverse("audit_csv")))
    assert all("DPUP-2026-0777" not in row and "otto" not in row[2] for row in rows)

    client.force_login(_other_manager(people))
    html = client.get(reverse("audit_trail")).content.decode()
    assert "DPUP-2026-0777" in html
    assert ours.reference not in html


def test_sign_in_events_appear_in_words(client, people):
    client.post(reverse("login"), {"username": "ana", "password": "wrong"}, REMOTE_ADDR="10.1.2.3")
    client.post(reverse("login"), {"username": "ana", "password": PASSWORD}, REMOTE_ADDR="10.1.2.3")
    client.force_login(people.manager)
    html = client.get(reverse("audit_trail"), {"actor": people.analyst.pk}).content.decode()
    assert "Sign-in failed" in html
    assert "As “ana”; from 10.1.2.3" in html
    assert "Signed in" in html
    assert "With a password; from 10.1.2.3" in html
    assert "sign_in_failed" not in re.sub(r"<[^>]+>", " ", html)  # values, never words


def test_filters_by_kind_person_reference_and_dates(client, people):
    first = in_state(people, Status.SUBMITTED)
    second = in_state(people, Status.DRAFT)
    old = AuditEvent.objects.create(
        assessment=second,
        actor=people.analyst2,
        action=AuditAction.COMMENTED,
        at=datetime.datetime(2025, 1, 15, 10, 0, tzinfo=ZoneInfo("Pacific/Auckland")),
    )
    client.force_login(people.officer)

    def shown(**params) -> set[int]:
        response = client.get(reverse("audit_trail"), params)
        assert response.status_code == 200
        return {row["event"].pk for row in response.context["rows"]}

    submitted = set(
        AuditEvent.objects.filter(action=AuditAction.TRANSITION).values_list("pk", flat=True)
    )
    assert shown(action=AuditAction.TRANSITION) == submitted
    assert shown(actor=people.analyst2.pk) == {old.pk}
    assert shown(reference=first.reference) == set(
        AuditEvent.objects.filter(assessment=first).values_list("pk", flat=True)
    )
    assert shown(since="2025-01-01", until="2025-01-31") == {old.pk}
    assert old.pk not in shown(since="2025-01-16")
    # The CSV holds what the page holds.
    rows = _csv(client.get(reverse("audit_csv"), {"since": "2025-01-15", "until": "2025-01-15"}))
    assert rows[0] == ["When", "Event", "Person", "Assessment", "Version", "Details"]
    assert rows[1][:5] == ["2025-01-15 10:00:00", "Commented", "ben", second.reference, "1"]
    assert len(rows) == 2


def test_a_bad_date_is_named_and_the_other_filters_still_apply(client, people):
    in_state(people, Status.SUBMITTED)
    client.force_login(people.manager)
    response = client.get(
        reverse("audit_trail"), {"since": "14/03/2026", "action": AuditAction.TRANSITION}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_since"' in html
    assert "From: Enter a valid date." in html
    assert 'value="14/03/2026"' in html
    assert {row["event"].action for row in response.context["rows"]} == {AuditAction.TRANSITION}
    swapped = client.get(reverse("audit_trail"), {"since": "2026-03-14", "until": "2026-03-01"})
    assert "The end date is before the start date" in swapped.content.decode()


def test_the_csv_has_labels_not_codes_and_neutralises_formulas(client, people):
    assessment = in_state(people, Status.SUBMITTED)
    assessment_transition(
        assessment=assessment,
        actor=people.officer,
        target=Status.CHANGES_REQUESTED,
        comment='=HYPERLINK("http://evil.example","Click")',
    )
    client.force_login(people.manager)
    response = client.get(reverse("audit_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = _body(response).decode("utf-8-sig")
    assert "changes_requested" not in text and "submitted" not in text.replace("Submitted", "")
    rows = list(csv.reader(io.StringIO(text)))
    request_changes = next(row for row in rows if "Changes requested" in row[5])
    assert request_changes[1] == "Status changed"
    assert request_changes[5].startswith("From Submitted to Changes requested")
    assert '; =HYPERLINK("http://evil.example","Click")' in request_changes[5]
    # A cell that starts with a formula character is made inert.
    AuditEvent.objects.create(
        assessment=assessment, actor=people.officer, action="commented", comment="-1+1"
    )
    rows = _csv(client.get(reverse("audit_csv"), {"action": "commented"}))
    assert rows[1][5] == "'-1+1"


def test_downloading_the_csv_is_itself_audited_with_its_hash(client, people):
    in_state(people, Status.SUBMITTED)
    client.force_login(people.manager)
    body = _body(client.get(reverse("audit_csv")))
    event = AuditEvent.objects.get(action=AuditAction.AUDIT_EXPORTED)
    assert (event.actor, event.organisation, event.assessment) == (
        people.manager,
        people.organisation,
        None,
    )
    assert event.data["sha256"] == hashlib.sha256(body).hexdigest()
    assert event.data["events"] == len(_csv_rows(body)) - 1


def _csv_rows(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_page_is_paginated_with_a_fixed_number_of_queries(
    client, people, django_assert_max_num_queries
):
    assessment = in_state(people, Status.DRAFT)
    AuditEvent.objects.bulk_create(
        AuditEvent(assessment=assessment, actor=people.analyst, action="commented")
        for _ in range(120)
    )
    client.force_login(people.manager)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("audit_trail"))
    assert len(response.context["rows"]) == 50
    assert "Page 1 of 3" in response.content.decode()
    last = client.get(reverse("audit_trail"), {"page": 3})
    assert len(last.context["rows"]) == 121 + 1 - 100  # the import, the 120, and the sign-in


def test_the_assessment_page_names_statuses_in_words(client, people):
    assessment = in_state(people, Status.CHANGES_REQUESTED)
    client.force_login(people.manager)
    html = client.get(reverse("assessment_detail", args=[assessment.pk])).content.decode()
    audit = html[html.index('id="audit-heading"') :]
    assert "<td>Changes requested</td>" in audit
    assert "changes_requested" not in audit
