"""Kaitiakitanga rules: each meets, fails, and (where it can) is partial or does not apply."""

from typing import Any

import pytest

from principles import score

LOW: dict[str, Any] = {"data_items": [{}]}
EXTREME_LEFT: dict[str, Any] = {"residual_likelihood": "likely", "residual_impact": "major"}

CASES = [
    # KT-01: every item has a retention limit.
    ("KT-01", {}, "met"),
    ("KT-01", {"data_items": []}, "not_applicable"),
    ("KT-01", {"data_items": {1: {"retention": "Kept indefinitely"}}}, "not_met"),
    ("KT-01", {"data_items": {0: {"retention": "FOREVER"}}}, "not_met"),
    ("KT-01", {"data_items": {0: {"retention": "Permanently archived"}}}, "not_met"),
    ("KT-01", {"data_items": [{"retention": "No limit"}]}, "not_met"),
    ("KT-01", {"data_items": [{"retention": ""}, {"retention": "n/a"}]}, "not_met"),
    ("KT-01", {"data_items": [{"retention": "P2Y"}, {"retention": "TBC"}]}, "partial"),
    # "no limit" is matched at word boundaries: "no limitation" is not it.
    ("KT-01", {"data_items": [{"retention": "P5Y, with no limitation on review"}]}, "met"),
    # KT-02: safeguards when sensitivity is moderate or high.
    ("KT-02", {}, "met"),
    ("KT-02", LOW, "not_applicable"),
    ("KT-02", {"stewardship": {"safeguards": "Encrypted."}}, "not_met"),
    # KT-03: disposal planned.
    ("KT-03", {}, "met"),
    ("KT-03", {"data_items": []}, "not_applicable"),
    ("KT-03", {"stewardship": {"disposal": ""}}, "not_met"),
    # KT-04: de-identified data made available.
    ("KT-04", {}, "met"),
    ("KT-04", {"stewardship": ...}, "not_met"),
    # KT-05: sharing and linking reasoned.
    ("KT-05", {}, "met"),
    ("KT-05", LOW, "not_applicable"),
    ("KT-05", {"data_items": [{"shared_with": []}]}, "not_applicable"),
    ("KT-05", {"data_items": {1: {"sharing_reason": ""}}}, "not_met"),
    ("KT-05", {"data_items": {1: {"link_reason": "TBD"}}}, "not_met"),
    ("KT-05", {"data_items": [{"linked_with_other_data": True}]}, "not_met"),
    # KT-06: no risk is left extreme after mitigation (unless justified).
    ("KT-06", {}, "not_applicable"),
    ("KT-06", {"risks": ...}, "not_applicable"),
    # likely x major = 16 is extreme; likely x moderate = 12 is only high.
    ("KT-06", {"risks": {1: EXTREME_LEFT}}, "not_met"),
    ("KT-06", {"risks": {1: {**EXTREME_LEFT, "residual_impact": "moderate"}}}, "not_applicable"),
    # A residual rating needs both values.
    ("KT-06", {"risks": {1: {**EXTREME_LEFT, "residual_impact": ...}}}, "not_applicable"),
    # The inherent rating does not count here, only what is left.
    (
        "KT-06",
        {"risks": {1: {"likelihood": "almost_certain", "impact": "severe"}}},
        "not_applicable",
    ),
    (
        "KT-06",
        {"risks": {1: EXTREME_LEFT}, "justifications": {"KT-06": "Accepted by the board."}},
        "justified",
    ),
]


@pytest.mark.parametrize(("rule", "overrides", "status"), CASES)
def test_rule_status(make_doc, rule, overrides, status):
    assert score(make_doc(**overrides)).finding(rule).status == status


def test_limitless_retention_names_item_and_word(make_doc):
    doc = make_doc(data_items={1: {"retention": "Kept indefinitely"}, 2: {"retention": ""}})
    finding = score(doc).finding("KT-01")
    assert "“Care and protection history” (“indefinitely”)" in finding.message
    assert "“Attendance rate”" in finding.message
    assert finding.fields == ("data_items[1].retention", "data_items[2].retention")


def test_unreasoned_sharing_and_linking_name_the_items(make_doc):
    doc = make_doc(
        data_items=[
            {"name": "Address", "shared_with": ["Police"]},
            {"name": "Postcode", "linked_with_other_data": True, "link_reason": ""},
        ]
    )
    finding = score(doc).finding("KT-05")
    assert "Shared without an explained reason: “Address”" in finding.message
    assert "Linked with other data without an explained reason: “Postcode”" in finding.message
    assert finding.fields == ("data_items[0].sharing_reason", "data_items[1].link_reason")


def test_extreme_residual_risks_are_named_and_blocking(make_doc):
    left = {"residual_likelihood": "almost_certain", "residual_impact": "severe"}
    result = score(make_doc(risks={0: left, 1: EXTREME_LEFT}))
    finding = result.finding("KT-06")
    assert (finding.status, finding.severity) == ("not_met", "blocking")
    assert "risk 1 (“Families may feel watched by the agencies that…”) and risk 2" in (
        finding.message
    )
    assert finding.fields == (
        "risks[0].residual_likelihood",
        "risks[0].residual_impact",
        "risks[1].residual_likelihood",
        "risks[1].residual_impact",
    )
    assert result.readiness == "not_ready"


def test_a_long_description_is_cut_in_the_name(make_doc):
    long = "One two three four five six seven eight nine ten eleven."
    finding = score(make_doc(risks={1: {**EXTREME_LEFT, "description": long}})).finding("KT-06")
    assert "risk 2 (“One two three four five six seven eight…”)" in finding.message
