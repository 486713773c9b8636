"""An analyst writes an assessment in the browser, fixes a blocking finding and submits it."""

import re

from playwright.sync_api import Page, expect

from assessments.models import Assessment, Status
from tests.browser.analyst_steps import (
    ABOUT,
    ANSWERS,
    JUST_IN_CASE,
    NEEDED,
    TITLE,
    Step,
    principle_scores,
)
from tests.browser.journey import check_page, follow, screenshot, sign_in, visit
from tests.browser.keyboard import (
    assert_focus_visible,
    choose_option,
    choose_radio,
    is_focused,
    replace_text,
    tab_to,
)
from tests.factories import PASSWORD

PRINCIPLES = {"He Tāngata", "Manaakitanga", "Mana Whakahaere", "Kaitiakitanga", "Mahitahitanga"}


def _do(page: Page, step: Step) -> None:
    target = page.locator(step.selector)
    if step.kind == "text":
        target.fill(step.value)
    elif step.kind == "select":
        target.select_option(label=step.value)
    elif step.kind == "check":
        target.check()
    else:
        target.click()


def test_analyst_writes_fixes_and_submits_an_assessment(page: Page, people) -> None:
    sign_in(page, "ana")
    follow(page, page.get_by_role("link", name="Start a new assessment").click)
    expect(page.get_by_role("heading", level=1)).to_have_text("New assessment")
    expect(page.locator("#scores-panel")).to_contain_text("Save the draft to see how it scores")

    # Saving without a title: the error summary takes focus, and its link takes focus to the
    # field, whose hint and error are tied to it.
    follow(page, page.get_by_role("button", name="Save draft").click)
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name=re.compile("^Title: Enter a title")).click()
    title = page.get_by_role("textbox", name="Title")
    expect(title).to_be_focused()
    expect(title).to_have_attribute("aria-describedby", "id_title_helptext id_title_error")
    expect(title).to_have_accessible_description(
        re.compile("^A short name a colleague would recognise. Enter a title")
    )

    # The scores appear as soon as the draft has a title, before anything is saved.
    for step in ABOUT:
        _do(page, step)
    expect(page.locator("#readiness-summary")).to_contain_text("Not ready")
    first = principle_scores(page)
    assert set(first) == PRINCIPLES

    for step in ANSWERS:
        _do(page, step)
    # The live preview scores the answers as typed: the finding the analyst told people about
    # is met, and the just-in-case justification is a blocking finding.
    expect(page.locator("#finding-MW-01 .badge")).to_have_text("Met")
    expect(page.locator("#finding-MW-03 .badge")).to_have_text("Met")
    expect(page.locator("#finding-HT-04 .badge")).to_have_text("Not met")
    expect(page.locator("#finding-HT-04")).to_contain_text("Just-in-case language")
    typed = principle_scores(page)
    assert typed["He Tāngata"] > first["He Tāngata"]
    assert typed["Mana Whakahaere"] > first["Mana Whakahaere"]
    check_page(page)

    follow(page, page.get_by_role("button", name="Save draft").click)
    expect(page.get_by_role("status")).to_contain_text("saved at")
    assessment = Assessment.objects.get(title=TITLE)
    assert assessment.owner == people.analyst
    items = list(assessment.data_items.order_by("position"))
    assert [item.justification for item in items][0] == JUST_IN_CASE
    assert len(items) == 2
    assert assessment.consultations.count() == 2
    assert principle_scores(page) == typed
    expect(page.locator("#readiness-summary")).to_contain_text("Not ready")

    # Submitting with a blocking finding is refused, naming it and linking to it.
    follow(page, page.get_by_role("link", name="Back to the assessment").click)
    follow(page, page.get_by_role("button", name="Submit for review").click)
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("blocking findings HT-04")
    expect(summary.get_by_role("link", name="HT-04")).to_have_attribute("href", "#finding-HT-04")
    assessment.refresh_from_db()
    assert assessment.status == Status.DRAFT

    # The finding links to the answer to fix; the analyst rewrites the justification.
    follow(page, page.get_by_role("link", name="Edit draft").click)
    page.get_by_role("link", name="Go to the answer for HT-04").click()
    expect(page.locator("#id_data_items-0-justification")).to_be_in_viewport()
    page.locator("#id_data_items-0-justification").fill(NEEDED)
    expect(page.locator("#finding-HT-04 .badge")).to_have_text("Met")
    expect(page.locator("#readiness-summary")).to_contain_text("Needs work")
    fixed = principle_scores(page)
    assert fixed["He Tāngata"] > typed["He Tāngata"]
    screenshot(page, "assessment-form")
    screenshot(page, "scores", locator=page.locator(".scores-aside"))

    follow(page, page.get_by_role("button", name="Save draft").click)
    follow(page, page.get_by_role("link", name="Back to the assessment").click)
    follow(page, page.get_by_role("button", name="Submit for review").click)
    expect(page.get_by_role("status")).to_contain_text("is now submitted")
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED
    assert assessment.readiness == "needs_work"


