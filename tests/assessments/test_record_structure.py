"""The PDF record's structure tree, read back with pypdf, meets PDF/UA-1 where WeasyPrint alone
does not (assessments/pdf_tags.py): header cells with /Scope, a table split across pages kept as
one table with its repeated header an artifact, the running header, page numbers and the DRAFT
mark as artifacts, description lists with labels, and no empty structure elements."""

import io
import json
import re
from collections import Counter
from typing import Any

import pypdf
import pytest
from pypdf.generic import ContentStream

from assessments.demo import DEMO_DATA
from assessments.records import record_html, record_pdf

NAVIGATOR = json.loads((DEMO_DATA / "whanau-navigator-programme.json").read_text("utf-8"))
ITEM = NAVIGATOR["data_items"][0]


@pytest.fixture(scope="module")
def long_record() -> tuple[str, pypdf.PdfReader]:
    """A draft record whose data item table runs over several pages."""
    items = [{**ITEM, "name": f"Item {number:03d}"} for number in range(60)]
    document = {**NAVIGATOR, "data_items": items}
    pdf = record_pdf(document)
    return record_html(document), pypdf.PdfReader(io.BytesIO(pdf))


def _elements(reader: pypdf.PdfReader) -> list[dict[str, Any]]:
    """Every structure element in the tree, in document order."""
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if node.get("/Type") == "/StructElem":
            found.append(node)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            if isinstance(kid.get_object(), dict):
                walk(kid)

    root: Any = reader.trailer["/Root"]
    walk(root["/StructTreeRoot"])
    return found


def _kids(element: dict[str, Any]) -> list[Any]:
    kids = element.get("/K")
    kids = kids if isinstance(kids, list) else [kids] if kids is not None else []
    return [kid.get_object() for kid in kids]


def test_every_header_cell_has_a_scope(long_record):
    _, reader = long_record
    headers = [e for e in _elements(reader) if e["/S"] == "/TH"]
    assert headers
    assert {str(e["/A"]["/Scope"]) for e in headers} <= {"/Column", "/Row"}


def test_a_table_split_across_pages_stays_one_table_with_one_header(long_record):
    html, reader = long_record
    assert len(reader.pages) > 3
    tables = [e for e in _elements(reader) if e["/S"] == "/Table"]
    assert len(tables) == html.count("<table")
    items_table = next(t for t in tables if any(k.get("/S") == "/Caption" for k in _kids(t)))
    for table in tables:
        parts = Counter(str(kid["/S"]) for kid in _kids(table) if isinstance(kid, dict))
        assert parts["/THead"] <= 1, parts
        assert parts["/Caption"] <= 1, parts
    assert items_table


def _marked_content(reader: pypdf.PdfReader) -> tuple[set[tuple[int, int]], int]:
    """Return the (page, MCID) of every tagged sequence, and how many artifacts there are."""
    tagged: set[tuple[int, int]] = set()
    artifacts = 0
    for number, page in enumerate(reader.pages):
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"BDC" and operands[0] == "/Artifact":
                artifacts += 1
            elif operator == b"BDC" and "/MCID" in operands[1]:
                tagged.add((number, int(operands[1]["/MCID"])))
            elif operator == b"BMC" and operands[0] == "/Artifact":
                artifacts += 1
    return tagged, artifacts


def _in_tree(reader: pypdf.PdfReader) -> set[tuple[int, int]]:
    pages = [page.indirect_reference.idnum for page in reader.pages if page.indirect_reference]
    found: set[tuple[int, int]] = set()
    for element in _elements(reader):
        page = element.get("/Pg")
        kids = element.get("/K")
        for kid in kids if isinstance(kids, list) else []:
            if isinstance(kid, int) and page is not None:
                found.add((pages.index(page.idnum), kid))
    return found


def test_running_header_page_numbers_and_draft_mark_are_artifacts(long_record):
    _, reader = long_record
    tagged, artifacts = _marked_content(reader)
    # Every tagged sequence belongs to the tree: nothing orphaned, as the margin boxes were.
    assert tagged == _in_tree(reader)
    # Each page: the reference, the title, "Page n of N" and the DRAFT mark.
    assert artifacts >= 4 * len(reader.pages)
    texts = " ".join(page.extract_text() for page in reader.pages)
    assert "DRAFT" in texts and "Page 1 of" in texts  # still drawn, just not read out


def test_description_lists_have_labels_and_bodies(long_record):
    html, reader = long_record
    assert "<dl" in html
    items = [e for e in _elements(reader) if e["/S"] == "/LI"]
    labelled = [i for i in items if [str(k["/S"]) for k in _kids(i)][:1] == ["/Lbl"]]
    assert labelled
    for item in labelled:
        assert [str(k["/S"]) for k in _kids(item)][1:2] == ["/LBody"]


def test_no_structure_element_is_empty(long_record):
    _, reader = long_record
    empty = [str(e["/S"]) for e in _elements(reader) if not _kids(e) and not e.get("/K") == 0]
    assert empty == []


def test_te_reo_keeps_its_language_in_the_mended_tree(long_record):
    html, reader = long_record
    languages = [str(e["/Lang"]) for e in _elements(reader) if "/Lang" in e]
    assert languages.count("mi") >= len(re.findall(r'lang="mi"', html)) // 2
