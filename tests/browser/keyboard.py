"""Moving through pages with the keyboard alone: Tab, Shift+Tab, typing, Enter, Space, arrows.

Nothing here clicks or fills: the page is only read (where focus is, what it looks like) to
decide which key to press next.
"""

import pytest
from playwright.sync_api import Page

# The site's focus ring (static/css/site.css): a solid outline at least 2px wide.
_FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {
    element: el.outerHTML.slice(0, 120),
    focusVisible: el.matches(":focus-visible"),
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth),
  };
}"""
_FOCUSED_MATCHES = "(selector) => document.activeElement?.matches(selector) ?? false"
MAX_TABS = 400


def assert_focus_visible(page: Page) -> None:
    """Fail unless the focused element shows the site's focus ring."""
    focus = page.evaluate(_FOCUS)
    assert focus is not None, "Nothing has focus."
    assert focus["focusVisible"], f"Focus is not shown as keyboard focus on {focus['element']}"
    assert focus["outlineStyle"] == "solid" and focus["outlineWidth"] >= 2, (
        f"No visible focus ring on {focus['element']}: outline {focus['outlineStyle']} "
        f"{focus['outlineWidth']}px"
    )


def is_focused(page: Page, selector: str) -> bool:
    return bool(page.evaluate(_FOCUSED_MATCHES, selector))


def tab_to(page: Page, selector: str, *, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the element matching `selector` has focus, and check that
    its focus is visible."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MAX_TABS):
        if is_focused(page, selector):
            assert_focus_visible(page)
            return
        page.keyboard.press(key)
    pytest.fail(f"{MAX_TABS} presses of {key} never reached {selector}", pytrace=False)


def choose_radio(page: Page, selector: str) -> None:
    """Tab into a radio group, arrow to the radio `selector` and make sure it is chosen."""
    name = page.locator(selector).get_attribute("name")
    tab_to(page, f'input[type="radio"][name="{name}"]')
    options = page.locator(f'input[type="radio"][name="{name}"]').count()
    for _ in range(options):
        if is_focused(page, selector):
            break
        page.keyboard.press("ArrowDown")  # Moves to the next radio and chooses it.
    assert is_focused(page, selector)
    page.keyboard.press("Space")
    assert page.locator(selector).is_checked()


def choose_option(page: Page, selector: str, label: str) -> None:
    """Tab to a closed <select> and press the arrow keys until `label` is chosen."""
    tab_to(page, selector)
    select = page.locator(selector)
    count = select.locator("option").count()
    chosen = "(el) => el.options[el.selectedIndex]?.textContent.trim() ?? ''"
    page.keyboard.press("Home")
    for _ in range(count):
        if select.evaluate(chosen) == label:
            return
        page.keyboard.press("ArrowDown")
    pytest.fail(f"Could not choose {label!r} in {selector} with the arrow keys", pytrace=False)


TYPED = 12  # Characters typed key by key; the rest of a long answer arrives as one input.


def replace_text(page: Page, selector: str, text: str) -> None:
    """Tab to a text field, select what is in it and type `text` over it.

    The first characters are typed key by key; the rest is inserted as one input event, as
    dictation or a paste would send it, which keeps long answers quick to enter.
    """
    tab_to(page, selector)
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type(text[:TYPED])
    if text[TYPED:]:
        page.keyboard.insert_text(text[TYPED:])
