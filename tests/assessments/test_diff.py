"""Readable differences between two versions of an assessment; no database needed."""

import json
import unicodedata
from copy import deepcopy
from pathlib import Path
from typing import Any

import pytest
from django.template.loader import render_to_string

from assessments.diff import Change, diff_documents, word_diff
from assessments.interchange_validation import SCHEMA, SCHEMA_ID, STORED_PROPERTIES, validate
from assessments.questionnaire import choices

PARTIES = dict(choices("consultations", "party"))
DEMO = Path(__file__).resolve().parents[2] / "assessments" / "demo_data"


def _defaults(properties: dict[str, Any]) -> dict[str, Any]:
    """Return every key of an object schema at its default, or empty when it has none."""
    empty: dict[str, Any] = {"string": "", "array": [], "object": {}, "boolean": False}
    result = {}
    for key, prop in properties.items():
        if "properties" in prop:
            result[key] = _defaults(prop["properties"])
        elif "default" in prop:
            result[key] = prop["default"]
        elif isinstance(prop.get("type"), str):
            result[key] = deepcopy(empty[prop["type"]])
    return result


def item(name: str, **values: Any) -> dict[str, Any]:
    """Return a full data item at its defaults, with `values` set."""
    defaults = _defaults(SCHEMA["properties"]["data_items"]["items"]["properties"])
    return {**defaults, "name": name, **values}


def consultation(party: str, **values: Any) -> dict[str, Any]:
    return {"party": party, "depth": "review", "summary": "", **values}


def doc(**values: Any) -> dict[str, Any]:
    """Return a full valid document at the schema's defaults, with top-level `values` set."""
    result = _defaults(STORED_PROPERTIES)
    result.update(schema=SCHEMA_ID, title="Kai for whānau", reference="KAI-1", organisation="Org")
    result.update(deepcopy(values))
    assert validate(result) == []
    return result


def demo(name: str = "whanau-navigator-programme") -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DEMO / f"{name}.json").read_text(encoding="utf-8"))
    return data


def where(changes: list[Change]) -> list[str]:
    return [change.where for change in changes]


def test_identical_documents_have_no_changes() -> None:
    assert diff_documents(doc(), doc()) == []
    assert diff_documents(demo(), demo()) == []


def test_reference_and_organisation_are_not_compared() -> None:
    assert diff_documents(doc(reference="A-1"), doc(reference="B-2", organisation="Other")) == []


@pytest.mark.parametrize("name", ["over-65-population-map", "service-funding-decision"])
def test_a_demo_document_against_a_blank_one_lists_its_answers(name: str) -> None:
    changes = diff_documents(doc(title=demo(name)["title"]), demo(name))
    assert changes
    assert all(change.old != change.new for change in changes)


def test_a_changed_purpose_statement_shows_the_words_deleted_and_inserted() -> None:
    old_text = "Deliver food parcels to whānau\nwho ask for them."
    new_text = "Deliver hot meals to whānau\nwho ask for them, weekly."
    old = doc(purpose={"statement": old_text})
    new = doc(purpose={"statement": new_text})

    [change] = diff_documents(old, new)

    assert change == Change(
        "Purpose and benefit › Purpose statement", "changed", old_text, new_text, True
    )
    assert change.segments == [
        ("same", "Deliver "),
        ("del", "food parcels"),
        ("ins", "hot meals"),
        ("same", " to whānau\nwho ask for "),
        ("del", "them."),
        ("ins", "them, weekly."),
    ]
    assert "".join(text for op, text in change.segments if op != "ins") == old_text
    assert "".join(text for op, text in change.segments if op != "del") == new_text


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("", "one"),
        ("a b c", ""),
        ("  leading and trailing  ", " leading, trailing "),
        ("x\n\ny", "x\ny\n\nz"),
        ("same same same", "same same same"),
    ],
)
def test_word_diff_always_rejoins_to_both_texts(old: str, new: str) -> None:
    segments = word_diff(old, new)
    assert "".join(text for op, text in segments if op != "ins") == old
    assert "".join(text for op, text in segments if op != "del") == new
    assert {op for op, _ in segments} <= {"same", "del", "ins"}


def test_segments_only_for_changed_text() -> None:
    assert Change("Where", "changed", "Yes", "No").segments == []
    assert Change("Where", "added", "", "Some text", is_text=True).segments == []


def test_an_answer_first_given_is_not_word_diffed() -> None:
    [change] = diff_documents(doc(summary=""), doc(summary="Food parcels."))
    assert (change.old, change.new, change.is_text, change.segments) == (
        "Not answered",
        "Food parcels.",
        False,
        [],
    )


