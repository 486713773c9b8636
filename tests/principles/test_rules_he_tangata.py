"""He Tāngata rules: each meets, fails, and (where it can) is partial or does not apply."""

from typing import Any

import pytest

from principles import score

# One plain item: nothing identifying or sensitive, so sensitivity is low.
LOW: dict[str, Any] = {"data_items": [{}]}
# One sensitive item that identifies nobody: sensitivity moderate.
MODERATE: dict[str, Any] = {"data_items": [{"sensitive": True}]}
SHORT_STATEMENT = "We use attendance records to offer home visits to families who need them."

CASES = [
    # HT-01: purpose statement substantial.
    ("HT-01", {}, "met"),
    ("HT-01", {"purpose": {"statement": SHORT_STATEMENT}}, "partial"),
    ("HT-01", {"purpose": {"statement": "Home visits."}}, "not_met"),
    ("HT-01", {"purpose": {"statement": " TBC "}}, "not_met"),
    ("HT-01", {"purpose": {"statement": ""}}, "not_met"),
    # HT-02: benefit explained and a beneficiary.
    ("HT-02", {}, "met"),
    ("HT-02", {"purpose": {"beneficiaries": []}}, "partial"),
    ("HT-02", {"purpose": {"benefit": "n/a"}}, "partial"),
    ("HT-02", {"purpose": {"benefit": ..., "beneficiaries": ...}}, "not_met"),
    # HT-03: risks explained.
    ("HT-03", {}, "met"),
    ("HT-03", {"purpose": {"risks": "None."}}, "not_met"),
    # HT-04: every item justified, none just in case.
    ("HT-04", {}, "met"),
    ("HT-04", {"data_items": []}, "not_met"),
    ("HT-04", {"data_items": {2: {"justification": "Might be useful for reports."}}}, "not_met"),
    ("HT-04", {"data_items": {0: {"justification": "TBC"}}}, "not_met"),
    ("HT-04", {"data_items": {2: {"justification": ""}}}, "partial"),
    # "in case it" must not match inside "in case items".
    ("HT-04", {"data_items": {2: {"justification": "Kept in case items are lost."}}}, "met"),
    # HT-05: identifying information shown to be needed.
    ("HT-05", {}, "met"),
    ("HT-05", LOW, "not_applicable"),
    ("HT-05", {"minimisation": {"identifying_needed": False}}, "not_met"),
    ("HT-05", {"minimisation": {"identifying_needed": ...}}, "not_met"),
    ("HT-05", {"minimisation": {"why_identifying": "To be decided"}}, "not_met"),
    # HT-06: alternatives considered when sensitivity is moderate or high.
    ("HT-06", {}, "met"),
    ("HT-06", LOW, "not_applicable"),
    ("HT-06", {**MODERATE, "minimisation": {"alternatives_considered": ""}}, "not_met"),
    ("HT-06", {"minimisation": ...}, "not_met"),
    # HT-07: reused items fit their original purpose.
    ("HT-07", {}, "met"),
    ("HT-07", LOW, "not_applicable"),
    ("HT-07", {"data_items": {1: {"consistent_with_original_purpose": None}}}, "not_met"),
    ("HT-07", {"data_items": {1: {"consistent_with_original_purpose": False}}}, "not_met"),
    ("HT-07", {"data_items": {1: {"original_purpose": "Unknown"}}}, "not_met"),
    # HT-08: legal basis when sensitivity is moderate or high.
    ("HT-08", {}, "met"),
    ("HT-08", MODERATE, "met"),
    ("HT-08", LOW, "not_applicable"),
    ("HT-08", {**MODERATE, "purpose": {"legal_basis": "The law."}}, "not_met"),
    # HT-09: oversight when sensitivity is high.
    ("HT-09", {}, "met"),
    ("HT-09", {**MODERATE, "purpose": {"oversight": ""}}, "not_applicable"),
    ("HT-09", {"purpose": {"oversight": ""}}, "not_met"),
]


@pytest.mark.parametrize(("rule", "overrides", "status"), CASES)
def test_rule_status(make_doc, rule, overrides, status):
    assert score(make_doc(**overrides)).finding(rule).status == status


def test_short_statement_says_how_many_words(make_doc):
    finding = score(make_doc(purpose={"statement": SHORT_STATEMENT})).finding("HT-01")
    assert "13 words" in finding.message
    assert "at least 20 words" in finding.message
    assert finding.fields == ("purpose.statement",)


def test_placeholder_statement_is_named_as_such(make_doc):
    finding = score(make_doc(purpose={"statement": "TBC"})).finding("HT-01")
    assert "placeholder" in finding.message
    assert "“TBC”" in finding.message


def test_just_in_case_names_the_item_and_phrase(make_doc):
    doc = make_doc(data_items={2: {"justification": "Nice to have for completeness."}})
    finding = score(doc).finding("HT-04")
    assert "“Attendance rate”" in finding.message
    assert "“nice to have”" in finding.message
    assert "“for completeness”" in finding.message
    assert finding.fields == ("data_items[2].justification",)


def test_unjustified_items_are_named_with_their_fields(make_doc):
    doc = make_doc(data_items={0: {"justification": ""}, 2: {"justification": "n/a"}})
    finding = score(doc).finding("HT-04")
    assert finding.status == "not_met"
    assert "“Full name”" in finding.message
    assert "“Attendance rate”" in finding.message
    assert finding.fields == ("data_items[0].justification", "data_items[2].justification")


def test_identifying_not_needed_contradicts_identifying_items(make_doc):
    finding = score(make_doc(minimisation={"identifying_needed": False})).finding("HT-05")
    assert "“Full name”" in finding.message
    assert "“Care and protection history”" in finding.message
    assert finding.fields == ("minimisation.identifying_needed",)


def test_reuse_names_each_problem(make_doc):
    doc = make_doc(
        data_items={1: {"original_purpose": "", "consistent_with_original_purpose": False}}
    )
    finding = score(doc).finding("HT-07")
    assert "“Care and protection history”" in finding.message
    assert "not consistent" in finding.message
    assert finding.fields == (
        "data_items[1].original_purpose",
        "data_items[1].consistent_with_original_purpose",
    )


def test_reuse_defaults_to_unconfirmed_consistency(make_doc):
    doc = make_doc(data_items={1: {"consistent_with_original_purpose": ...}})
    finding = score(doc).finding("HT-07")
    assert finding.status == "not_met"
    assert "not confirmed" in finding.message
