"""A real browser for the journey tests: Debian's Chromium driven by Playwright, checked by axe.

No browser is ever downloaded. Without Chromium the tests skip and say why, unless
DPUP_REQUIRE_BROWSER=1 (as in CI), when a missing browser fails the run instead.
"""

import os
from collections.abc import Iterator

import pytest
from django.test import override_settings
from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser.journey import CHROMIUM_ARGS, AxeLedger, CspWatch, chromium_path


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Launch the system's Chromium once for the whole run."""
    executable = chromium_path()
    if executable is None:
        reason = (
            "Chromium is not installed, so the browser journeys and accessibility checks cannot "
            "run (on Debian or Ubuntu: apt-get install chromium)"
        )
        if os.environ.get("DPUP_REQUIRE_BROWSER") == "1":
            pytest.fail(f"DPUP_REQUIRE_BROWSER=1 but {reason}.", pytrace=False)
        pytest.skip(f"{reason}; set DPUP_REQUIRE_BROWSER=1 to make this a failure.")
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        # Playwright's sync API keeps an asyncio event loop in the test's thread. Django sees it
        # and refuses ORM calls from that thread (SynchronousOnlyOperation), although nothing
        # here is async: tests set up and check data between browser steps, while the live
        # server answers the browser from its own thread. So the check is off while the browser
        # runs.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def _plain_http_server() -> Iterator[None]:
    # The live server speaks plain HTTP. SecurityMiddleware reads SECURE_SSL_REDIRECT once, when
    # the server starts (before any test's `settings` fixture), so it is switched off for the
    # session here; tests/conftest.py switches it off for every test anyway.
    with override_settings(SECURE_SSL_REDIRECT=False):
        yield


@pytest.fixture(scope="session")
def live_server(_plain_http_server: None, live_server):
    """pytest-django's live server, started with plain HTTP allowed."""
    return live_server


@pytest.fixture(autouse=True)
def _plain_http_cookies(settings) -> None:
    # Production cookies are sent over HTTPS only; the live server is plain HTTP.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    report = yield
    if report.when == "call":
        item.stash[_PASSED] = report.passed
    return report


_PASSED = pytest.StashKey[bool]()
CSP_WATCH = pytest.StashKey[CspWatch]()


@pytest.fixture
def page(request: pytest.FixtureRequest, browser: Browser, live_server) -> Iterator[Page]:
    """Return a page in a fresh browser context (no cookies from other tests).

    Every page the test loads must be checked by axe: a test that passes having left one
    unchecked fails here, naming it. A Content-Security-Policy violation on any page fails the
    test too: the journeys are what shows that no script or style is inline.
    """
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},
        locale="en-NZ",
        timezone_id="Pacific/Auckland",
        accept_downloads=True,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    ledger = AxeLedger.watch(page)
    csp = CspWatch.watch(page)
    request.node.stash[CSP_WATCH] = csp
    yield page
    context.close()
    if request.node.stash.get(_PASSED, False) and csp.violations:
        pytest.fail(
            "The Content-Security-Policy was violated:\n" + "\n".join(csp.violations),
            pytrace=False,
        )
    if request.node.stash.get(_PASSED, False) and ledger.unchecked():
        pytest.fail(
            "These pages were loaded but never checked by axe: " + ", ".join(ledger.unchecked()),
            pytrace=False,
        )
