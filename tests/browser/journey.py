"""Steps the browser journeys share: go somewhere, check it with axe, sign in, keep a screenshot."""

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import ConsoleMessage, Locator, Page

from assessments.te_reo import WORDS as TE_REO_WORDS
from tests.factories import PASSWORD

REPO = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    # Without these Chromium keeps trying to reach Google's services and logs every refusal.
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# WCAG 2.1 levels A and AA: the New Zealand Government Web Accessibility Standard. axe-core
# itself comes with axe-playwright-python (AXE_SCRIPT), so nothing is fetched.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def chromium_path() -> str | None:
    """Return the system's Chromium, if it has one; $DPUP_CHROMIUM names another."""
    if chosen := os.environ.get("DPUP_CHROMIUM"):
        return chosen if os.access(chosen, os.X_OK) else None
    if os.path.exists("/usr/bin/chromium"):
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class AxeLedger:
    """The pages a browser page has loaded, and how many of them axe has checked."""

    loads: list[str] = field(default_factory=list)
    checked: int = 0
    _by_page: ClassVar[dict[Page, "AxeLedger"]] = {}

    @classmethod
    def watch(cls, page: Page) -> "AxeLedger":
        ledger = cls()
        cls._by_page[page] = ledger

        def loaded(page: Page) -> None:
            ledger.loads.append(page.url)

        def closed(page: Page) -> None:
            cls._by_page.pop(page, None)

        page.on("load", loaded)
        page.on("close", closed)
        return ledger

    @classmethod
    def of(cls, page: Page) -> "AxeLedger | None":
        return cls._by_page.get(page)

    def unchecked(self) -> list[str]:
        return self.loads[self.checked :]


