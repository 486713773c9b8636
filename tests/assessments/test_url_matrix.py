"""Every URL of the app, for every kind of person: one matrix.

The table is written out by hand; a URL the table does not name fails the test, so a new page
cannot ship without saying who may see it.
"""

import pytest
from django.urls import reverse

from assessments.models import Status
from assessments.reviewing import comment_add
from tests.assessments.workflow_helpers import in_state
from tests.dpup_site.test_login_required import PUBLIC
from tests.urlwalk import walk

pytestmark = pytest.mark.django_db

WHO = ("analyst", "analyst2", "officer", "manager", "outsider")
OK, NO, GONE, NOT_ALLOWED = 200, 403, 404, 405
# name: (method, {who: expected status}); the assessment is submitted, owned by analyst.
EVERYONE_OK = dict.fromkeys(WHO, OK)
ORG_OK = {**EVERYONE_OK, "outsider": GONE}
ANALYSTS = {"analyst": OK, "analyst2": OK, "officer": NO, "manager": NO, "outsider": OK}
POST_ONLY = dict.fromkeys(WHO, NOT_ALLOWED)
MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "home": ("get", EVERYONE_OK),
    "password_change": ("get", EVERYONE_OK),
    "password_change_done": ("get", EVERYONE_OK),
    "logout": ("get", POST_ONLY),
    "rule_catalogue": ("get", EVERYONE_OK),
    "my_work": ("get", {**ANALYSTS}),
    "review_queue": ("get", {**dict.fromkeys(WHO, NO), "officer": OK}),
    "portfolio": ("get", {**dict.fromkeys(WHO, NO), "officer": OK, "manager": OK}),
    "portfolio_csv": ("get", {**dict.fromkeys(WHO, NO), "officer": OK, "manager": OK}),
    "assessment_list": ("get", EVERYONE_OK),
    "assessment_create": ("get", ANALYSTS),
    "assessment_import": ("get", ANALYSTS),
    "assessment_detail": ("get", ORG_OK),
    "assessment_export": ("get", ORG_OK),
    "assessment_history": ("get", ORG_OK),
    "assessment_record": ("get", ORG_OK),
    "assessment_notice": ("get", ORG_OK),
    "assessment_notice_pdf": ("get", ORG_OK),
    # A submitted assessment is not editable by anyone; outsiders are told nothing.
    "assessment_edit": ("get", {**dict.fromkeys(WHO, NO), "outsider": GONE}),
    "assessment_preview": ("post", {**dict.fromkeys(WHO, NO), "outsider": GONE}),
    # The matrix posts no form, so an analyst gets 204: nothing to score, panel unchanged.
    "assessment_preview_new": (
        "post",
        {"analyst": 204, "analyst2": 204, "officer": NO, "manager": NO, "outsider": 204},
    ),
    # Approving: only the officer; others are refused on the page (409), outsiders 404.
    "assessment_move": (
        "post",
        {"analyst": 409, "analyst2": 409, "officer": 302, "manager": 409, "outsider": GONE},
    ),
    "comment_create": (
        "post",
        {"analyst": 302, "analyst2": 302, "officer": 302, "manager": NO, "outsider": GONE},
    ),
    "comment_addressed": (
        "post",
        {"analyst": 302, "analyst2": 302, "officer": NO, "manager": NO, "outsider": GONE},
    ),
    "assessment_revise": (
        "post",
        {"analyst": 409, "analyst2": 409, "officer": 409, "manager": 409, "outsider": GONE},
    ),
    "review_date_set": (
        "post",
        {"analyst": 400, "analyst2": 400, "officer": 400, "manager": 400, "outsider": GONE},
    ),
}


def _app_url_names() -> set[str]:
    return {u.name for u in walk() if not u.name.startswith("admin:")} - PUBLIC


def test_the_matrix_names_every_url_of_the_app():
    assert _app_url_names() - set(MATRIX) == set(), "add the new URL to MATRIX"
    assert set(MATRIX) - _app_url_names() == set(), "MATRIX names a URL that no longer exists"


def _url(name, assessment, comment):
    kwargs = {
        "assessment_move": {"pk": assessment.pk, "action": "approve"},
        "comment_addressed": {"pk": assessment.pk, "comment_pk": comment.pk},
    }.get(name)
    if kwargs is None:
        try:
            return reverse(name, args=[assessment.pk])
        except Exception:  # noqa: BLE001 - the URL takes no argument
            return reverse(name)
    return reverse(name, kwargs=kwargs)


CASES = [(name, who) for name in sorted(MATRIX) for who in (*WHO, "anonymous")]


@pytest.mark.parametrize(("name", "who"), CASES, ids=[f"{n}-{w}" for n, w in CASES])
def test_url_for_person(client, people, name, who):
    assessment = in_state(people, Status.SUBMITTED)
    comment = comment_add(assessment=assessment, author=people.officer, body="Which hubs?")
    method, expected = MATRIX[name]
    data = {"comment": "Signed off.", "body": "A comment.", "due": "not a date"}
    if who != "anonymous":
        client.force_login(getattr(people, who))
    response = getattr(client, method)(_url(name, assessment, comment), data)
    if who == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected[who], response.content.decode()[:500]
