"""Field-by-field differences between two versions of an assessment, in words people read.

A version is a canonical interchange document (assessment.schema.json), as made by
`assessment_to_dict`. Nothing here touches the database. Labels come from the forms and the
section titles from SECTIONS, so the difference speaks the same words as the detail page.
"""

import re
import textwrap
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from functools import cached_property
from itertools import zip_longest
from typing import Any

from django import forms
from django.forms.utils import pretty_name

from assessments.forms import BENEFICIARY_CHOICES, AssessmentForm, ConsultationForm, DataItemForm
from assessments.interchange_validation import STORED_PROPERTIES
from assessments.models import DataForm, DataSource, Depth, InitiativeKind, Party, WhenTold
from assessments.models.fields import nfc
from assessments.presenters import NOT_ANSWERED
from assessments.sections import SECTION_BY_FIELD

NOT_DECIDED = "Not decided yet"
SEP = " › "
PROPERTIES: dict[str, Any] = STORED_PROPERTIES
ITEM: dict[str, Any] = PROPERTIES["data_items"]["items"]["properties"]
CONSULTATION: dict[str, Any] = PROPERTIES["consultations"]["items"]["properties"]
NOT_COMPARED = frozenset({"schema", "reference", "organisation"})
# Choice labels by form field name (data item and consultation keys do not clash with these).
LABELS: dict[str, dict[str, str]] = {
    name: {str(value): str(label) for value, label in choices}
    for name, choices in {
        "initiative_kind": InitiativeKind.choices,
        "purpose_beneficiaries": BENEFICIARY_CHOICES,
        "transparency_when_told": WhenTold.choices,
        "form": DataForm.choices,
        "source": DataSource.choices,
        "party": Party.choices,
        "depth": Depth.choices,
    }.items()
}
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


def _default(prop: Mapping[str, Any]) -> Any:
    if "default" in prop:
        return prop["default"]
    return {"array": [], "object": {}}.get(prop.get("type", ""), "")


def value_or_default(obj: Mapping[str, Any] | None, key: str, prop: Mapping[str, Any]) -> Any:
    """Return obj[key] in NFC, or the schema's default when it is absent."""
    return nfc(obj[key]) if obj is not None and key in obj else _default(prop)


def _same(old: Any, new: Any, prop: Mapping[str, Any]) -> bool:
    if prop.get("uniqueItems") and isinstance(old, list) and isinstance(new, list):
        return Counter(old) == Counter(new)  # A set of choices or names: order means nothing.
    return bool(old == new)


def value_words(value: Any, prop: Mapping[str, Any], labels: Mapping[str, str]) -> str:
    """Return a value as a person reads it: Yes/No, choice labels, lists joined with commas."""
    if value is None:
        return NOT_DECIDED
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return (
            ", ".join(value_words(v, prop.get("items", {}), labels) for v in value) or NOT_ANSWERED
        )
    if value == "":
        return NOT_ANSWERED
    if prop.get("format") == "date":
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return str(value)
        return f"{day.day} {day:%B %Y}"
    return labels.get(value, str(value))


def field_label(form: type[forms.ModelForm], name: str) -> str:
    return str(form.base_fields[name].label or pretty_name(name))


def _object_changes(
    old: Mapping[str, Any] | None,
    new: Mapping[str, Any] | None,
    properties: Mapping[str, Any],
    form: type[forms.ModelForm],
    place: str = "",
    prefix: str = "",
) -> list[Change]:
    """Compare every property; `place` goes before each label, or "" for the section title."""
    changes = []
    for key, prop in properties.items():
        name = prefix + key
        before, after = value_or_default(old, key, prop), value_or_default(new, key, prop)
        if _same(before, after, prop):
            continue
        where = f"{place or SECTION_BY_FIELD[name].title}{SEP}{field_label(form, name)}"
        text = prop.get("type") == "string" and "format" not in prop and bool(before and after)
        labels = LABELS.get(name, {})
        changes.append(
            Change(
                where,
                "changed",
                value_words(before, prop, labels),
                value_words(after, prop, labels),
                text,
            )
        )
    return changes


def _item_summary(item: Mapping[str, Any]) -> str:
    def words(key: str) -> str:
        return value_words(value_or_default(item, key, ITEM[key]), ITEM[key], LABELS.get(key, {}))

    parts = [words("source"), words("form").lower()]
    parts += ["identifies people"] if item.get("identifying") else []
    parts += ["sensitive"] if item.get("sensitive") else []
    parts += [f"retention {words('retention')}"] if item.get("retention") else []
    return f"{words('name')} ({', '.join(parts)})"


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
    properties: Mapping[str, Any],
    form: type[forms.ModelForm],
    summary: Callable[[Mapping[str, Any]], str],
) -> list[Change]:
    """Compare two rows field by field, or name a whole row added or removed."""
    if before is None:
        return [Change(where, "added", "", summary(after or {}))]
    if after is None:
        return [Change(where, "removed", summary(before), "")]
    return _object_changes(before, after, properties, form, where)


def _data_item_changes(old: Sequence[Any], new: Sequence[Any]) -> list[Change]:
    changes = []
    for i, j in _pairs(old, new):
        before, after = (old[i] if i is not None else None), (new[j] if j is not None else None)
        name = value_or_default(after if after is not None else before, "name", ITEM["name"])
        where = f"Data item “{name}”"
        changes += _row_changes(where, before, after, ITEM, DataItemForm, _item_summary)
    return changes


def _consultation_summary(row: Mapping[str, Any]) -> str:
    def words(key: str) -> str:
        return value_words(
            value_or_default(row, key, CONSULTATION[key]), CONSULTATION[key], LABELS.get(key, {})
        )

    summary = textwrap.shorten(words("summary"), 120, placeholder=" …")
    return f"{words('party')}, {words('depth')}, {words('date')}: {summary}"


def _consultation_changes(old: Sequence[Any], new: Sequence[Any]) -> list[Change]:
    changes = []
    for index, (before, after) in enumerate(zip_longest(old, new)):
        row = after if after is not None else before
        party = value_words(
            value_or_default(row, "party", CONSULTATION["party"]), {}, LABELS["party"]
        )
        where = f"Consultation {index + 1} ({party})"
        changes += _row_changes(
            where, before, after, CONSULTATION, ConsultationForm, _consultation_summary
        )
    return changes


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
    """Return every difference from `old` to `new`, in the schema's order; [] when the same.

    Absent keys count as their schema defaults and text is compared in NFC, so a document
    missing a key equals one holding its default, and a decomposed macron equals a composed one.
    """
    changes: list[Change] = []
    for key, prop in PROPERTIES.items():
        if key in NOT_COMPARED:
            continue
        before, after = value_or_default(old, key, prop), value_or_default(new, key, prop)
        if key == "data_items":
            changes += _data_item_changes(before, after)
        elif key == "consultations":
            changes += _consultation_changes(before, after)
        elif key == "justifications":
            changes += _justification_changes(before, after)
        elif "properties" in prop:
            changes += _object_changes(
                before, after, prop["properties"], AssessmentForm, "", f"{key}_"
            )
        else:
            changes += _object_changes(old, new, {key: prop}, AssessmentForm)
    return changes