# Runs before any of the page's own scripts, through the browser's debugging protocol, so the
# page's Content-Security-Policy does not apply to it. Each violation is logged with a prefix
# the watcher below listens for.
_REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || event.documentURI}:${event.lineNumber}`);
});
"""


@dataclass
class CspWatch:
    """Every Content-Security-Policy violation reported while a browser page was open."""

    violations: list[str] = field(default_factory=list)

    @classmethod
    def watch(cls, page: Page) -> "CspWatch":
        watch = cls()
        page.add_init_script(_REPORT_CSP_VIOLATIONS)

        def console(message: ConsoleMessage) -> None:
            # Chromium also logs each refusal itself ("Refused to apply inline style ...").
            text = message.text
            if text.startswith("CSP violation:") or "Content Security Policy" in text:
                watch.violations.append(f"{page.url}: {text}")

        page.on("console", console)
        return watch


def axe_check(page: Page) -> None:
    """Fail, listing each problem, if axe finds any WCAG 2.1 A or AA violation on the page now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)  # Once per document: checking again after a change reuses it.
    results = page.evaluate(
        "(options) => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    violations = results["violations"]
    if violations:
        lines = [f"axe found {len(violations)} WCAG 2.1 A/AA violation(s) on {page.url}:"]
        for violation in violations:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            lines.append(f"  {violation['helpUrl']}")
            for node in violation["nodes"]:
                target = " ".join(str(part) for part in node["target"])
                summary = " ".join(node.get("failureSummary", "").split())
                lines.append(f"    at {target}: {summary}")
        pytest.fail("\n".join(lines), pytrace=False)


# Text nodes holding a te reo Māori word (the app's own list) outside any lang="mi" element.
# Options of a <select> and typed values are left out: they hold plain text, no markup.
_UNMARKED_TE_REO = r"""(words) => {
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const word = new RegExp(
    "(?<![\\p{L}\\p{N}_])(" + escaped.join("|") + ")(?![\\p{L}\\p{N}_])", "iu");
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const unmarked = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!parent || parent.closest("script, style, template, textarea, option")) continue;
    const found = node.textContent.match(word);
    if (!found) continue;
    const lang = parent.closest("[lang]")?.getAttribute("lang") ?? "";
    if (!lang.startsWith("mi")) {
      const text = node.textContent.trim().slice(0, 80);
      unmarked.push(`${found[0]} in <${parent.localName}>: ${text}`);
    }
  }
  return unmarked;
}"""


# The same without the word list, so that it finds what the list misses: any word with a macron
# (English has none) outside a lang="mi" element.
_UNMARKED_MACRON_WORDS = r"""() => {
  const word = /[\p{L}'’-]*[āēīōūĀĒĪŌŪ][\p{L}'’-]*/u;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const unmarked = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!parent || parent.closest("script, style, template, textarea, option")) continue;
    const found = node.textContent.normalize("NFC").match(word);
    if (!found) continue;
    const lang = parent.closest("[lang]")?.getAttribute("lang") ?? "";
    if (!lang.startsWith("mi")) {
      const text = node.textContent.trim().slice(0, 80);
      unmarked.push(`${found[0]} in <${parent.localName}>: ${text}`);
    }
  }
  return unmarked;
}"""


def te_reo_check(page: Page) -> None:
    """Fail if a te reo Māori word on the page is not marked lang="mi" (WCAG 3.1.2)."""
    unmarked = page.evaluate(_UNMARKED_TE_REO, TE_REO_WORDS)
    unmarked += page.evaluate(_UNMARKED_MACRON_WORDS)
    if unmarked:
        pytest.fail(
            f'Te reo Māori words not marked lang="mi" on {page.url}:\n'
            + "\n".join(f"- {line}" for line in unmarked),
            pytrace=False,
        )


def check_page(page: Page) -> None:
    """Check the page as it is now: axe's WCAG 2.1 AA rules, and te reo Māori marked as such."""
    page.wait_for_load_state("load")
    axe_check(page)
    te_reo_check(page)
    if ledger := AxeLedger.of(page):
        ledger.checked = len(ledger.loads)


def visit(page: Page, path: str) -> None:
    """Open `path` on the live server and check the page with axe."""
    page.goto(path)
    check_page(page)


def follow(page: Page, action: Callable[[], object]) -> None:
    """Do `action` (a click, a key press), wait for the page it leads to, and check it."""
    with page.expect_navigation():
        action()
    check_page(page)


def sign_in(page: Page, username: str) -> None:
    """Sign in through the sign-in page, as a person would."""
    visit(page, "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    follow(page, page.get_by_role("button", name="Sign in").click)
    assert page.get_by_text(f"Signed in as {username}").is_visible()


def screenshots_dir() -> Path:
    """Return where screenshots go: $DPUP_SCREENSHOTS_DIR, else test-artifacts/ (git ignores it).

    `DPUP_SCREENSHOTS_DIR=docs/screenshots make test PYTEST_ARGS=tests/browser` refreshes the
    README's pictures.
    """
    chosen = os.environ.get("DPUP_SCREENSHOTS_DIR")
    path = Path(chosen) if chosen else REPO / "test-artifacts" / "screenshots"
    if not path.is_absolute():
        path = REPO / path
    path.mkdir(parents=True, exist_ok=True)
    return path


SCREENSHOT_MAX_HEIGHT = 2400


def screenshot(page: Page, name: str, *, locator: Locator | None = None) -> None:
    """Save the page, or just `locator`, as NAME.png.

    The page is shot whole, down to SCREENSHOT_MAX_HEIGHT (a long assessment would otherwise make
    a picture of many megabytes), through a window that tall, so that the sticky parts (the save
    bar, the scores) sit where a reader expects them.
    """
    path = screenshots_dir() / f"{name}.png"
    if locator is not None:
        locator.screenshot(path=path)
        return
    viewport = page.viewport_size
    assert viewport is not None
    height = page.evaluate("document.documentElement.scrollHeight")
    page.set_viewport_size(
        {"width": viewport["width"], "height": min(height, SCREENSHOT_MAX_HEIGHT)}
    )
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=path)
    page.set_viewport_size(viewport)
