"""Render HTML to PDF with WeasyPrint, fetching nothing but the app's own static files.

Whatever a user wrote reaches the renderer escaped, as text; this fetcher is the second wall:
it serves static files found by Django's finders and data: URLs, and refuses every other
scheme (file:, http:, https:, ftp: ...). There is no network code path, so no redirects.
"""

import logging
import mimetypes
import re
import threading
from pathlib import Path

from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from assessments import pdf_tags

logger = logging.getLogger(__name__)

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


# WeasyPrint warns once per character it has to draw as .notdef (an empty box).
_NOTDEF = re.compile(r"\.notdef glyph rendered .*\(U\+([0-9A-F]+)\)")


class _MissingGlyphLog(logging.Handler):
    """Collect, for the rendering thread only, the characters WeasyPrint drew as .notdef."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.characters: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        match = _NOTDEF.match(record.getMessage())
        if match and record.thread == self.thread:
            self.characters.add(chr(int(match[1], 16)))


def _render(html: str, fetcher: StaticOnlyFetcher) -> tuple[bytes, set[str]]:
    document = HTML(string=html, base_url=STATIC_BASE, url_fetcher=fetcher)
    log, weasyprint_log = _MissingGlyphLog(), logging.getLogger("weasyprint")
    weasyprint_log.addHandler(log)
    try:
        pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    finally:
        weasyprint_log.removeHandler(log)
    if pdf is None:  # write_pdf returns the bytes when given no target; never None here
        raise RuntimeError("WeasyPrint returned no PDF.")
    return bytes(pdf), log.characters


def html_to_pdf(html: str, *, fetcher: StaticOnlyFetcher | None = None) -> bytes:
    """Return the PDF of `html`, whose relative links resolve to the app's static files.

    A character no installed font can draw would print as an empty box, and the reader could
    not tell what was typed; such characters are spelled out as their code point, "[U+1F600]".
    """
    fetcher = fetcher or StaticOnlyFetcher()
    pdf, missing = _render(html, fetcher)
    if missing:
        logger.warning("No font has %s: spelled out as code points.", sorted(missing))
        for character in missing:
            html = html.replace(character, f"[U+{ord(character):04X}]")
        pdf, missing = _render(html, fetcher)
        if missing:  # Only if the fonts lack the digits and capitals themselves.
            raise RuntimeError(f"No font can draw {sorted(missing)}.")
    return pdf


# WeasyPrint's tagging, mended where it falls short of PDF/UA-1 (te reo's /Lang among it).
pdf_tags.install()
