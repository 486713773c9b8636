"""Every URL of the app, by GET and by POST, for every kind of person, on an assessment in each
state that matters for access: one matrix.

The table is written out by hand. A URL the table does not name, or names without both methods,
fails the test, so a new page cannot ship without saying who may see it and change it.

The people: the assessment's analyst (its author), a second analyst, the privacy officer and the
manager of its organisation; then the analyst ("outsider"), officer and manager of another
organisation, who must learn nothing (404 for anything about the assessment). Anonymous visitors
are sent to sign in, everywhere.

Each request runs in a transaction that is rolled back, so every cell sees the assessment in its
state, whatever the cell before it changed.
"""

import copy
import hashlib

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from assessments.models import Status
from assessments.records import record_store
from assessments.views import notices as notice_views
from assessments.views import records as record_views
from tests.assessments.matrix_states import (
    MATRIX_STATES,
    assessment_in,
    other_organisation_staff,
)
from tests.dpup_site.test_login_required import PUBLIC
from tests.urlwalk import walk

pytestmark = pytest.mark.django_db

WHO = ("analyst", "analyst2", "officer", "manager", "outsider", "other_officer", "other_manager")
METHODS = ("get", "post")
OK, NO, GONE, NOT_ALLOWED, CONFLICT, BAD = 200, 403, 404, 405, 409, 400
Row = dict[str, int]


def row(*statuses: int) -> Row:
    """One row of the table: a status for each person, in the order of WHO."""
    assert len(statuses) == len(WHO)
    return dict(zip(WHO, statuses, strict=True))


def same(status: int) -> Row:
    return row(*[status] * len(WHO))


# Rows that recur. "Org" pages are about one assessment: its organisation reads, others get 404.
EVERYONE = same(OK)
REFUSED = same(NOT_ALLOWED)
ANALYSTS = row(OK, OK, NO, NO, OK, NO, NO)
OVERSIGHT = row(NO, NO, OK, OK, NO, OK, OK)  # managers and officers, each of their own
OFFICERS = row(NO, NO, OK, NO, NO, OK, NO)
ORG_READS = row(OK, OK, OK, OK, GONE, GONE, GONE)
ORG_REFUSED = row(NO, NO, NO, NO, GONE, GONE, GONE)
ORG_CONFLICT = row(CONFLICT, CONFLICT, CONFLICT, CONFLICT, GONE, GONE, GONE)
ORG_BAD = row(BAD, BAD, BAD, BAD, GONE, GONE, GONE)


SIGNED_STATES = (Status.APPROVED, Status.SUPERSEDED)


def every_state(cells: Row) -> dict[Status, Row]:
    return dict.fromkeys(MATRIX_STATES, cells)


# name: {method: {state: row}}. The data posted is POST_DATA below.
MATRIX: dict[str, dict[str, dict[Status, Row]]] = {
    # Pages not about one assessment. Their views do not check the method: a POST reads too.
    "home": {"get": every_state(EVERYONE), "post": every_state(EVERYONE)},
    "rule_catalogue": {"get": every_state(EVERYONE), "post": every_state(EVERYONE)},
    "assessment_list": {"get": every_state(EVERYONE), "post": every_state(EVERYONE)},
    "my_work": {"get": every_state(ANALYSTS), "post": every_state(ANALYSTS)},
    "review_queue": {"get": every_state(OFFICERS), "post": every_state(OFFICERS)},
    "portfolio": {"get": every_state(OVERSIGHT), "post": every_state(OVERSIGHT)},
    # Downloads and the audit trail only read: a POST is refused.
    "portfolio_csv": {"get": every_state(OVERSIGHT), "post": every_state(REFUSED)},
    "audit_trail": {"get": every_state(OVERSIGHT), "post": every_state(REFUSED)},
    "audit_csv": {"get": every_state(OVERSIGHT), "post": every_state(REFUSED)},
    # The POST has no form fields: the page comes back with errors (200), nothing is changed.
    "password_change": {"get": every_state(EVERYONE), "post": every_state(EVERYONE)},
    "password_change_done": {"get": every_state(EVERYONE), "post": every_state(REFUSED)},
    "logout": {"get": every_state(REFUSED), "post": every_state(same(302))},
    # Creating: analysts of any organisation (into their own); an empty POST shows the errors,
    # which an import answers with 400 (no file: nothing to import).
    "assessment_create": {"get": every_state(ANALYSTS), "post": every_state(ANALYSTS)},
    "assessment_import": {
        "get": every_state(ANALYSTS),
        "post": every_state(row(BAD, BAD, NO, NO, BAD, NO, NO)),
    },
    # An empty form scores nothing: 204, the panel is left as it is.
    "assessment_preview_new": {
        "get": every_state(REFUSED),
        "post": every_state(row(204, 204, NO, NO, 204, NO, NO)),
    },
    # Reading one assessment: its organisation, in every state; nobody else learns it exists.
    "assessment_detail": {"get": every_state(ORG_READS), "post": every_state(ORG_READS)},
    "assessment_history": {"get": every_state(ORG_READS), "post": every_state(ORG_READS)},
    "assessment_record": {"get": every_state(ORG_READS), "post": every_state(REFUSED)},
    "assessment_notice": {"get": every_state(ORG_READS), "post": every_state(REFUSED)},
    "assessment_notice_pdf": {"get": every_state(ORG_READS), "post": every_state(REFUSED)},
    "assessment_export": {"get": every_state(ORG_READS), "post": every_state(REFUSED)},
    # Changing it: none of these states is editable by anyone.
    "assessment_edit": {"get": every_state(ORG_REFUSED), "post": every_state(ORG_REFUSED)},
    "assessment_preview": {"get": every_state(REFUSED), "post": every_state(ORG_REFUSED)},
    # Approving: only the officer, only a submitted assessment; otherwise refused on the page.
    "assessment_move": {
        "get": every_state(REFUSED),
        "post": {
            **every_state(ORG_CONFLICT),
            Status.SUBMITTED: row(CONFLICT, CONFLICT, 302, CONFLICT, GONE, GONE, GONE),
        },
    },
    # A new version: any analyst of the organisation, only from the approved version.
    "assessment_revise": {
        "get": every_state(REFUSED),
        "post": {
            **every_state(ORG_CONFLICT),
            Status.APPROVED: row(302, 302, CONFLICT, CONFLICT, GONE, GONE, GONE),
        },
    },
    # Review comments: analysts and the officer comment, the author's side marks them
    # addressed; on a signed version (approved, superseded) they stay as signed.
    "comment_create": {
        "get": every_state(REFUSED),
        "post": {
            **every_state(row(302, 302, 302, NO, GONE, GONE, GONE)),
            **dict.fromkeys(SIGNED_STATES, ORG_REFUSED),
        },
    },
    "comment_addressed": {
        "get": every_state(REFUSED),
        "post": {
            **every_state(row(302, 302, NO, NO, GONE, GONE, GONE)),
            **dict.fromkeys(SIGNED_STATES, ORG_REFUSED),
        },
    },
    # The matrix posts "not a date": refused in words (400), to everyone who may read it.
    "review_date_set": {"get": every_state(REFUSED), "post": every_state(ORG_BAD)},
}
POST_DATA = {"comment": "Signed off.", "body": "A comment.", "due": "not a date"}


