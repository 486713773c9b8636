"""My work, the review queue, the portfolio and its CSV: who sees what, and fixed query counts."""

import csv
import datetime
import io
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.dashboards import csv_safe
from assessments.models import Assessment, AuditAction, AuditEvent, Status
from assessments.roles import Role
from tests.factories import AssessmentFactory, UserFactory

pytestmark = pytest.mark.django_db
MAX_QUERIES = 10
WHO = ["analyst", "analyst2", "officer", "manager", "outsider", "anonymous"]
# Written out by hand from the issue: who may open which page.
ALLOWED = {
    "my_work": {"analyst", "analyst2", "outsider"},
    "review_queue": {"officer"},
    "portfolio": {"officer", "manager"},
    "portfolio_csv": {"officer", "manager"},
}
PAGES = list(ALLOWED)


def make(people, **fields) -> Assessment:
    """Create an assessment of the people's organisation, owned by the analyst unless told."""
    fields.setdefault("organisation", people.organisation)
    fields.setdefault("owner", people.analyst)
    return AssessmentFactory.create(**fields)


def submitted_event(assessment: Assessment, at: datetime.datetime) -> None:
    AuditEvent.objects.create(
        assessment=assessment,
        action=AuditAction.TRANSITION,
        from_status=Status.DRAFT,
        to_status=Status.SUBMITTED,
        at=at,
    )


