"""Security headers: a Content-Security-Policy without inline code, and no-store everywhere."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from assessments.models import Status
from assessments.reviewing import comment_add
from tests.assessments.workflow_helpers import in_state
from tests.urlwalk import walk

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Rendered by WeasyPrint into a PDF, never served to a browser: their <style> is no risk.
PDF_TEMPLATES = {"records/record.html", "notices/notice_pdf.html"}
INLINE_CODE = [
    re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    re.compile(r"<style\b", re.IGNORECASE),
    re.compile(r"\sstyle\s*=", re.IGNORECASE),
    re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    re.compile(r"javascript:", re.IGNORECASE),
]
DOWNLOADS = [
    "assessment_record",
    "assessment_notice",
    "assessment_notice_pdf",
    "assessment_export",
    "portfolio_csv",
    "audit_csv",
]


def test_the_policy_allows_only_the_sites_own_files_and_nothing_inline(client):
    policy = client.get(reverse("login"))["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
    )
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    for directive in ("default-src", "script-src", "style-src", "connect-src"):
        assert directives[directive] == ["'self'"], directive
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]


@pytest.mark.parametrize(
    "template",
    sorted(
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if str(path.relative_to(TEMPLATES)) not in PDF_TEMPLATES
    ),
)
def test_no_template_served_to_a_browser_holds_inline_script_or_style(template):
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    found = [match.group(0) for pattern in INLINE_CODE for match in pattern.finditer(text)]
    assert found == [], f"move these into static/js or static/css: {found}"


def _url(name, assessment, comment):
    kwargs = {
        "assessment_move": {"pk": assessment.pk, "action": "approve"},
        "comment_addressed": {"pk": assessment.pk, "comment_pk": comment.pk},
        "password_reset_confirm": {"uidb64": "x", "token": "y"},
    }.get(name)
    if kwargs is not None:
        return reverse(name, kwargs=kwargs)
    try:
        return reverse(name, args=[assessment.pk])
    except Exception:  # noqa: BLE001 - the URL takes no argument
        return reverse(name)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["analyst", "officer", "manager"])
def test_every_url_answers_no_store_whatever_the_status(client, people, who):
    assessment = in_state(people, Status.SUBMITTED)
    comment = comment_add(assessment=assessment, author=people.officer, body="Which hubs?")
    client.force_login(getattr(people, who))
    names = sorted({u.name for u in walk() if not u.name.startswith("admin:")} - {"logout"})
    for name in names:
        response = client.get(_url(name, assessment, comment))
        if response.streaming:
            b"".join(response.streaming_content)
        assert response["Cache-Control"] == "private, no-store", (name, response.status_code)
        assert "Content-Security-Policy" in response, name


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Status.DRAFT, Status.APPROVED])
def test_every_download_is_served_no_store(client, people, status):
    assessment = in_state(people, status)
    client.force_login(people.manager)
    for name in DOWNLOADS:
        try:
            url = reverse(name, args=[assessment.pk])
        except Exception:  # noqa: BLE001 - an organisation-wide download
            url = reverse(name)
        response = client.get(url)
        assert response.status_code == 200, name
        assert response["Cache-Control"] == "private, no-store", name


@pytest.mark.django_db
def test_the_admin_and_sign_in_pages_are_no_store_too(client):
    for url in (reverse("login"), reverse("admin:login"), reverse("password_reset")):
        assert client.get(url)["Cache-Control"] == "private, no-store", url
