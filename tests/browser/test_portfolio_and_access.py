"""A manager finds a signed-off assessment in the portfolio and downloads its record; someone
from another organisation cannot reach it at all."""

import re
from io import BytesIO
from pathlib import Path

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from assessments.models import SignOff, Status
from tests.assessments.workflow_helpers import in_state, ready_assessment
from tests.browser.journey import check_page, follow, screenshot, sign_in, visit


def _pdf_text(data: bytes) -> str:
    """Return the text of every page, with runs of white space made single spaces."""
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)
    return re.sub(r"\s+", " ", text)


def test_manager_filters_the_portfolio_and_downloads_the_record(page: Page, people) -> None:
    approved = in_state(people, Status.APPROVED)
    draft = ready_assessment(people.analyst2, title="Whānau navigator referrals")
    sign_off = SignOff.objects.get(assessment=approved)
    sign_in(page, "mere")
    main_nav = page.get_by_role("navigation", name="Main")
    follow(page, main_nav.get_by_role("link", name="Portfolio").click)
    table = page.locator("#portfolio-table")
    expect(table.get_by_role("link", name=draft.title)).to_be_visible()

    page.get_by_label("Status", exact=True).select_option(label="Approved")
    follow(page, page.get_by_role("button", name="Filter").click)
    assert "status=approved" in page.url
    expect(table.locator("caption")).to_have_text("1 assessment")
    expect(table.get_by_role("link", name=draft.title)).to_have_count(0)
    screenshot(page, "portfolio")

    follow(page, table.get_by_role("link", name=approved.title).click)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Download the PDF record")).click()
    assert download.value.suggested_filename == f"{approved.reference}-v1.pdf"
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF-")
    text = _pdf_text(pdf)
    assert approved.title in text
    assert sign_off.statement in text  # "Signed off for the hubs project."
    assert "Approved by ofa" in text


def test_outsider_cannot_reach_the_assessment(page: Page, people) -> None:
    assessment = in_state(people, Status.APPROVED)
    sign_in(page, "otto")
    for path in (
        f"/assessments/{assessment.pk}/",
        f"/assessments/{assessment.pk}/edit/",
        f"/assessments/{assessment.pk}/record.pdf",
    ):
        response = page.goto(path)
        assert response is not None and response.status == 404, path
        check_page(page)
        expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
        expect(page.locator("body")).not_to_contain_text(assessment.title)
    visit(page, "/assessments/")
    expect(page.locator("main")).not_to_contain_text(assessment.title)