def body(response) -> bytes:
    """Return what the response sends, streamed (the CSV) or not (pages)."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def pks(rows) -> list[int]:
    return [row.pk for row in rows]


# Who may see which page -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "who"),
    list(itertools.product(PAGES, WHO)),
    ids=[f"{p}-{w}" for p, w in itertools.product(PAGES, WHO)],
)
def test_permission_matrix(client, people, page, who):
    if who != "anonymous":
        client.force_login(getattr(people, who))
    response = client.get(reverse(page))
    if who == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif who in ALLOWED[page]:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


def test_outsiders_see_nothing_of_another_organisation(client, people):
    """Someone of another organisation holding every role sees none of our rows anywhere."""
    today = timezone.localdate()
    ours = [
        make(people, status=Status.DRAFT, title="Ours draft"),
        make(people, status=Status.CHANGES_REQUESTED, title="Ours sent back"),
        make(people, status=Status.SUBMITTED, title="Ours submitted"),
        make(
            people,
            status=Status.APPROVED,
            title="Ours approved",
            next_review_due=today - datetime.timedelta(days=3),
        ),
    ]
    boss = UserFactory.create(
        username="tama",
        organisation=people.other_organisation,
        roles=[Role.ANALYST, Role.PRIVACY_OFFICER, Role.MANAGER],
    )
    # Even an outsider wrongly listed as an editor of our draft does not see it.
    ours[0].editors.add(boss, people.outsider)
    theirs = AssessmentFactory.create(
        organisation=people.other_organisation, owner=boss, status=Status.SUBMITTED
    )
    client.force_login(boss)
    for page in PAGES:
        response = client.get(reverse(page))
        assert response.status_code == 200
        text = body(response).decode("utf-8-sig")
        assert "Ours" not in text, page
    queue = client.get(reverse("review_queue")).context
    assert pks(queue["page"].object_list) == [theirs.pk]
    assert queue["due"] == []
    summary = client.get(reverse("portfolio")).context["summary"]
    assert summary.total == 1
    assert summary.overdue == 0
    client.force_login(people.outsider)
    context = client.get(reverse("my_work")).context
    assert context["drafts"].paginator.count == context["changes_requested"].paginator.count == 0


# My work ---------------------------------------------------------------------------------------


def test_my_work_lists_the_analysts_drafts_and_sent_back_work(client, people):
    own_draft = make(people, status=Status.DRAFT, title="Own draft")
    edited_draft = make(people, owner=people.analyst2, title="Edited draft")
    edited_draft.editors.add(people.analyst, people.analyst2)
    own_sent_back = make(people, status=Status.CHANGES_REQUESTED, title="Own sent back")
    own_sent_back.editors.add(people.analyst, people.analyst2)  # No duplicate row for two editors.
    edited_sent_back = make(
        people, owner=people.analyst2, status=Status.CHANGES_REQUESTED, title="Edited sent back"
    )
    edited_sent_back.editors.add(people.analyst)
    make(people, owner=people.analyst2, title="Someone else's draft")
    make(people, owner=people.analyst2, status=Status.CHANGES_REQUESTED, title="Not mine")
    for status in [Status.SUBMITTED, Status.APPROVED, Status.WITHDRAWN, Status.SUPERSEDED]:
        make(people, status=status, title=f"Mine but {status}")

    client.force_login(people.analyst)
    response = client.get(reverse("my_work"))
    assert set(pks(response.context["drafts"].object_list)) == {own_draft.pk, edited_draft.pk}
    assert set(pks(response.context["changes_requested"].object_list)) == {
        own_sent_back.pk,
        edited_sent_back.pk,
    }
    html = response.content.decode()
    # What waits for the analyst comes first, and says so in words, not only in colour.
    assert html.index("Waiting for you: changes requested (2)") < html.index("Drafts (2)")
    assert html.index("Edited sent back") < html.index("Own draft")
    assert f'href="{reverse("assessment_detail", args=[own_draft.pk])}"' in html
    assert "<caption>" in html and '<th scope="col">Version</th>' in html
    assert "Someone else" not in html and "Not mine" not in html and "Mine but" not in html


def test_my_work_empty_states_say_what_to_do_next(client, people):
    client.force_login(people.analyst2)
    html = client.get(reverse("my_work")).content.decode()
    assert "Nothing is waiting for changes" in html
    assert "You have no drafts" in html
    assert f'href="{reverse("assessment_create")}"' in html


# Review queue ----------------------------------------------------------------------------------


def test_queue_lists_submitted_only_longest_waiting_first(client, people):
    now = timezone.now()
    days = datetime.timedelta(days=1)
    newest = make(people, status=Status.SUBMITTED, title="Newest")
    submitted_event(newest, now - 1 * days)
    oldest = make(people, status=Status.SUBMITTED, title="Oldest")
    submitted_event(oldest, now - 3 * days)
    # Submitted long ago, sent back, submitted again: it waits from its latest submission.
    resubmitted = make(people, status=Status.SUBMITTED, title="Resubmitted")
    submitted_event(resubmitted, now - 9 * days)
    submitted_event(resubmitted, now - 2 * days)
    # No audit trail (an import, say): falls back to when it was last updated, just now.
    untracked = make(people, status=Status.SUBMITTED, title="Untracked")
    for status in [Status.DRAFT, Status.CHANGES_REQUESTED, Status.APPROVED, Status.WITHDRAWN]:
        make(people, status=status, title=f"Not waiting {status}")

    client.force_login(people.officer)
    response = client.get(reverse("review_queue"))
    rows = list(response.context["page"].object_list)
    assert pks(rows) == [oldest.pk, resubmitted.pk, newest.pk, untracked.pk]
    assert rows[1].submitted_at == now - 2 * days
    html = response.content.decode()
    assert "Not waiting" not in html
    assert html.count("You may approve") == 4


def test_queue_marks_what_the_officer_may_not_approve(client, people):
    edited = make(people, status=Status.SUBMITTED, title="Officer edited")
    edited.editors.add(people.analyst, people.officer)
    written = make(people, owner=people.officer, status=Status.SUBMITTED, title="Officer wrote")
    other = make(people, status=Status.SUBMITTED, title="Someone else's")
    other.editors.add(people.analyst)

    client.force_login(people.officer)
    response = client.get(reverse("review_queue"))
    marks = {row.pk: row.viewer_edited for row in response.context["page"].object_list}
    assert marks == {edited.pk: True, written.pk: False, other.pk: False}
    html = response.content.decode()
    assert html.count("You edited this: another officer must approve") == 1
    assert html.count("You wrote this: another officer must approve") == 1
    assert html.count("You may approve") == 1
    row = html[html.index("Officer edited") :]
    assert row.index("You edited this") < row.index("</tr>")


def test_queue_lists_reviews_due_soonest_first(client, people):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    overdue = make(people, status=Status.APPROVED, next_review_due=today - 5 * day)
    due_today = make(people, status=Status.APPROVED, next_review_due=today)
    due_last_day = make(people, status=Status.APPROVED, next_review_due=today + 30 * day)
    make(people, status=Status.APPROVED, next_review_due=today + 31 * day)
    make(people, status=Status.APPROVED, next_review_due=None)
    make(people, status=Status.SUPERSEDED, next_review_due=today - 40 * day)
    make(people, status=Status.DRAFT, next_review_due=today - 40 * day)

    client.force_login(people.officer)
    response = client.get(reverse("review_queue"))
    assert pks(response.context["due"]) == [overdue.pk, due_today.pk, due_last_day.pk]
    assert response.content.decode().count("(overdue)") == 1


# Portfolio -------------------------------------------------------------------------------------


@pytest.fixture
def portfolio_rows(people):
    """A small portfolio whose counts, means and reviews are worked out by hand below."""
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    scores: dict[str, dict[str, object]] = {
        "ready": dict(
            readiness="ready",
            overall_score=60,
            score_he_tangata=70,
            score_manaakitanga=50,
            score_mana_whakahaere=100,
            score_kaitiakitanga=0,
            score_mahitahitanga=61,
        ),
        "needs_work": dict(
            readiness="needs_work",
            overall_score=70,
            score_he_tangata=81,
            score_manaakitanga=51,
            score_mana_whakahaere=90,
            score_kaitiakitanga=1,
            score_mahitahitanga=62,
        ),
        "zero": {f"score_{key}": 0 for key in ["he_tangata", "manaakitanga"]},
    }
    rows = {
        "draft": make(people, status=Status.DRAFT, title="Kaumātua housing"),
        "draft2": make(people, owner=people.analyst2, status=Status.DRAFT),
        "submitted": make(people, status=Status.SUBMITTED, **scores["ready"]),
        "overdue": make(
            people,
            owner=people.analyst2,
            status=Status.APPROVED,
            next_review_due=today - day,
            **scores["needs_work"],
        ),
        "due": make(people, status=Status.APPROVED, next_review_due=today + 30 * day),
        "later": make(people, status=Status.APPROVED, next_review_due=today + 31 * day),
        "withdrawn": make(people, status=Status.WITHDRAWN, readiness="not_ready"),
        "superseded": make(
            people,
            status=Status.SUPERSEDED,
            next_review_due=today - 100 * day,
            readiness="ready",
            overall_score=0,
            **scores["zero"],
        ),
        "theirs": AssessmentFactory.create(
            organisation=people.other_organisation,
            status=Status.APPROVED,
            next_review_due=today - day,
            overall_score=0,
        ),
    }
    return rows


def test_portfolio_counts_by_status_and_readiness(client, people, portfolio_rows):
    client.force_login(people.manager)
    response = client.get(reverse("portfolio"))
    summary = response.context["summary"]
    assert summary.total == 7
    assert {t.value: t.count for t in summary.by_status} == {
        "draft": 2,
        "submitted": 1,
        "changes_requested": 0,
        "approved": 3,
        "withdrawn": 1,
    }
    assert {t.value: t.count for t in summary.by_readiness} == {
        "ready": 1,
        "needs_work": 1,
        "not_ready": 1,
        "none": 4,
    }
    assert response.context["page"].paginator.count == 7
    html = response.content.decode()
    assert "Superseded versions are left out" in html
    assert '<th scope="row" class="fw-normal">Needs work</th><td class="text-end">1</td>' in html


def test_portfolio_means_are_over_scored_assessments_rounded_half_up(
    client, people, portfolio_rows
):
    client.force_login(people.manager)
    response = client.get(reverse("portfolio"))
    summary = response.context["summary"]
    # Two scored current assessments; the superseded one's zeros and the unscored ones are out.
    assert summary.scored == 2
    assert {m.id: m.mean for m in summary.means} == {
        "he_tangata": 76,  # (70 + 81) / 2 = 75.5
        "manaakitanga": 51,  # 50.5
        "mana_whakahaere": 95,
        "kaitiakitanga": 1,  # 0.5
        "mahitahitanga": 62,  # 61.5
    }
    assert summary.mean_overall == 65
    html = response.content.decode()
    assert '<span lang="mi">He Tāngata</span></th><td class="text-end">76</td>' in html
    assert '<span lang="mi">Mana Whakahaere</span></th><td class="text-end">95</td>' in html


def test_portfolio_means_without_scores_say_not_scored(client, people):
    make(people, status=Status.DRAFT)
    client.force_login(people.manager)
    response = client.get(reverse("portfolio"))
    assert [m.mean for m in response.context["summary"].means] == [None] * 5
    assert '<span lang="mi">Kaitiakitanga</span></th><td class="text-end">Not scored' in (
        response.content.decode()
    )


def test_portfolio_reviews_due_and_overdue(client, people, portfolio_rows):
    client.force_login(people.officer)
    response = client.get(reverse("portfolio"))
    summary = response.context["summary"]
    assert (summary.overdue, summary.due_soon) == (1, 1)
    assert pks(summary.due) == [portfolio_rows["overdue"].pk, portfolio_rows["due"].pk]
    html = response.content.decode()
    assert 'href="?review=overdue"' in html and 'href="?review=due"' in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"draft", "draft2", "submitted", "overdue", "due", "later", "withdrawn"}),
        ({"status": "draft"}, {"draft", "draft2"}),
        ({"status": "superseded"}, {"superseded"}),
        (
            {"status": "all"},
            {"draft", "draft2", "submitted", "overdue", "due", "later", "withdrawn", "superseded"},
        ),
        ({"readiness": "ready"}, {"submitted"}),
        ({"readiness": "ready", "status": "all"}, {"submitted", "superseded"}),
        ({"readiness": "none"}, {"draft", "draft2", "due", "later"}),
        ({"owner": "analyst2"}, {"draft2", "overdue"}),
        ({"review": "overdue"}, {"overdue"}),
        ({"review": "due"}, {"due"}),
        (
            {"review": "any"},
            {"draft", "draft2", "submitted", "overdue", "due", "later", "withdrawn"},
        ),
        ({"review": "overdue", "status": "all"}, {"overdue"}),  # Superseded reviews never fall due.
        ({"review": "due", "owner": "analyst2"}, set()),
        # Nonsense is ignored, not an error page: the defaults apply.
        (
            {"status": "nope", "readiness": "x", "owner": "abc", "review": "soon"},
            {"draft", "draft2", "submitted", "overdue", "due", "later", "withdrawn"},
        ),
        (
            {"owner": "outsider"},
            {"draft", "draft2", "submitted", "overdue", "due", "later", "withdrawn"},
        ),
    ],
    ids=lambda value: str(value) if isinstance(value, dict) else None,
)
def test_portfolio_filters_table_counts_and_csv(client, people, portfolio_rows, params, expected):
    if "owner" in params and params["owner"] in {"analyst2", "outsider"}:
        params = {**params, "owner": getattr(people, params["owner"]).pk}
    names = {assessment.pk: name for name, assessment in portfolio_rows.items()}
    client.force_login(people.manager)
    response = client.get(reverse("portfolio"), params)
    assert response.status_code == 200
    assert {names[pk] for pk in pks(response.context["page"].object_list)} == expected
    assert response.context["summary"].total == len(expected)
    by_reference = {a.reference: name for name, a in portfolio_rows.items()}
    rows = csv_rows(body(client.get(reverse("portfolio_csv"), params)))
    assert {by_reference[row[0]] for row in rows[1:]} == expected


def test_portfolio_names_invalid_filters_and_keeps_filters_in_page_links(client, people):
    AssessmentFactory.create_batch(
        30, organisation=people.organisation, owner=people.analyst, status=Status.DRAFT
    )
    client.force_login(people.manager)
    response = client.get(reverse("portfolio"), {"status": "draft", "owner": "abc"})
    html = response.content.decode()
    assert len(response.context["page"].object_list) == 25
    assert "?status=draft&amp;owner=abc&amp;page=2" in html
    assert "Page 1 of 2" in html
    assert 'aria-describedby="id_owner_error"' in html and "so it was ignored" in html
    assert '<option value="draft" selected>' in html
    for name in ["status", "readiness", "owner", "review"]:
        assert f'<label for="id_{name}" class="form-label">' in html


# CSV -------------------------------------------------------------------------------------------


def test_csv_has_a_header_and_one_row_per_assessment_with_macrons(client, people, portfolio_rows):
    client.force_login(people.manager)
    response = client.get(reverse("portfolio_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (f'attachment; filename="dpup-portfolio-{today}.csv"')
    assert response.streaming, "the CSV is streamed, not built in memory"
    content = body(response)
    assert content.startswith(b"\xef\xbb\xbf")
    rows = csv_rows(content)
    assert rows[0] == [
        "Reference",
        "Version",
        "Title",
        "Owner",
        "Status",
        "Readiness",
        "Overall score",
        "He Tāngata",
        "Manaakitanga",
        "Mana Whakahaere",
        "Kaitiakitanga",
        "Mahitahitanga",
        "Next review due",
        "Updated",
    ]
    assert len(rows) == 1 + 7
    by_reference = {row[0]: row for row in rows[1:]}
    overdue = portfolio_rows["overdue"]
    assert by_reference[overdue.reference][1:13] == [
        "1",
        overdue.title,
        "ben",
        "Approved",
        "Needs work",
        "70",
        "81",
        "51",
        "90",
        "1",
        "62",
        overdue.next_review_due.isoformat(),
    ]
    assert by_reference[portfolio_rows["draft"].reference][2] == "Kaumātua housing"
    assert by_reference[portfolio_rows["draft"].reference][5:8] == ["Not scored", "", ""]


def test_csv_neutralises_formulas(client, people):
    formula = '=HYPERLINK("http://evil.example","Click")'
    make(people, title=formula, reference="@SUM(A1)")
    client.force_login(people.manager)
    rows = csv_rows(body(client.get(reverse("portfolio_csv"))))
    assert rows[1][0] == "'@SUM(A1)"
    assert rows[1][2] == "'" + formula


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@x", "\tx", "\rx"])
def test_csv_safe_prefixes_formula_starts(text):
    assert csv_safe(text) == "'" + text


@pytest.mark.parametrize("value", ["Kaumātua", "a=b", "", 5, None])
def test_csv_safe_leaves_the_rest(value):
    assert csv_safe(value) == value


# Query counts ----------------------------------------------------------------------------------


def _many(people, count: int) -> None:
    """Create `count` assessments in every status, with editors and submission events."""
    today = timezone.localdate()
    statuses = itertools.cycle(list(Status))
    owners = itertools.cycle([people.analyst, people.analyst2, people.officer])
    created = [
        make(
            people,
            owner=next(owners),
            status=next(statuses),
            readiness="ready",
            overall_score=i % 100,
            score_he_tangata=i % 90,
            next_review_due=today + datetime.timedelta(days=i % 60 - 20),
        )
        for i in range(count)
    ]
    Through = Assessment.editors.through
    Through.objects.bulk_create(
        Through(assessment_id=a.pk, user_id=user.pk)
        for i, a in enumerate(created)
        for user, edits in [
            (people.analyst, i % 3 != 0),  # Every row the analyst does not own.
            (people.analyst2, i % 2 == 0),
            (people.officer, i % 4 == 1),
        ]
        if edits
    )
    AuditEvent.objects.bulk_create(
        AuditEvent(
            assessment=a,
            action=AuditAction.TRANSITION,
            to_status=Status.SUBMITTED,
            at=timezone.now() - datetime.timedelta(hours=i),
        )
        for i, a in enumerate(created)
        if a.status == Status.SUBMITTED
    )


@pytest.mark.parametrize("count", [3, 300])
@pytest.mark.parametrize(
    ("page", "who", "params"),
    [
        ("my_work", "analyst", {}),
        ("my_work", "analyst", {"drafts_page": "2", "changes_page": "last"}),
        ("review_queue", "officer", {"page": "2"}),
        ("portfolio", "manager", {"page": "2"}),
        ("portfolio", "officer", {"status": "all", "readiness": "ready", "review": "due"}),
        ("portfolio_csv", "manager", {}),
        ("portfolio_csv", "manager", {"owner": "0", "status": "all"}),
    ],
)
def test_query_count_is_fixed(
    client, people, django_assert_max_num_queries, count, page, who, params
):
    _many(people, count)
    client.force_login(getattr(people, who))
    # A page of rows costs a count, its keys and its rows; my work pages two lists.
    extra = {"my_work": 2, "portfolio": 1}.get(page, 0)
    with django_assert_max_num_queries(MAX_QUERIES + extra):
        response = client.get(reverse(page), params)
        content = body(response)
    assert response.status_code == 200
    if count < 300:
        return
    # With many rows, every page has plenty to show, so a query per row would have shown up.
    if page == "my_work":
        for name in ("drafts", "changes_requested"):
            assert response.context[name].paginator.count == count // 6
            assert len(response.context[name].object_list) == min(count // 6, 25)
    elif page == "portfolio_csv":
        assert content.count(b"\n") > 10
    else:
        assert response.context["page"].paginator.count > 10


def test_my_work_pages_each_list_on_its_own(client, people):
    for n in range(30):
        make(people, status=Status.DRAFT, title=f"Draft {n}")
    for n in range(27):
        make(people, status=Status.CHANGES_REQUESTED, title=f"Back {n}")
    client.force_login(people.analyst)
    response = client.get(reverse("my_work"), {"drafts_page": "2", "changes_page": "1"})
    assert len(response.context["drafts"].object_list) == 30 - 25
    assert len(response.context["changes_requested"].object_list) == 25
    html = response.content.decode()
    assert "Drafts (30)" in html and "changes requested (27)" in html
    # Paging the drafts keeps the other list where it was, and the other way round.
    assert 'href="?drafts_page=1&amp;changes_page=1"' in html
    assert 'href="?drafts_page=2&amp;changes_page=2"' in html
