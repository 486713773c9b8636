"""Mend WeasyPrint's PDF/UA tagging where it falls short of PDF/UA-1 (the Matterhorn protocol).

WeasyPrint 70 builds the structure tree one page at a time, so:
- an element split across pages (a section, a table) becomes one element per page, and the
  table header WeasyPrint repeats on each page is tagged as content again;
- the running header and "Page n of N" (page margin boxes) are structure elements linked to no
  tree, and the DRAFT watermark is read out as text on every page;
- table header cells have no /Scope, description lists come out as lists without labels, and
  anonymous boxes leave empty structure elements.

This module wraps two of WeasyPrint's functions, as `/Lang` has been wrapped since the first
record: `_build_box_tree` (module global, called recursively through the module, so the wrapper
sees every box) and `add_tags`, after which the tree is mended. Content that is decoration
(margin boxes, the watermark, repeated table headers) becomes /Artifact marked content.
tests/assessments/test_record_structure.py reads the PDF back and fails if an upgrade of
WeasyPrint breaks any of this.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import pydyf
from weasyprint import pdf as weasyprint_pdf
from weasyprint.formatting_structure import boxes
from weasyprint.pdf import stream as weasyprint_stream
from weasyprint.pdf import tags as weasyprint_tags

# Elements drawn as decoration: never read out, never part of the structure.
ARTIFACT_CLASSES = frozenset({"draft-mark"})


@dataclass
class _Tagging:
    """What one add_tags call learns while it builds the tree."""

    sources: dict[int, Any] = field(default_factory=dict)  # id(struct) -> its HTML element
    artifacts: list[pydyf.Dictionary] = field(default_factory=list)  # roots of decoration


# Pages are drawn before add_tags runs, so where each marked-content sequence begins is kept
# here: (id of the page's tags dict, MCID) -> (the stream's operators, index of the tag). Each
# render removes its own entries once its tree is mended.
_MARKS: dict[tuple[int, int], tuple[list[Any], int]] = {}


_TAGGING: ContextVar[_Tagging | None] = ContextVar("dpup_pdf_tagging", default=None)

_original_build_box_tree = weasyprint_tags._build_box_tree
_original_add_tags = weasyprint_pdf.add_tags
_original_marked = weasyprint_stream.Stream.marked


@contextmanager
def _marked(self: Any, box: Any, tag: str) -> Iterator[None]:
    """Remember where each marked-content sequence begins, so it can become an artifact."""
    with _original_marked(self, box, tag):
        if self._tags is not None and box in self._tags:
            mcid = self._tags[box]["mcid"]
            # The sequence just begun ends the list: /Tag <</MCID n>> BDC.
            _MARKS[(id(self._tags), mcid)] = (self.stream, len(self.stream) - 3)
        yield


def _is_decoration(box: Any) -> bool:
    element = getattr(box, "element", None)
    if isinstance(box, boxes.MarginBox):
        return True
    classes = set((element.get("class") or "").split()) if element is not None else set()
    return bool(classes & ARTIFACT_CLASSES)


def _build_box_tree(box: Any, parent: Any, *args: Any) -> Iterator[pydyf.Dictionary]:
    state = _TAGGING.get()
    if state is not None and _is_decoration(box):
        children = box.children if isinstance(box, boxes.MarginBox) else [box]
        for child in children:
            if isinstance(box, boxes.MarginBox):
                state.artifacts += _original_build_box_tree(child, parent, *args)
            else:
                # The watermark's own box, built as usual but kept out of the tree.
                state.artifacts += _build_box_tree_plain(child, parent, *args)
        return
    yield from _build_box_tree_plain(box, parent, *args)


def _build_box_tree_plain(box: Any, parent: Any, *args: Any) -> Iterator[pydyf.Dictionary]:
    element = getattr(box, "element", None)
    own = isinstance(box, boxes.PageBox) or getattr(box, "element_tag", None) in ("html", "body")
    # WeasyPrint gives no structure element a language of its own, so a screen reader would
    # read te reo Māori with English pronunciation.
    lang = None if own or element is None else element.get("lang")
    state = _TAGGING.get()
    for structure in _original_build_box_tree(box, parent, *args):
        if lang and "Lang" not in structure:
            structure["Lang"] = pydyf.String(lang)
        if structure["S"] == "/TH":
            scope = "/Row" if element is not None and element.get("scope") == "row" else "/Column"
            structure["A"]["Scope"] = scope
        if state is not None and element is not None and not own:
            state.sources.setdefault(id(structure), element)
        yield structure


def _add_tags(pdf: pydyf.PDF, document: Any, pdf_version: Any, page_streams: list) -> None:
    state = _Tagging()
    token = _TAGGING.set(state)
    try:
        _original_add_tags(pdf, document, pdf_version, page_streams)
        _Mender(pdf, state, page_streams).mend()
    finally:
        _TAGGING.reset(token)
        pages = {id(stream._tags) for stream in page_streams}
        for key in [key for key in _MARKS if key[0] in pages]:
            del _MARKS[key]


class _Mender:
    """Mend the structure tree add_tags has built."""

    def __init__(self, pdf: pydyf.PDF, state: _Tagging, page_streams: list) -> None:
        self.pdf = pdf
        self.state = state
        self.page_tags = [id(stream._tags) for stream in page_streams]
        self.pages = [bytes(reference) for reference in pdf.page_references]
        root = self.get(pdf.catalog["StructTreeRoot"])
        self.parent_tree = self.get(root["ParentTree"])["Nums"]
        self.document = self.get(root["K"][0])

    def get(self, reference: Any) -> Any:
        return self.pdf.objects[int(bytes(reference).split()[0])]

    def kids(self, node: Any) -> list[Any]:
        return [self.get(kid) for kid in node["K"] if isinstance(kid, bytes)]

    def mend(self) -> None:
        for root in self.state.artifacts:
            self.to_artifact(root)
        self.merge_pieces(self.document)
        self.label_descriptions(self.document)
        self.drop_empty(self.document)

    def to_artifact(self, node: Any) -> None:
        """Turn the marked content under `node` into artifacts, out of the parent tree."""
        page = self.pages.index(bytes(node["Pg"])) if "Pg" in node else None
        for kid in node["K"]:
            if isinstance(kid, bytes):
                self.to_artifact(self.get(kid))
            elif isinstance(kid, int) and page is not None:
                operators, index = _MARKS[(self.page_tags[page], kid)]
                operators[index] = "/Artifact"
                operators[index + 1] = pydyf.Dictionary({"Type": "/Pagination"})
                self.parent_tree[2 * page + 1][kid] = b"null"

    def merge_pieces(self, node: Any) -> None:
        """Join the pieces of an element split across pages into the first piece."""
        kept: list[bytes] = []
        previous = None
        for kid in list(node["K"]):
            child = self.get(kid) if isinstance(kid, bytes) else None
            source = self.state.sources.get(id(child)) if child is not None else None
            if (
                child is not None
                and previous is not None
                and source is not None
                and self.state.sources.get(id(previous)) is source
                and all(isinstance(k, bytes) for k in (*previous["K"], *child["K"]))
            ):
                self.join(previous, child)
                continue
            kept.append(kid)
            previous = child
        node["K"] = pydyf.Array(kept)
        for child in self.kids(node):
            self.merge_pieces(child)

    def join(self, first: Any, piece: Any) -> None:
        sources = self.state.sources
        seen = {id(sources.get(id(kid))) for kid in self.kids(first) if id(kid) in sources}
        for kid in self.kids(piece):
            if kid["S"] == "/THead" and id(sources.get(id(kid))) in seen:
                self.to_artifact(kid)  # the header repeated on this page
                continue
            kid["P"] = first.reference
            first["K"].append(kid.reference)

    def label_descriptions(self, node: Any) -> None:
        """Make each term of a description list the label (Lbl) of its item."""
        for child in self.kids(node):
            self.label_descriptions(child)
        source = self.state.sources.get(id(node))
        if node["S"] != "/L" or source is None or source.tag != "dl":
            return
        items: list[bytes] = []
        current = None
        for item in self.kids(node):
            term = getattr(self.state.sources.get(id(item)), "tag", None) == "dt"
            bodies = self.kids(item)
            if term or current is None:
                current = item
                items.append(item.reference)
                for body in bodies:
                    body["S"] = "/Lbl" if term else "/LBody"
                continue
            for body in bodies:
                body["P"] = current.reference
                current["K"].append(body.reference)
        node["K"] = pydyf.Array(items)

    def drop_empty(self, node: Any) -> bool:
        """Remove structure elements with nothing in them; return whether `node` is empty."""
        kept = []
        for kid in node["K"]:
            if isinstance(kid, bytes) and self.drop_empty(self.get(kid)):
                continue
            kept.append(kid)
        node["K"] = pydyf.Array(kept)
        return not kept and node is not self.document


def install() -> None:
    """Put the wrappers in place (idempotent)."""
    weasyprint_tags._build_box_tree = _build_box_tree
    weasyprint_pdf.add_tags = _add_tags
    weasyprint_stream.Stream.marked = _marked


@contextmanager
def uninstalled() -> Iterator[None]:
    """Render with WeasyPrint's own tagging for a while: the benchmark's baseline."""
    weasyprint_tags._build_box_tree = _original_build_box_tree
    weasyprint_pdf.add_tags = _original_add_tags
    weasyprint_stream.Stream.marked = _original_marked
    try:
        yield
    finally:
        install()
