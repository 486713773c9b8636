"""Render HTML to PDF with WeasyPrint, fetching nothing but the app's own static files.

Whatever a user wrote reaches the renderer escaped, as text; this fetcher is the second wall:
it serves static files found by Django's finders and data: URLs, and refuses every other
scheme (file:, http:, https:, ftp: ...). There is no network code path, so no redirects.
"""

import mimetypes
from pathlib import Path

from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

STATIC_BASE = "dpup-static:/"
PDF_VARIANT = "pdf/ua-1"  # Tagged for accessibility (PDF/UA-1), fonts embedded.


class RefusedURL(ValueError):
    """The renderer was asked for something outside the app's own static files."""


class StaticOnlyFetcher(URLFetcher):
    """Serve `dpup-static:/PATH` from the static finders and data: URLs; refuse the rest."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("data",), allow_redirects=False, fail_on_errors=False)
        self.refused: list[str] = []
        self.served: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if url.startswith(STATIC_BASE):
            return self._static(url)
        if url.lower().startswith("data:"):
            self.served.append(url[:40])
            return super().fetch(url, headers)
        self.refused.append(url)
        raise RefusedURL(f"The record renderer does not fetch {url!r}.")

    def _static(self, url: str) -> URLFetcherResponse:
        relative = url.removeprefix(STATIC_BASE).split("?")[0].split("#")[0]
        found = finders.find(relative) if ".." not in Path(relative).parts else None
        if not found or isinstance(found, list):
            self.refused.append(url)
            raise RefusedURL(f"No static file {relative!r}.")
        self.served.append(url)
        mime = mimetypes.guess_type(relative)[0] or "application/octet-stream"
        body = Path(found).read_bytes()
        return URLFetcherResponse(url, body, {"Content-Type": mime}, 200)


def html_to_pdf(html: str, *, fetcher: StaticOnlyFetcher | None = None) -> bytes:
    """Return the PDF of `html`, whose relative links resolve to the app's static files."""
    document = HTML(string=html, base_url=STATIC_BASE, url_fetcher=fetcher or StaticOnlyFetcher())
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    if pdf is None:  # write_pdf returns the bytes when given no target; never None here
        raise RuntimeError("WeasyPrint returned no PDF.")
    return bytes(pdf)
