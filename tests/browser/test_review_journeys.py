"""Review in the browser: the officer sends an assessment back, the analyst answers, the officer
signs it off. Each journey starts from the state the one before leaves, made by the services."""

from playwright.sync_api import Page, expect

from assessments.models import AuditEvent, Comment, SignOff, Status
from assessments.reviewing import comment_add
from tests.assessments.workflow_helpers import in_state
from tests.browser.journey import follow, screenshot, sign_in


def _open_from_nav(page: Page, link: str) -> None:
    main_nav = page.get_by_role("navigation", name="Main")
    follow(page, main_nav.get_by_role("link", name=link).click)


def test_officer_requests_changes_with_a_comment(page: Page, people) -> None:
    assessment = in_state(people, Status.SUBMITTED)
    sign_in(page, "ofa")
    _open_from_nav(page, "Review queue")
    queue = page.locator("#review-queue")
    expect(queue).to_contain_text("You may approve")
    follow(page, queue.get_by_role("link", name=assessment.title).click)
    expect(page.locator("#review")).to_contain_text("Submitted")
    screenshot(page, "review")

    # A comment beside the section it is about, then the request for changes itself.
    purpose = page.locator("#section-purpose")
    purpose.get_by_text("Comment on Purpose and benefit", exact=True).click()
    purpose.get_by_label("Your comment on Purpose and benefit").fill(
        "Say who sees the map before it is published."
    )
    follow(page, purpose.get_by_role("button", name="Add comment").click)
    expect(page.get_by_role("status")).to_have_text("Comment added.")
    expect(page.locator("#section-purpose .comments")).to_contain_text("Say who sees the map")

    page.get_by_label("What needs to change").fill(
        "Please say who sees the draft map, and answer the comment on the purpose."
    )
    follow(page, page.get_by_role("button", name="Request changes").click)
    expect(page.get_by_role("status")).to_contain_text("is now changes requested")
    assessment.refresh_from_db()
    assert assessment.status == Status.CHANGES_REQUESTED
    request = AuditEvent.objects.filter(assessment=assessment).latest("at", "pk")
    assert request.to_status == Status.CHANGES_REQUESTED
    assert request.actor == people.officer
    assert request.comment.startswith("Please say who sees the draft map")
    assert Comment.objects.get(assessment=assessment).section == "purpose"


def test_analyst_addresses_the_changes_and_submits_again(page: Page, people) -> None:
    assessment = in_state(people, Status.CHANGES_REQUESTED)  # "Say who sees the map."
    comment = comment_add(
        assessment=assessment,
        author=people.officer,
        body="Say who sees the map before it is published.",
        section="purpose",
    )
    sign_in(page, "ana")
    _open_from_nav(page, "My work")
    waiting = page.locator("#changes-requested")
    follow(page, waiting.get_by_role("link", name=assessment.title).click)
    expect(page.locator("#change-request")).to_contain_text("Say who sees the map.")

    follow(page, page.get_by_role("link", name="Edit draft").click)
    expect(page.locator("#section-purpose .comments")).to_contain_text(
        "Say who sees the map before it is published."
    )
    oversight = page.get_by_label("Checks and oversight")
    addition = " Before publication only the planning team and the Services Planning Group see it."
    oversight.fill(oversight.input_value() + addition)
    follow(page, page.get_by_role("button", name="Save draft").click)
    expect(page.get_by_role("status")).to_contain_text("saved at")

    follow(page, page.get_by_role("link", name="Back to the assessment").click)
    follow(page, page.get_by_role("button", name="Mark addressed").click)
    expect(page.get_by_role("status")).to_have_text("Comment marked addressed.")
    follow(page, page.get_by_role("button", name="Submit for review again").click)
    expect(page.get_by_role("status")).to_contain_text("is now submitted")

    assessment.refresh_from_db()
    comment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED
    assert assessment.purpose_oversight.endswith(addition)
    assert comment.addressed_by == people.analyst


def test_officer_approves_with_a_statement(page: Page, people) -> None:
    assessment = in_state(people, Status.SUBMITTED)
    statement = "Approved for the hubs project: aggregated statistics only, nobody identified."
    sign_in(page, "ofa")
    _open_from_nav(page, "Review queue")
    follow(page, page.get_by_role("link", name=assessment.title).click)
    box = page.get_by_label("Sign-off statement")
    expect(box).to_have_value("")
    box.fill(statement)
    follow(page, page.get_by_role("button", name="Approve and sign off").click)
    expect(page.get_by_role("status")).to_contain_text("is now approved")
    sign_off = page.locator("#sign-off")
    expect(sign_off).to_contain_text(statement)
    expect(sign_off).to_contain_text("ofa")

    assessment.refresh_from_db()
    assert assessment.status == Status.APPROVED
    record = SignOff.objects.get(assessment=assessment)
    assert (record.approver, record.statement) == (people.officer, statement)