def _press_keys(page: Page, step: Step) -> None:
    if step.kind == "text":
        replace_text(page, step.selector, step.value)
    elif step.kind == "select":
        choose_option(page, step.selector, step.value)
    elif step.kind == "check" and page.locator(step.selector).get_attribute("type") == "radio":
        choose_radio(page, step.selector)
    elif step.kind == "check":
        tab_to(page, step.selector)
        page.keyboard.press("Space")
        assert page.locator(step.selector).is_checked()
    else:
        tab_to(page, step.selector)
        page.keyboard.press("Enter")


SAVE = '#assessment-form button[type="submit"]'


def _jump_to(page: Page, fragment: str) -> None:
    """Follow a link in the list of the form's sections, as a keyboard user skips ahead."""
    tab_to(page, f'nav[aria-label="Sections of the assessment"] a[href="{fragment}"]')
    page.keyboard.press("Enter")


def test_analyst_journey_with_the_keyboard_alone(page: Page, people) -> None:
    visit(page, "/accounts/login/")
    tab_to(page, "#id_username")
    page.keyboard.type("ana")
    page.keyboard.press("Tab")
    assert is_focused(page, "#id_password")
    page.keyboard.type(PASSWORD)
    follow(page, lambda: page.keyboard.press("Enter"))
    tab_to(page, 'main a[href="/assessments/new/"]')
    follow(page, lambda: page.keyboard.press("Enter"))

    # The skip link is the first stop, and takes focus past the navigation.
    page.keyboard.press("Tab")
    assert is_focused(page, ".skip-link")
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    assert is_focused(page, "main")

    # Saving without a title: focus goes to the error summary, and its link to the field. The
    # save button is the last thing in the form, just before the scores.
    _jump_to(page, "#scores")
    tab_to(page, SAVE, backwards=True)
    follow(page, lambda: page.keyboard.press("Enter"))
    assert is_focused(page, "#error-summary")
    assert_focus_visible(page)
    tab_to(page, '#error-summary a[href="#id_title"]')
    page.keyboard.press("Enter")
    assert is_focused(page, "#id_title")
    assert_focus_visible(page)

    for step in ABOUT:
        _press_keys(page, step)
    expect(page.locator("#readiness-summary")).to_contain_text("Not ready")
    first = principle_scores(page)
    for step in ANSWERS:
        _press_keys(page, step)
    expect(page.locator("#finding-MW-01 .badge")).to_have_text("Met")
    expect(page.locator("#finding-MW-03 .badge")).to_have_text("Met")
    expect(page.locator("#finding-HT-04 .badge")).to_have_text("Not met")
    assert principle_scores(page) != first

    tab_to(page, SAVE)
    follow(page, lambda: page.keyboard.press("Enter"))
    expect(page.get_by_role("status")).to_contain_text("saved at")
    assessment = Assessment.objects.get(title=TITLE)
    assert assessment.data_items.count() == 2
    assert assessment.consultations.count() == 2

    # Fix the blocking finding, watching the live score, then save.
    _jump_to(page, "#section-data-items")
    replace_text(page, "#id_data_items-0-justification", NEEDED)
    expect(page.locator("#finding-HT-04 .badge")).to_have_text("Met")
    expect(page.locator("#readiness-summary")).to_contain_text("Needs work")
    tab_to(page, SAVE)
    follow(page, lambda: page.keyboard.press("Enter"))

    _jump_to(page, "#scores")
    tab_to(page, f'#assessment-form a[href="/assessments/{assessment.pk}/"]', backwards=True)
    follow(page, lambda: page.keyboard.press("Enter"))
    tab_to(page, 'form[action$="/move/submit/"] button')
    follow(page, lambda: page.keyboard.press("Enter"))
    expect(page.get_by_role("status")).to_contain_text("is now submitted")
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED
