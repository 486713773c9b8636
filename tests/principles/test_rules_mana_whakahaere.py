"""Mana Whakahaere rules: each meets, fails, and (where it can) is partial or does not apply."""

from typing import Any

import pytest

from principles import score

REASON = "Telling people first would put children at risk of harm."
NOT_IDENTIFYING: dict[str, Any] = {"data_items": [{}]}

CASES = [
    # MW-01: people are told.
    ("MW-01", {}, "met"),
    ("MW-01", {"transparency": {"when_told": "after", "reason_not_told": REASON}}, "met"),
    ("MW-01", {"transparency": {"when_told": "not_told", "reason_not_told": REASON}}, "partial"),
    ("MW-01", {"transparency": {"when_told": "not_told"}}, "not_met"),
    ("MW-01", {"transparency": {"how_people_told": "Letters."}}, "not_met"),
    # when_told has no default (ruleset 2026.2): not saying when people are told is not met.
    ("MW-01", {"transparency": ...}, "not_met"),
    ("MW-01", {"transparency": {"when_told": ...}}, "not_met"),
    ("MW-01", {"transparency": {"when_told": None}}, "not_met"),
    # MW-02: telling people late or not at all is reasoned.
    ("MW-02", {}, "not_applicable"),
    ("MW-02", {"transparency": {"when_told": ...}}, "not_applicable"),
    ("MW-02", {"transparency": {"when_told": "after", "reason_not_told": REASON}}, "met"),
    ("MW-02", {"transparency": {"when_told": "after"}}, "not_met"),
    ("MW-02", {"transparency": {"when_told": "not_told", "reason_not_told": "TBC"}}, "not_met"),
    # MW-03: choices, or why there are none.
    ("MW-03", {}, "met"),
    ("MW-03", {"transparency": {"choices_offered": "", "reason_no_choice": REASON}}, "met"),
    ("MW-03", {"transparency": {"choices_offered": "None"}}, "not_met"),
    # MW-04: no open-ended purpose.
    ("MW-04", {}, "met"),
    ("MW-04", {"purpose": {"benefit": "Data may be used for any purpose we choose."}}, "not_met"),
    (
        "MW-04",
        {"transparency": {"choices_offered": "Choices may change from time to time."}},
        "not_met",
    ),
    ("MW-04", {"transparency": {"how_people_told": "A future-proofing notice."}}, "not_met"),
    # "many purposes" does not contain "any purpose".
    ("MW-04", {"purpose": {"benefit": "The data serves many purposes for whānau."}}, "met"),
    # MW-05: access and correction.
    ("MW-05", {}, "met"),
    ("MW-05", NOT_IDENTIFYING, "not_applicable"),
    ("MW-05", {"access": {"correction_process": ""}}, "partial"),
    ("MW-05", {"access": {"access_process": "TBC"}}, "partial"),
    ("MW-05", {"access": ...}, "not_met"),
    # MW-06: refused corrections.
    ("MW-06", {}, "met"),
    ("MW-06", NOT_IDENTIFYING, "not_applicable"),
    ("MW-06", {"access": {"refusal_process": "-"}}, "not_met"),
    # MW-07: what the data is not used for.
    ("MW-07", {}, "met"),
    ("MW-07", {"purpose": {"not_used_for": ""}}, "not_met"),
    # MW-08: accessible explanations.
    ("MW-08", {}, "met"),
    ("MW-08", {"transparency": {"accessible_formats": "Plain English"}}, "not_met"),
]


@pytest.mark.parametrize(("rule", "overrides", "status"), CASES)
def test_rule_status(make_doc, rule, overrides, status):
    assert score(make_doc(**overrides)).finding(rule).status == status


def test_open_ended_wording_names_phrase_and_field(make_doc):
    doc = make_doc(
        purpose={"statement": "Used for any other purpose, including but not limited to audit."},
        transparency={"how_people_told": "We may update this notice from time to time."},
    )
    finding = score(doc).finding("MW-04")
    assert "“any other purpose”" in finding.message
    assert "“including but not limited to”" in finding.message
    assert "“from time to time”" in finding.message
    assert "the purpose statement" in finding.message
    assert "how people are told" in finding.message
    assert finding.fields == ("purpose.statement", "transparency.how_people_told")


def test_not_told_without_reason_points_to_both_fields(make_doc):
    finding = score(make_doc(transparency={"when_told": "not_told"})).finding("MW-01")
    assert finding.fields == ("transparency.when_told", "transparency.reason_not_told")


def test_partial_access_names_the_missing_half(make_doc):
    finding = score(make_doc(access={"correction_process": ""})).finding("MW-05")
    assert "corrections" in finding.message
    assert finding.fields == ("access.correction_process",)


def test_when_told_unanswered_is_not_assumed_to_be_before(make_doc):
    doc = make_doc(transparency={"when_told": None, "reason_not_told": ""})
    result = score(doc)
    told = result.finding("MW-01")
    assert told.fields == ("transparency.when_told",)
    assert "When people are told is not answered" in told.message
    late = result.finding("MW-02")
    assert late.status == "not_applicable"
    assert "before collection" not in late.message
    assert "not answered" in late.message
