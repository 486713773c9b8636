"""Mahitahitanga rules: each meets, fails, and (where it can) is partial or does not apply."""

from typing import Any

import pytest

from principles import score

LOW: dict[str, Any] = {"data_items": [{}]}
MODERATE: dict[str, Any] = {"data_items": [{"sensitive": True}]}

CASES = [
    # MH-01 at low sensitivity: always met, minor.
    ("MH-01", {**LOW, "consultations": []}, "met", "minor"),
    # MH-01 at moderate sensitivity: a review or co-design, major.
    ("MH-01", {**MODERATE, "consultations": [{"party": "frontline_workers"}]}, "met", "major"),
    (
        "MH-01",
        {**MODERATE, "consultations": [{"party": "legal", "depth": "co_design"}]},
        "met",
        "major",
    ),
    (
        "MH-01",
        {**MODERATE, "consultations": [{"party": "service_users", "depth": "check"}]},
        "partial",
        "major",
    ),
    ("MH-01", {**MODERATE, "consultations": []}, "not_met", "major"),
    # MH-01 at high sensitivity: co-design with the people concerned, two parties, blocking.
    ("MH-01", {}, "met", "blocking"),
    (
        "MH-01",
        {"consultations": [{"party": "service_users", "depth": "co_design"}]},
        "partial",
        "blocking",
    ),
    (
        "MH-01",
        {
            "consultations": [
                {"party": "frontline_workers", "depth": "co_design"},
                {"party": "privacy_officer"},
            ]
        },
        "partial",
        "blocking",
    ),
    ("MH-01", {"consultations": {0: {"depth": "review"}}}, "partial", "blocking"),
    (
        "MH-01",
        {
            "consultations": [
                {"party": "iwi_maori", "depth": "co_design"},
                {"party": "legal", "depth": "check"},
            ]
        },
        "met",
        "blocking",
    ),
    ("MH-01", {"consultations": []}, "not_met", "blocking"),
    # MH-02: privacy officer consulted when items identify people.
    ("MH-02", {}, "met", "major"),
    ("MH-02", LOW, "not_applicable", "major"),
    ("MH-02", {"consultations": {4: {"party": "legal"}}}, "not_met", "major"),
    # MH-03: insights shared back.
    ("MH-03", {}, "met", "major"),
    ("MH-03", {"sharing_value": {"share_back_with": ""}}, "partial", "major"),
    ("MH-03", {"sharing_value": {"insights_planned": "TBC"}}, "partial", "major"),
    ("MH-03", {"sharing_value": ...}, "not_met", "major"),
    # MH-04: the format of insights, once insights are planned.
    ("MH-04", {}, "met", "minor"),
    ("MH-04", {"sharing_value": {"insights_planned": "Some."}}, "not_applicable", "minor"),
    ("MH-04", {"sharing_value": {"format": ""}}, "not_met", "minor"),
]


@pytest.mark.parametrize(("rule", "overrides", "status", "severity"), CASES)
def test_rule_status_and_severity(make_doc, rule, overrides, status, severity):
    finding = score(make_doc(**overrides)).finding(rule)
    assert (finding.status, finding.severity) == (status, severity)


def test_high_sensitivity_through_children_makes_collaboration_blocking(make_doc):
    doc = make_doc(data_items=[{"identifying": True}], consultations=[])
    finding = score(doc).finding("MH-01")
    assert (finding.status, finding.severity) == ("not_met", "blocking")
    assert "children and young people" in finding.message


def test_partial_collaboration_says_what_is_missing(make_doc):
    doc = make_doc(consultations=[{"party": "service_users", "depth": "co_design"}])
    finding = score(doc).finding("MH-01")
    assert "only one party was consulted" in finding.message
    assert finding.fields == ("consultations",)
