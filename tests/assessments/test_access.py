"""Who may do what with an assessment, for every view: one matrix."""

import pytest
from django.urls import reverse

from assessments.access import assessments_for_user, get_assessment_for_user
from assessments.models import Status
from tests.assessments.formdata import form_data
from tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db

WHO = ["analyst", "analyst2", "officer", "manager", "outsider", "anonymous"]


@pytest.fixture
def draft(people):
    return AssessmentFactory.create(organisation=people.organisation, owner=people.analyst)


def _client_for(client, people, who):
    if who != "anonymous":
        client.force_login(getattr(people, who))
    return client


@pytest.mark.parametrize(
    ("who", "expected"),
    list(zip(WHO, [200, 200, 200, 200, 404, 302], strict=True)),
)
def test_detail(client, people, draft, who, expected):
    response = _client_for(client, people, who).get(reverse("assessment_detail", args=[draft.pk]))
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("who", "expected"),
    list(zip(WHO, [200, 200, 403, 403, 404, 302], strict=True)),
)
def test_edit_get(client, people, draft, who, expected):
    response = _client_for(client, people, who).get(reverse("assessment_edit", args=[draft.pk]))
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("who", "expected"),
    list(zip(WHO, [302, 302, 403, 403, 404, 302], strict=True)),
)
def test_edit_post(client, people, draft, who, expected):
    response = _client_for(client, people, who).post(
        reverse("assessment_edit", args=[draft.pk]), form_data(draft, title="Changed")
    )
    assert response.status_code == expected
    draft.refresh_from_db()
    assert (draft.title == "Changed") is (who in {"analyst", "analyst2"})


@pytest.mark.parametrize(
    ("who", "expected"),
    # The outsider is an analyst of their own organisation, so may start one there.
    list(zip(WHO, [200, 200, 403, 403, 200, 302], strict=True)),
)
def test_create_get(client, people, who, expected):
    response = _client_for(client, people, who).get(reverse("assessment_create"))
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("who", "sees_it"),
    list(zip(WHO, [True, True, True, True, False, None], strict=True)),
)
def test_list(client, people, draft, who, sees_it):
    response = _client_for(client, people, who).get(reverse("assessment_list"))
    if sees_it is None:
        assert response.status_code == 302
        return
    assert response.status_code == 200
    link = f'href="{reverse("assessment_detail", args=[draft.pk])}"'
    assert (link in response.content.decode()) is sees_it


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.APPROVED, Status.WITHDRAWN])
def test_only_drafts_and_changes_requested_are_editable(client, people, status):
    assessment = AssessmentFactory.create(
        organisation=people.organisation, owner=people.analyst, status=status
    )
    client.force_login(people.analyst)
    assert client.get(reverse("assessment_edit", args=[assessment.pk])).status_code == 403
    sent_back = AssessmentFactory.create(
        organisation=people.organisation, owner=people.analyst, status=Status.CHANGES_REQUESTED
    )
    assert client.get(reverse("assessment_edit", args=[sent_back.pk])).status_code == 200


def test_access_helper_scopes_by_organisation_and_role(people, draft):
    assert list(assessments_for_user(people.officer)) == [draft]
    assert list(assessments_for_user(people.outsider)) == []
    people.manager.groups.clear()
    manager = type(people.manager).objects.get(pk=people.manager.pk)
    assert list(assessments_for_user(manager)) == []
    with pytest.raises(Exception, match="No such assessment"):
        get_assessment_for_user(people.outsider, draft.pk)
    with pytest.raises(Exception, match="cannot change"):
        get_assessment_for_user(people.officer, draft.pk, write=True)
    assert get_assessment_for_user(people.analyst2, draft.pk, write=True) == draft
