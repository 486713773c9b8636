"""Snapshots apply the schema's defaults, normalise text and know their sensitivity."""

import dataclasses
import unicodedata

import pytest

from principles import Sensitivity, Snapshot, score

MINIMAL = {"schema": "dpup-assessment/1", "title": "Minimal", "purpose": {"statement": ""}}


def test_absent_sections_and_keys_take_schema_defaults():
    snap = Snapshot.from_dict(
        {**MINIMAL, "data_items": [{"name": "Age"}], "consultations": [{"party": "legal"}]}
    )
    item = snap.data_items[0]
    assert (item.identifying, item.sensitive, item.linked_with_other_data) == (False,) * 3
    assert (item.form, item.source) == ("quantitative", "new_collection")
    assert item.consistent_with_original_purpose is None
    assert item.shared_with == ()
    assert snap.minimisation.identifying_needed is None
    assert snap.transparency.when_told is None  # 2026.2: nothing is assumed
    assert snap.consultations[0].depth == "review"
    assert snap.groups.maori is False
    assert snap.initiative_kind == "other"
    assert snap.justifications == {}
    assert snap.purpose.beneficiaries == ()


def test_a_minimal_document_scores_without_error():
    result = score({**MINIMAL, "data_items": []})
    assert result.sensitivity == "low"
    assert result.readiness == "not_ready"
    assert result.finding("HT-04").status == "not_met"


def test_all_text_is_nfc_normalised():
    decomposed = "Wha\u0304nau"
    doc = {
        **MINIMAL,
        "title": decomposed,
        "purpose": {"statement": decomposed, "beneficiaries": ["whanau"]},
        "data_items": [{"name": decomposed, "shared_with": [decomposed]}],
        "groups": {"other": decomposed},
        "justifications": {"HT-01": decomposed},
    }
    snap = Snapshot.from_dict(doc)
    texts = [
        snap.title,
        snap.purpose.statement,
        snap.data_items[0].name,
        snap.data_items[0].shared_with[0],
        snap.groups.other,
        snap.justifications["HT-01"],
    ]
    assert texts == ["Whānau"] * 6
    assert all(unicodedata.is_normalized("NFC", t) for t in texts)


def test_messages_name_items_in_nfc(make_doc):
    doc = make_doc(data_items={2: {"name": "Wha\u0304nau size", "justification": ""}})
    assert "“Whānau size”" in score(doc).finding("HT-04").message


def test_snapshot_is_frozen():
    snap = Snapshot.from_dict(MINIMAL)
    with pytest.raises(dataclasses.FrozenInstanceError):
        snap.title = "Changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        snap.justifications["HT-01"] = "No"  # type: ignore[index]


def test_the_input_document_is_left_unchanged(make_doc):
    doc = make_doc()
    before = repr(doc)
    score(doc)
    assert repr(doc) == before


@pytest.mark.parametrize(
    ("items", "children", "sensitivity"),
    [
        ([], False, "low"),
        ([{"name": "Age"}], True, "low"),
        ([{"name": "Age", "sensitive": True}], False, "moderate"),
        ([{"name": "Name", "identifying": True}], False, "moderate"),
        # Identifying and sensitive, but not in the same item: moderate.
        (
            [{"name": "Name", "identifying": True}, {"name": "Diagnosis", "sensitive": True}],
            False,
            "moderate",
        ),
        ([{"name": "Diagnosis", "identifying": True, "sensitive": True}], False, "high"),
        ([{"name": "Name", "identifying": True}], True, "high"),
    ],
)
def test_sensitivity_levels(items, children, sensitivity):
    doc = {**MINIMAL, "data_items": items, "groups": {"children_young_people": children}}
    snap = Snapshot.from_dict(doc)
    assert snap.sensitivity == sensitivity
    assert snap.sensitivity is Sensitivity(sensitivity)
