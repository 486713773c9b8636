"""He Tāngata rules: each meets, fails, and (where it can) is partial or does not apply."""

from typing import Any

import pytest

from principles import score

# One plain item: nothing identifying or sensitive, so sensitivity is low.
LOW: dict[str, Any] = {"data_items": [{}]}
# One sensitive item that identifies nobody: sensitivity moderate.
MODERATE: dict[str, Any] = {"data_items": [{"sensitive": True}]}
# A low risk, rated and described.
RATED_RISK: dict[str, Any] = {
    "description": "Counts may be out of date.",
    "likelihood": "possible",
    "impact": "minor",
}
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
    # HT-10: risks identified and rated when sensitivity is moderate or high.
    ("HT-10", {}, "met"),
    ("HT-10", {**MODERATE, "risks": [RATED_RISK]}, "met"),
    ("HT-10", LOW, "not_applicable"),
    ("HT-10", {**LOW, "risks": [{"description": "x"}]}, "not_applicable"),
    ("HT-10", {"risks": ...}, "not_met"),
    ("HT-10", {**MODERATE, "risks": []}, "not_met"),
    ("HT-10", {"risks": [{"description": "People may be harmed."}]}, "not_met"),
    ("HT-10", {"risks": {0: {"likelihood": ...}, 1: {"impact": ...}}}, "not_met"),
    ("HT-10", {"risks": {1: {"impact": ...}}}, "partial"),
    ("HT-10", {"risks": {1: {"description": "TBC"}}}, "partial"),
    ("HT-10", {"risks": {1: {"description": "Harm"}}}, "partial"),
    # HT-11: high and extreme risks have a complete mitigation and a residual rating.
    ("HT-11", {}, "met"),
    ("HT-11", {"risks": ...}, "not_applicable"),
    ("HT-11", {"risks": [RATED_RISK, {"description": "Not rated at all."}]}, "not_applicable"),
    # possible x moderate = 9 is medium: nothing asked.
    ("HT-11", {"risks": {0: {"impact": "moderate", "mitigations": []}}}, "not_applicable"),
    ("HT-11", {"risks": {0: {"mitigations": []}}}, "not_met"),
    ("HT-11", {"risks": {0: {"mitigations": {0: {"action": "Talk."}}}}}, "not_met"),
    ("HT-11", {"risks": {0: {"mitigations": {0: {"owner": ""}}}}}, "partial"),
    ("HT-11", {"risks": {0: {"mitigations": {0: {"owner": "TBC"}}}}}, "partial"),
    ("HT-11", {"risks": {0: {"mitigations": {0: {"due": ...}}}}}, "partial"),
    ("HT-11", {"risks": {0: {"residual_impact": ...}}}, "partial"),
    ("HT-11", {"risks": {0: {"residual_likelihood": ..., "residual_impact": ...}}}, "partial"),
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


def test_unrated_risks_are_named_with_their_fields(make_doc):
    doc = make_doc(risks={1: {"impact": ..., "description": "TBC"}})
    finding = score(doc).finding("HT-10")
    assert finding.status == "partial"
    assert (
        "Risk 2 (“TBC”): its description is only a placeholder (“TBC”) and no impact is chosen"
        in finding.message
    )
    assert finding.fields == ("risks[1].description", "risks[1].impact")


def test_no_risk_at_moderate_sensitivity_asks_for_a_register(make_doc):
    finding = score(make_doc(**MODERATE, risks=[])).finding("HT-10")
    assert finding.status == "not_met"
    assert "no risk is listed" in finding.message
    assert finding.fields == ("risks",)


# An extreme risk before mitigation: almost certain x major = 20.
EXTREME_RISK: dict[str, Any] = {
    "description": "A family's care history is seen by a school.",
    "likelihood": "almost_certain",
    "impact": "major",
}


@pytest.mark.parametrize(
    ("risks", "status", "severity"),
    [
        ([], "not_applicable", "major"),
        ([RATED_RISK], "not_applicable", "major"),
        # possible x major = 12, high.
        ([{**RATED_RISK, "impact": "major"}], "not_met", "major"),
        # likely x moderate = 12, high; unlikely x severe = 10, high.
        ([{**RATED_RISK, "likelihood": "likely", "impact": "moderate"}], "not_met", "major"),
        ([{**RATED_RISK, "likelihood": "unlikely", "impact": "severe"}], "not_met", "major"),
        # Any extreme one makes the rule blocking, whether met or not.
        ([EXTREME_RISK], "not_met", "blocking"),
        ([{**RATED_RISK, "impact": "major"}, EXTREME_RISK], "not_met", "blocking"),
        (
            [
                {
                    **EXTREME_RISK,
                    "mitigations": [{"action": "Only the team sees care history.", "owner": "x"}],
                }
            ],
            "partial",
            "blocking",
        ),
        (
            [
                {
                    **EXTREME_RISK,
                    "mitigations": [
                        {"action": "Only the team sees care history.", "owner": "Data lead"},
                        {"action": "Audit", "owner": "Privacy officer", "due": "2026-05-01"},
                    ],
                    "residual_likelihood": "rare",
                    "residual_impact": "major",
                }
            ],
            "partial",
            "blocking",
        ),
        (
            [
                {
                    **EXTREME_RISK,
                    "mitigations": [
                        {
                            "action": "Only the team sees care history.",
                            "owner": "Data lead",
                            "due": "2026-05-01",
                        }
                    ],
                    "residual_likelihood": "rare",
                    "residual_impact": "major",
                }
            ],
            "met",
            "blocking",
        ),
    ],
)
def test_serious_risks_status_and_severity(make_doc, risks, status, severity):
    finding = score(make_doc(risks=risks)).finding("HT-11")
    assert (finding.status, finding.severity) == (status, severity)


def test_unmitigated_serious_risks_are_named(make_doc):
    doc = make_doc(risks=[RATED_RISK, {**RATED_RISK, "impact": "major"}, EXTREME_RISK])
    finding = score(doc).finding("HT-11")
    assert finding.status == "not_met"
    assert "Risk 2 (“Counts may be out of date.”), rated high: no mitigation" in finding.message
    assert "; risk 3 (“A family's care history is seen by a…”), rated extreme: no" in (
        finding.message
    )
    assert "risk 1 " not in finding.message.lower()
    assert finding.fields == (
        "risks[1].mitigations",
        "risks[1].residual_likelihood",
        "risks[1].residual_impact",
        "risks[2].mitigations",
        "risks[2].residual_likelihood",
        "risks[2].residual_impact",
    )


def test_an_incomplete_mitigation_says_what_a_complete_one_needs(make_doc):
    finding = score(make_doc(risks={0: {"mitigations": {0: {"due": ...}}}})).finding("HT-11")
    assert "no mitigation has an explained action, an owner and a due date" in finding.message
    assert finding.fields == ("risks[0].mitigations",)


def test_unmitigated_risk_can_be_justified(make_doc):
    reason = "The visits cannot start until the new system is built next year."
    doc = make_doc(risks={0: {"mitigations": []}}, justifications={"HT-11": reason})
    finding = score(doc).finding("HT-11")
    assert (finding.status, finding.justification) == ("justified", reason)


def test_hyphenated_just_in_case_is_not_met(make_doc):
    doc = make_doc(data_items={2: {"justification": "A nice-to-have for the annual report."}})
    finding = score(doc).finding("HT-04")
    assert finding.status == "not_met"
    assert "(“nice-to-have”)" in finding.message


def test_legal_basis_names_ipp_1():
    from principles import registry

    assert registry.get("HT-08").basis == "law (IPP 1)"
