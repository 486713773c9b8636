"""The page check finds te reo Māori that is not marked lang="mi", even a word off the list."""

import pytest
from playwright.sync_api import Page

from assessments.te_reo import WORDS
from tests.browser.journey import AxeLedger, te_reo_check


def _check(page: Page, html: str) -> None:
    page.set_content(f'<html lang="en-NZ"><body>{html}</body></html>')
    if ledger := AxeLedger.of(page):
        ledger.checked = len(ledger.loads)  # Markup made here, not a page of the product.
    te_reo_check(page)


def test_a_word_with_a_macron_off_the_list_is_found(page: Page) -> None:
    assert "pōwhiri" not in {word.lower() for word in WORDS}
    with pytest.raises(pytest.fail.Exception, match="pōwhiri"):
        _check(page, "<p>We open with a pōwhiri.</p>")


def test_marked_words_and_typed_values_pass(page: Page) -> None:
    _check(
        page, '<p>We open with a <span lang="mi">pōwhiri</span>.</p><textarea>pōwhiri</textarea>'
    )