def _app_url_names() -> set[str]:
    return {u.name for u in walk() if not u.name.startswith("admin:")} - PUBLIC


def test_the_matrix_names_every_url_of_the_app():
    assert _app_url_names() - set(MATRIX) == set(), "add the new URL to MATRIX"
    assert set(MATRIX) - _app_url_names() == set(), "MATRIX names a URL that no longer exists"


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_every_url_has_a_row_for_each_method_state_and_person(name):
    assert set(MATRIX[name]) == set(METHODS), name
    for method in METHODS:
        assert set(MATRIX[name][method]) == set(MATRIX_STATES), (name, method)
        for cells in MATRIX[name][method].values():
            assert set(cells) == set(WHO), (name, method)


def _url(name, assessment, comment):
    kwargs = {
        "assessment_move": {"pk": assessment.pk, "action": "approve"},
        "comment_addressed": {"pk": assessment.pk, "comment_pk": comment.pk},
    }.get(name)
    if kwargs is not None:
        return reverse(name, kwargs=kwargs)
    try:
        return reverse(name, args=[assessment.pk])
    except Exception:  # noqa: BLE001 - the URL takes no argument
        return reverse(name)


@pytest.fixture
def render_once(monkeypatch):
    """Render each PDF once per test with the real renderer, and serve those bytes again.

    What the matrix checks is who is let through, not the PDF (tests/assessments/test_records.py
    and test_notice.py check that); rendering the same draft again for every person and method
    would take most of the run.
    """
    rendered: dict[str, bytes] = {}

    def once(module, name):
        real = getattr(module, name)

        def wrapper(*args, **kwargs):
            # The same input renders the same bytes.
            key = hashlib.sha256(repr((name, args, kwargs)).encode()).hexdigest()
            if key not in rendered:
                rendered[key] = real(*args, **kwargs)
            return rendered[key]

        monkeypatch.setattr(module, name, wrapper)

    once(record_views, "record_pdf")
    once(notice_views, "html_to_pdf")


@pytest.mark.parametrize("state", MATRIX_STATES)
def test_url_for_person(people, state, render_once):
    assessment, comment = assessment_in(people, state)
    if state in (Status.APPROVED, Status.SUPERSEDED):
        record_store(assessment=assessment)  # rendered once here, not in every rolled-back cell
    users = {
        **{who: getattr(people, who) for who in WHO if hasattr(people, who)},
        **other_organisation_staff(people),
    }
    # One signed-in browser per person, kept across cells: each cell's request is rolled back,
    # and its cookies are put back (signing out must not sign out the next cell).
    clients = {"anonymous": Client()}
    for who, user in users.items():
        clients[who] = Client()
        clients[who].force_login(user)
    wrong = []
    for name in sorted(MATRIX):
        url = _url(name, assessment, comment)
        for method in METHODS:
            expected = {**MATRIX[name][method][state], "anonymous": 302}
            for who, status in expected.items():
                client = clients[who]
                cookies = copy.deepcopy(client.cookies)
                with transaction.atomic():
                    response = getattr(client, method)(url, POST_DATA)
                    transaction.set_rollback(True)
                client.cookies = cookies
                got = response.status_code
                if who == "anonymous" and got == 302:
                    if not response["Location"].startswith("/accounts/login/"):
                        got = -302  # sent somewhere other than the sign-in page
                if got != status:
                    wrong.append(f"{method.upper()} {name} as {who}: {got}, expected {status}")
    assert wrong == [], f"{state}:\n" + "\n".join(wrong)