def test_booleans_nulls_and_choices_are_words() -> None:
    old = doc(
        initiative_kind="service",
        minimisation={"identifying_needed": None},
        transparency={"when_told": "before"},
        groups={"maori": False},
        purpose={"statement": "", "beneficiaries": ["whanau"]},
    )
    new = doc(
        initiative_kind="programme",
        minimisation={"identifying_needed": True},
        transparency={"when_told": "not_told"},
        groups={"maori": True},
        purpose={"statement": "", "beneficiaries": ["whanau", "public"]},
    )

    assert [(c.where, c.old, c.new) for c in diff_documents(old, new)] == [
        ("About the initiative › Kind of initiative", "Service", "Programme"),
        ("Purpose and benefit › Who benefits", "Whānau", "Whānau, The public"),
        (
            "Data minimisation › Is information that identifies people needed at all?",
            "Not decided yet",
            "Yes",
        ),
        (
            "Transparency and choice › When people are told",
            "Before their information is collected",
            "Not told",
        ),
        ("Groups concerned › Māori", "No", "Yes"),
    ]


def test_choices_in_another_order_are_the_same_choices() -> None:
    old = doc(purpose={"statement": "", "beneficiaries": ["whanau", "iwi"]})
    new = doc(purpose={"statement": "", "beneficiaries": ["iwi", "whanau"]})
    assert diff_documents(old, new) == []


def test_data_items_added_and_removed_are_one_change_each() -> None:
    old = doc(data_items=[item("Address"), item("Income")])
    new = doc(
        data_items=[
            item("Address"),
            item("Date of birth", identifying=True, sensitive=True, retention="P2Y"),
        ]
    )

    changes = diff_documents(old, new)

    # "Income" and "Date of birth" share a position, but differ in every way that matters, so
    # pairing falls back to position and reads as a rename.
    assert where(changes)[0] == "Data item “Date of birth” › Name"

    appended = diff_documents(old, doc(data_items=[*old["data_items"], item("Date of birth")]))
    assert appended == [
        Change(
            "Data item “Date of birth”",
            "added",
            "",
            "Date of birth (Newly collected, quantitative)",
        )
    ]
    removed = diff_documents(old, doc(data_items=[item("Income")]))
    assert [(c.where, c.kind, c.old, c.new) for c in removed] == [
        ("Data item “Address”", "removed", "Address (Newly collected, quantitative)", "")
    ]


def test_added_item_summary_names_what_matters() -> None:
    new = doc(
        data_items=[
            item("Address"),
            item(
                "Iwi affiliation",
                identifying=True,
                sensitive=True,
                source="existing",
                form="qualitative",
                retention="P2Y",
            ),
        ]
    )
    [change] = diff_documents(doc(data_items=[item("Address")]), new)
    assert change.new == (
        "Iwi affiliation (Existing data, reused, qualitative, identifies people, sensitive, "
        "retention P2Y)"
    )


def test_reordered_data_items_are_no_change() -> None:
    items = [item("Address"), item("Income", sensitive=True), item("Date of birth")]
    assert diff_documents(doc(data_items=items), doc(data_items=items[::-1])) == []


def test_matched_data_items_compare_field_by_field_in_new_order() -> None:
    old = doc(data_items=[item("Address"), item("Date of birth", retention="P2Y")])
    new = doc(
        data_items=[
            item("date of birth", retention="P5Y"),
            item("Address", consistent_with_original_purpose=True),
        ]
    )

    assert [(c.where, c.old, c.new) for c in diff_documents(old, new)] == [
        ("Data item “date of birth” › Name", "Date of birth", "date of birth"),
        ("Data item “date of birth” › Retention", "P2Y", "P5Y"),
        (
            "Data item “Address” › Is this use directly consistent with that purpose?",
            "Not decided yet",
            "Yes",
        ),
    ]


def test_a_renamed_item_in_place_shows_as_a_change_of_name() -> None:
    old = doc(data_items=[item("Address"), item("DOB", retention="P2Y")])
    new = doc(data_items=[item("Address"), item("Date of birth", retention="P2Y")])
    assert [(c.where, c.kind, c.old, c.new) for c in diff_documents(old, new)] == [
        ("Data item “Date of birth” › Name", "changed", "DOB", "Date of birth")
    ]


def test_a_rename_reads_as_one_even_when_an_item_is_inserted_before_it() -> None:
    old = doc(data_items=[item("Address"), item("DOB"), item("Income")])
    new = doc(data_items=[item("Iwi"), item("Address"), item("Date of birth"), item("Income")])
    assert [(c.where, c.kind) for c in diff_documents(old, new)] == [
        ("Data item “Iwi”", "added"),
        ("Data item “Date of birth” › Name", "changed"),
    ]


def test_duplicate_names_pair_in_order_and_the_extra_one_is_removed() -> None:
    old = doc(data_items=[item("Notes", description="first"), item("Notes", description="2nd")])
    new = doc(data_items=[item("Notes", description="first")])
    assert [(c.kind, c.old) for c in diff_documents(old, new)] == [
        ("removed", "Notes (Newly collected, quantitative)")
    ]


