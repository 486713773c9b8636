"""No page of the journeys breaks the Content-Security-Policy, and a break would be seen.

The `page` fixture fails any browser test whose pages report a violation, so every journey
(analyst, keyboard, review, approval, portfolio) checks it on each page it loads. This test walks
the pages those journeys do not reach by link, and shows that the watch catches a violation.
"""

import pytest
from playwright.sync_api import Page

from assessments.models import Status
from tests.assessments.workflow_helpers import in_state
from tests.browser.conftest import CSP_WATCH
from tests.browser.journey import check_page, sign_in, visit


def test_a_page_with_an_inline_style_is_reported(
    page: Page, people, request: pytest.FixtureRequest
) -> None:
    sign_in(page, "ana")
    watch = request.node.stash[CSP_WATCH]
    assert watch.violations == []
    page.evaluate(
        """document.body.insertAdjacentHTML("beforeend",
             '<p style="color: red">inline</p><img src="https://example.org/x.png" alt="">')"""
    )
    page.wait_for_timeout(200)
    assert any("style-src" in v for v in watch.violations), watch.violations
    assert any("img-src" in v for v in watch.violations), watch.violations
    watch.violations.clear()  # provoked on purpose: the fixture must not fail this test


def test_the_pages_of_every_role_keep_to_the_policy(page: Page, people) -> None:
    approved = in_state(people, Status.APPROVED)
    visit(page, "/accounts/password/reset/")
    sign_in(page, "mere")
    for path in (
        "/portfolio/",
        "/audit/",
        f"/assessments/{approved.pk}/",
        f"/assessments/{approved.pk}/history/",
        f"/assessments/{approved.pk}/notice/",
        "/rules/",
    ):
        visit(page, path)
    page.goto("/admin/")
    check_page(page)
