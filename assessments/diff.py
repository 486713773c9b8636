"""Field-by-field differences between two versions of an assessment, in words people read.

A version is a canonical interchange document (assessment.schema.json), as made by
`assessment_to_dict`. Nothing here touches the database. The comparison walks the questionnaire
and words values through `assessments.answers`, so the difference speaks the same words as the
detail page and the record.
"""

import re
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property
from itertools import zip_longest
from typing import Any

from assessments.answers import same, section_object, stored_value, words
from assessments.models.fields import nfc
from assessments.questionnaire import SECTION_BY_KEY, SECTIONS, TEXT_KINDS, Section

SEP = " › "
DATA_ITEMS = SECTION_BY_KEY["data_items"]
CONSULTATIONS = SECTION_BY_KEY["consultations"]
_TOKENS = re.compile(r"\s+|\S+")


@dataclass(frozen=True)
class Change:
    """One difference: where it is, what happened, and the values before and after in words."""

    where: str
    kind: str  # "changed", "added" or "removed"
    old: str
    new: str
    is_text: bool = False  # Both values are free text, so a word-level diff reads well.

    @cached_property
    def segments(self) -> list[tuple[str, str]]:
        """Return the word-level diff as (op, text), op "same", "del" or "ins"; [] if not text."""
        if self.kind != "changed" or not self.is_text:
            return []
        return word_diff(self.old, self.new)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Return (op, text) pieces: "same" and "del" rejoin to `old`, "same" and "ins" to `new`.

    Spaces alone between two changes join the change, so that "a b" -> "c d" reads as one
    replacement rather than four.
    """
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    opcodes = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    pieces: list[tuple[str, str]] = []
    deleted = inserted = ""
    for number, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        same = "".join(a[i1:i2]) if tag == "equal" else ""
        between = same.isspace() and bool(deleted or inserted) and number + 1 < len(opcodes)
        if tag == "equal" and not between:
            pieces += [(op, text) for op, text in (("del", deleted), ("ins", inserted)) if text]
            deleted = inserted = ""
            pieces.append(("same", same))
        else:
            deleted += "".join(a[i1:i2])
            inserted += "".join(b[j1:j2])
    pieces += [(op, text) for op, text in (("del", deleted), ("ins", inserted)) if text]
    return pieces


def _object_changes(
    old: Mapping[str, Any] | None,
    new: Mapping[str, Any] | None,
    section: Section,
    place: str = "",
) -> list[Change]:
    """Compare every question; `place` goes before each label, or "" for the section title."""
    changes = []
    for question in section.questions:
        before, after = stored_value(old, question), stored_value(new, question)
        if same(before, after, question):
            continue
        text = question.kind in TEXT_KINDS and bool(before and after)
        changes.append(
            Change(
                f"{place or section.title}{SEP}{question.label}",
                "changed",
                words(before, question),
                words(after, question),
                text,
            )
        )
    return changes


def _row_words(row: Mapping[str, Any], section: Section, key: str) -> str:
    question = section.question(key)
    return words(stored_value(row, question), question)


def _item_summary(item: Mapping[str, Any]) -> str:
    def said(key: str) -> str:
        return _row_words(item, DATA_ITEMS, key)

    parts = [said("source"), said("form").lower()]
    parts += ["identifies people"] if item.get("identifying") else []
    parts += ["sensitive"] if item.get("sensitive") else []
    parts += [f"retention {said('retention')}"] if item.get("retention") else []
    return f"{said('name')} ({', '.join(parts)})"


def _name_key(item: Mapping[str, Any]) -> str:
    return str(nfc(item.get("name", ""))).strip().casefold()


def _pairs(old: Sequence[Any], new: Sequence[Any]) -> list[tuple[int | None, int | None]]:
    """Pair data items by name, then by position; in new order, with the removed ones last."""
    free: dict[str, list[int]] = {}
    for index, item in enumerate(old):
        free.setdefault(_name_key(item), []).append(index)
    match = {j: free[key].pop(0) for j, item in enumerate(new) if free.get(key := _name_key(item))}
    used = set(match.values())
    for j in range(len(new)):  # Unmatched: try the old item after the one the previous matched.
        i = match[j - 1] + 1 if j - 1 in match else j
        if j not in match and i < len(old) and i not in used:
            match[j] = i
            used.add(i)
    pairs: list[tuple[int | None, int | None]] = [(match.get(j), j) for j in range(len(new))]
    return pairs + [(i, None) for i in range(len(old)) if i not in used]


def _row_changes(
    where: str,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    section: Section,
    summary: Callable[[Mapping[str, Any]], str],
) -> list[Change]:
    """Compare two rows field by field, or name a whole row added or removed."""
    if before is None:
        return [Change(where, "added", "", summary(after or {}))]
    if after is None:
        return [Change(where, "removed", summary(before), "")]
    return _object_changes(before, after, section, where)


def _data_item_changes(old: Sequence[Any], new: Sequence[Any]) -> list[Change]:
    changes = []
    for i, j in _pairs(old, new):
        before, after = (old[i] if i is not None else None), (new[j] if j is not None else None)
        name = stored_value(after if after is not None else before, DATA_ITEMS.question("name"))
        where = f"{DATA_ITEMS.row_title} “{name}”"
        changes += _row_changes(where, before, after, DATA_ITEMS, _item_summary)
    return changes


def _consultation_summary(row: Mapping[str, Any]) -> str:
    def said(key: str) -> str:
        return _row_words(row, CONSULTATIONS, key)

    summary = textwrap.shorten(said("summary"), 120, placeholder=" …")
    return f"{said('party')}, {said('depth')}, {said('date')}: {summary}"


def _consultation_changes(old: Sequence[Any], new: Sequence[Any]) -> list[Change]:
    changes = []
    for index, (before, after) in enumerate(zip_longest(old, new)):
        row = after if after is not None else before
        where = f"{CONSULTATIONS.row_title} {index + 1} ({_row_words(row, CONSULTATIONS, 'party')})"
        changes += _row_changes(where, before, after, CONSULTATIONS, _consultation_summary)
    return changes


ROW_CHANGES = {"data_items": _data_item_changes, "consultations": _consultation_changes}


def _justification_changes(old: Mapping[str, str], new: Mapping[str, str]) -> list[Change]:
    changes = []
    for rule in sorted(old.keys() | new.keys()):
        before, after = old.get(rule, ""), new.get(rule, "")
        if before != after:
            kind = "added" if not before else "removed" if not after else "changed"
            changes.append(
                Change(f"Justification for {rule}", kind, before, after, kind == "changed")
            )
    return changes


def diff_documents(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    """Return every difference from `old` to `new`, in the questionnaire's order; [] when same.

    Absent keys count as the question's starting value and text is compared in NFC, so a
    document missing a key equals one holding its default, and a decomposed macron equals a
    composed one. The reference and organisation name the record rather than answer anything.
    """
    changes: list[Change] = []
    for section in SECTIONS:
        if section.repeating:
            changes += ROW_CHANGES[section.key](
                old.get(section.key) or [], new.get(section.key) or []
            )
        else:
            changes += _object_changes(
                section_object(old, section), section_object(new, section), section
            )
    changes += _justification_changes(
        nfc(old.get("justifications") or {}), nfc(new.get("justifications") or {})
    )
    return changes
