"""Every page reflows (WCAG 2.1 1.4.10): at 320 CSS pixels wide, and at 1280 px zoomed to 200%
(a 640 px layout), nothing makes the page itself scroll sideways; axe is clean at 320 and 1280.

The journeys check the pages a person walks through; this walks every page and state, including
the ones no journey reaches: withdrawn and superseded records, the rule catalogue, history, the
notice, import and its errors, password change, 403 and 404.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import FilePayload, Page

from assessments.models import Assessment, Status
from tests.assessments.workflow_helpers import in_state
from tests.browser.journey import AxeLedger, check_page, sign_in

# 320 px is WCAG's reflow width; 640 px is a 1280 px window at 200% zoom; 1280 px the desktop.
REFLOW_WIDTHS = (320, 640)
AXE_WIDTHS = (320, 1280)

# How far the document is wider than the window: 0 when nothing scrolls sideways.
_OVERFLOW = """() => {
  const doc = document.documentElement;
  const wide = [...document.body.querySelectorAll("*")]
    .filter((el) => el.getBoundingClientRect().right > doc.clientWidth + 1)
    .filter((el) => !el.closest(".table-responsive, .visually-hidden, .visually-hidden-focusable"))
    .slice(0, 5)
    .map((el) => `<${el.localName} class="${el.className}">`);
  return {overflow: doc.scrollWidth - doc.clientWidth, wide};
}"""


@dataclass(frozen=True)
class Case:
    who: str
    path: str


def _cases(people) -> list[Case]:
    states = {status: in_state(people, status) for status in Status}
    draft = states[Status.DRAFT]
    cases = [
        Case("ana", "/"),
        Case("ana", "/assessments/"),
        Case("ana", "/assessments/?status=nonsense"),
        Case("ana", "/my-work/"),
        Case("ana", "/assessments/new/"),
        Case("ana", "/assessments/import/"),
        Case("ana", "/rules/"),
        Case("ana", "/accounts/password/change/"),
        Case("ana", f"/assessments/{draft.pk}/edit/"),
        Case("ana", f"/assessments/{draft.pk}/notice/"),
        Case("ana", f"/assessments/{draft.pk}/history/"),
        Case("ofa", "/review/"),
        Case("mere", "/portfolio/"),
        Case("mere", f"/assessments/{draft.pk}/edit/"),  # 403: a manager may not edit
        Case("otto", f"/assessments/{draft.pk}/"),  # 404: another organisation
    ]
    cases += [Case("ofa", f"/assessments/{assessment.pk}/") for assessment in states.values()]
    return cases


def _check_reflow(page: Page, width: int) -> None:
    found = page.evaluate(_OVERFLOW)
    assert found["overflow"] <= 0, (
        f"{page.url} scrolls sideways by {found['overflow']} px at {width} px wide; "
        f"too wide: {', '.join(found['wide'])}"
    )


@pytest.mark.parametrize("width", REFLOW_WIDTHS + (1280,))
def test_every_page_reflows_and_passes_axe(page: Page, people, width: int) -> None:
    cases = _cases(people)
    assert Assessment.objects.filter(status=Status.SUPERSEDED).exists()
    page.set_viewport_size({"width": width, "height": 900})
    signed_in = ""
    problems: list[str] = []  # Every page's problems at once, not just the first.
    for case in cases:
        if case.who != signed_in:
            page.context.clear_cookies()
            sign_in(page, case.who)
            signed_in = case.who
        page.goto(case.path)
        page.wait_for_load_state("load")
        try:
            if width in REFLOW_WIDTHS:
                _check_reflow(page, width)
            if width in AXE_WIDTHS:
                check_page(page)
        except (AssertionError, pytest.fail.Exception) as failure:
            problems.append(f"{case.who} at {case.path}: {failure}")
        if ledger := AxeLedger.of(page):
            ledger.checked = len(ledger.loads)  # Checked above, or reflow only at this width.
    assert not problems, "\n\n".join(problems)


# The contrast of each visible form control's border against the page's white (WCAG 1.4.11).
_BORDER_CONTRAST = """() => {
  const lum = (rgb) => {
    const [r, g, b] = rgb.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number).map((c) => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  const white = lum("rgb(255, 255, 255)");
  return [...document.querySelectorAll("input, select, textarea")]
    .filter((el) => el.type !== "hidden" && el.getClientRects().length)
    .map((el) => ({
      name: `${el.localName}#${el.id}${el.matches(":focus") ? ":focus" : ""}`,
      ratio: ratio(lum(getComputedStyle(el).borderTopColor), white),
    }))
    .filter((found) => found.ratio < 3);
}"""


def test_form_control_borders_meet_3_to_1_at_rest_in_focus_and_in_error(page: Page, people):
    draft = in_state(people, Status.DRAFT)
    sign_in(page, "ana")
    page.goto(f"/assessments/{draft.pk}/edit/")
    check_page(page)
    assert page.evaluate(_BORDER_CONTRAST) == []
    for selector in ("#id_title", "#id_initiative_kind", "#id_transparency_when_told_0"):
        page.focus(selector)
        assert page.evaluate(_BORDER_CONTRAST) == [], selector
    page.fill("#id_title", "")
    page.evaluate("document.querySelector('#id_title').removeAttribute('required')")
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").first.click()
    check_page(page)
    assert page.locator("#id_title.is-invalid").count() == 1
    assert page.evaluate(_BORDER_CONTRAST) == []


def _error_states(page: Page, people, check: Callable[[], None]) -> None:
    """Reach each error state as a person would, checking each page it shows."""
    draft = in_state(people, Status.DRAFT)
    submitted = in_state(people, Status.SUBMITTED)
    sign_in(page, "ana")
    page.goto("/assessments/import/")
    bad: FilePayload = {"name": "bad.json", "mimeType": "application/json", "buffer": b"{}"}
    page.set_input_files("#id_file", files=[bad])
    with page.expect_navigation():
        page.get_by_role("button", name="Import").click()
    assert page.locator("#error-summary").is_visible()
    check()
    page.goto(f"/assessments/{draft.pk}/edit/")
    page.evaluate("document.querySelector('#id_title').removeAttribute('required')")
    page.fill("#id_title", "")
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").first.click()
    assert page.locator("#error-summary").is_visible()
    check()
    page.goto("/accounts/password/change/")
    page.fill("#id_old_password", "not the password")
    page.fill("#id_new_password1", "a new long passphrase 2026")
    page.fill("#id_new_password2", "a new long passphrase 2026")
    with page.expect_navigation():
        page.get_by_role("button", name="Change password").click()
    assert page.locator("#error-summary").is_visible()
    check()
    page.context.clear_cookies()
    sign_in(page, "ofa")
    page.goto(f"/assessments/{submitted.pk}/")
    page.get_by_label("What needs to change").fill("   ")
    with page.expect_navigation():
        page.get_by_role("button", name="Request changes").click()
    assert page.locator("#move-request_changes[aria-invalid=true]").count() == 1
    check()


@pytest.mark.parametrize("width", (320, 640, 1280))
def test_error_states_reflow_and_pass_axe(page: Page, people, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})

    def check() -> None:
        page.wait_for_load_state("load")
        if width in REFLOW_WIDTHS:
            _check_reflow(page, width)
        if width in AXE_WIDTHS:
            check_page(page)
        elif ledger := AxeLedger.of(page):
            ledger.checked = len(ledger.loads)

    _error_states(page, people, check)
