"""Live regions speak when something changes (WCAG 4.1.3): the number of results after a filter,
the message after an action; and a scores refresh keeps the Principles the person collapsed."""

from playwright.sync_api import Page, expect

from assessments.models import Status
from tests.assessments.workflow_helpers import in_state
from tests.browser.journey import check_page, follow, sign_in


def test_the_result_count_is_put_into_an_empty_live_region_after_the_page_loads(
    page: Page, people
) -> None:
    in_state(people, Status.DRAFT)
    sign_in(page, "ana")
    response = page.goto("/assessments/?status=draft")
    assert response is not None
    served = response.text()
    # Text already in a live region when the page loads is never announced.
    assert '<div class="visually-hidden" aria-live="polite" id="announcer"></div>' in served
    check_page(page)
    expect(page.locator("#announcer")).to_have_text("1 assessment found.")


def test_the_message_after_an_action_is_announced(page: Page, people) -> None:
    assessment = in_state(people, Status.SUBMITTED)
    sign_in(page, "ofa")
    page.goto(f"/assessments/{assessment.pk}/")
    check_page(page)
    page.get_by_label("What needs to change").fill("Say who sees the map first.")
    follow(page, page.get_by_role("button", name="Request changes").click)
    expect(page.locator("#announcer")).to_contain_text("changes requested")


def test_a_scores_refresh_keeps_what_the_person_opened_or_collapsed(page: Page, people) -> None:
    draft = in_state(people, Status.DRAFT)
    sign_in(page, "ana")
    page.goto(f"/assessments/{draft.pk}/edit/")
    check_page(page)
    principle = page.locator("#scores-live details[id]").first
    first_id = principle.get_attribute("id")
    served_open = principle.evaluate("(el) => el.open")
    page.locator(f"#{first_id} > summary").click()  # the person flips it
    assert page.locator(f"#{first_id}").evaluate("(el) => el.open") is not served_open
    with page.expect_response(lambda r: "/preview/" in r.url):
        page.get_by_label("Summary").fill("A map of where people over 65 live, by suburb.")
    page.wait_for_timeout(300)  # the panel is replaced once the answer arrives
    assert page.locator(f"#{first_id}").evaluate("(el) => el.open") is not served_open
