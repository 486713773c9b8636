"""Property: for any valid document, import then export loses nothing, and export is stable.

The strategies are built from the schema itself, so a key added to the schema is generated (and
so round-tripped) without touching this file.
"""

import json
import unicodedata
from copy import deepcopy
from datetime import date
from typing import Any

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.interchange import (
    SCHEMA,
    assessment_import,
    assessment_to_dict,
    validate,
)
from assessments.interchange_validation import STORED_PROPERTIES

TE_REO = ["whānau", "Māori", "He Tāngata", "kaitiakitanga", "Ōtautahi", "tēnā koe", "ā", ""]
# Keep generated text short: length limits are tested on their own, and long text is slow.
MAX_TEXT = 30
MAX_ROWS = 5

# Any character the database can store (not NUL, not a lone surrogate), with macrons likelier.
_characters = st.one_of(
    st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
    st.sampled_from("āēīōūĀĒĪŌŪ"),
)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def text(min_size: int = 0, max_size: int = MAX_TEXT) -> st.SearchStrategy[str]:
    """Return text already in NFC: the app stores NFC, so only NFC input can come back as is.

    (A decomposed macron is stored composed; test_interchange covers that on its own.)
    """
    written = st.one_of(
        st.text(_characters, max_size=max_size), st.sampled_from(TE_REO), st.just(" ")
    )
    return written.map(_nfc).filter(lambda s: min_size <= len(s) <= max_size)


def strategy(prop: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Return a strategy for values valid against one property of the schema."""
    if "const" in prop:
        return st.just(prop["const"])
    if "enum" in prop:
        return st.sampled_from(prop["enum"])
    kind = prop.get("type")
    if kind == ["boolean", "null"]:
        return st.sampled_from([None, True, False])
    if kind == "boolean":
        return st.booleans()
    if kind == "string" and prop.get("format") == "date":
        return st.dates(min_value=date(1, 1, 1)).map(date.isoformat)
    if kind == "string":
        return text(prop.get("minLength", 0), min(prop.get("maxLength", MAX_TEXT), MAX_TEXT))
    if kind == "array":
        return st.lists(
            strategy(prop["items"]), max_size=MAX_ROWS, unique=prop.get("uniqueItems", False)
        )
    if kind == "object" and "properties" in prop:
        required = set(prop.get("required", []))
        props = prop["properties"]
        return st.fixed_dictionaries(
            {key: strategy(sub) for key, sub in props.items() if key in required},
            optional={key: strategy(sub) for key, sub in props.items() if key not in required},
        )
    if kind == "object":
        names = st.from_regex(prop["propertyNames"]["pattern"], fullmatch=True)
        return st.dictionaries(names, strategy(prop["additionalProperties"]), max_size=4)
    raise AssertionError(f"no strategy for {prop}")


def _top_level() -> dict[str, Any]:
    """Return the schema without `organisation` and `reference`: the test chooses those."""
    properties = {
        key: prop
        for key, prop in STORED_PROPERTIES.items()
        if key not in ("organisation", "reference")
    }
    return {**SCHEMA, "properties": properties}


assessments = strategy(_top_level())
references = (
    st.none()
    | st.from_regex(r"[A-Z]{2,5}-[0-9]{1,4}", fullmatch=True)
    | st.from_regex(SCHEMA["properties"]["reference"]["pattern"], fullmatch=True)
)


def assert_subset(given: Any, exported: Any, where: str = "$") -> None:
    """Assert every value given is in the export; the export may add defaults."""
    if isinstance(given, dict):
        assert isinstance(exported, dict), where
        for key, value in given.items():
            assert key in exported, f"{where}.{key} lost"
            assert_subset(value, exported[key], f"{where}.{key}")
    elif isinstance(given, list):
        assert isinstance(exported, list) and len(exported) == len(given), where
        for index, (value, out) in enumerate(zip(given, exported, strict=True)):
            assert_subset(value, out, f"{where}[{index}]")
    else:
        assert exported == given and type(exported) is type(given), where


def without(doc: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {key: value for key, value in doc.items() if key not in keys}


def same_document(one: dict[str, Any], other: dict[str, Any]) -> None:
    """Assert equal documents, key order included (the export writes keys in schema order)."""
    assert json.dumps(one, ensure_ascii=False) == json.dumps(other, ensure_ascii=False)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(doc=assessments, reference=references, name_organisation=st.booleans())
def test_import_export_round_trip(people, doc, reference, name_organisation):
    if reference is not None:
        doc["reference"] = reference
    if name_organisation:
        doc["organisation"] = people.organisation.name
    assert validate(doc) == []

    # Each example rolls back, so references never collide between examples.
    with transaction.atomic():
        exported = assessment_to_dict(assessment_import(doc=deepcopy(doc), owner=people.analyst))
        assert_subset(doc, exported)
        assert validate(exported) == []

        # The same organisation again: the reference is taken, so leave it out to get a new one.
        again = assessment_import(doc=without(exported, "reference"), owner=people.analyst2)
        same_document(
            without(assessment_to_dict(again), "reference"), without(exported, "reference")
        )

        # Another organisation: the reference is free there, and nothing else changes.
        elsewhere = assessment_import(doc=without(exported, "organisation"), owner=people.outsider)
        moved = assessment_to_dict(elsewhere)
        assert moved["organisation"] == people.other_organisation.name
        same_document(without(moved, "organisation"), without(exported, "organisation"))
        transaction.set_rollback(True)