def test_consultations_compare_by_position() -> None:
    old = doc(consultations=[consultation("legal"), consultation("privacy_officer", summary="OK")])
    new = doc(
        consultations=[
            consultation("legal"),
            consultation("privacy_officer", summary="OK with changes", date="2026-03-14"),
            consultation("iwi_maori", depth="co_design", summary="Hui held."),
        ]
    )

    assert [(c.where, c.kind, c.old, c.new) for c in diff_documents(old, new)] == [
        ("Consultation 2 (Privacy officer) › What came of it", "changed", "OK", "OK with changes"),
        ("Consultation 2 (Privacy officer) › Date", "changed", "Not answered", "14 March 2026"),
        (
            "Consultation 3 (Iwi and Māori)",
            "added",
            "",
            "Iwi and Māori, Co-design and rich engagement, Not answered: Hui held.",
        ),
    ]
    [removed] = diff_documents(new, old)[2:]
    assert (removed.where, removed.kind) == ("Consultation 3 (Iwi and Māori)", "removed")


def test_justifications_added_changed_and_removed_by_rule() -> None:
    old = doc(justifications={"HT-04": "Consent is not needed here.", "MW-02": "Told later."})
    new = doc(justifications={"HT-04": "Consent is not needed.", "KA-01": "Kept for a year."})

    changes = diff_documents(old, new)

    assert [(c.where, c.kind) for c in changes] == [
        ("Justification for HT-04", "changed"),
        ("Justification for KA-01", "added"),
        ("Justification for MW-02", "removed"),
    ]
    assert changes[0].segments == [
        ("same", "Consent is not "),
        ("del", "needed here."),
        ("ins", "needed."),
    ]
    assert (changes[1].old, changes[1].new) == ("", "Kept for a year.")
    assert (changes[2].old, changes[2].new) == ("Told later.", "")


def test_absent_keys_equal_their_defaults() -> None:
    sparse = {
        "schema": SCHEMA_ID,
        "title": "Kai for whānau",
        "purpose": {"statement": ""},
        "data_items": [{"name": "Address"}],
        "consultations": [{"party": "legal"}],
    }
    full = doc(data_items=[item("Address")], consultations=[consultation("legal")])
    assert validate(sparse) == []
    assert diff_documents(sparse, full) == []
    assert diff_documents(full, sparse) == []


def test_decomposed_macrons_equal_composed_ones() -> None:
    composed = doc(
        title="Kai for whānau",
        data_items=[item("Whānau size")],
        justifications={"HT-04": "Māori data"},
    )
    decomposed = json.loads(unicodedata.normalize("NFD", json.dumps(composed, ensure_ascii=False)))
    assert decomposed["title"] != composed["title"]
    assert diff_documents(composed, decomposed) == []


def test_demo_document_with_edits_lists_them_in_document_order() -> None:
    old = demo()
    new = deepcopy(old)
    new["title"] += " (revised)"
    new["data_items"][0]["retention"] = "P5Y"
    new["groups"]["pacific"] = not old["groups"].get("pacific", False)
    new["consultations"].pop()

    first_item, last = old["data_items"][0]["name"], len(old["consultations"])
    assert [(c.where, c.kind) for c in diff_documents(old, new)] == [
        ("About the initiative › Title", "changed"),
        (f"Data item “{first_item}” › Retention", "changed"),
        ("Groups concerned › Pacific peoples", "changed"),
        (f"Consultation {last} ({PARTIES[old['consultations'][-1]['party']]})", "removed"),
    ]


def test_template_escapes_answers_and_marks_changes() -> None:
    old = doc(purpose={"statement": "Help whānau."}, summary="Plain")
    new = doc(
        purpose={"statement": "Help <script>alert(1)</script> whānau."}, summary="<b>Bold</b>"
    )

    html = render_to_string("assessments/_diff.html", {"changes": diff_documents(old, new)})

    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Bold&lt;/b&gt;" in html
    assert '<ins class="bg-success-subtle"><span class="visually-hidden">inserted: </span>' in html
    assert '<span lang="mi">whānau</span>' in html
    assert '<th scope="col">Before</th>' in html and "<caption>" in html
    assert "Purpose and benefit › Purpose statement" in html


def test_template_shows_deletions_and_additions() -> None:
    old = doc(summary="Food parcels for all", justifications={"HT-04": "Reason given."})
    new = doc(summary="Food for all")

    html = render_to_string("assessments/_diff.html", {"changes": diff_documents(old, new)})

    assert '<del class="bg-danger-subtle"><span class="visually-hidden">deleted: </span>' in html
    assert "parcels" in html
    assert "Removed" in html and "Not there" in html


def test_template_says_when_there_are_no_differences() -> None:
    html = render_to_string("assessments/_diff.html", {"changes": []})
    assert "No differences." in html and "<table" not in html
