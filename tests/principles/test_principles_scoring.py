"""Points, weights, half-up rounding, readiness and justifications."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from principles import PRINCIPLES, RULESET_VERSION, Finding, Severity, Status, score
from principles.scoring import divide_half_up, overall_score, principle_score, readiness

JUSTIFICATION = "The purpose is set by the Oranga Tamariki Act, section 7."


def finding(severity: str, status: str, rule: str = "KT-01") -> Finding:
    return Finding(
        rule=rule,
        principle="kaitiakitanga",
        severity=Severity(severity),
        status=Status(status),
        basis="good practice",
        message="Because.",
        justification="Reason given." if status == "justified" else "",
    )


def test_the_complete_assessment_meets_every_rule(make_doc):
    result = score(make_doc())
    statuses = {f.rule: f.status for f in result.findings()}
    assert statuses.pop("MW-02") == "not_applicable"
    assert statuses.pop("KT-06") == "not_applicable"  # no risk is left extreme
    assert set(statuses.values()) == {"met"}
    assert [p.score for p in result.principles] == [100] * 5
    assert (result.overall_score, result.readiness) == (100, "ready")
    assert result.ruleset == RULESET_VERSION
    assert [p.principle for p in result.principles] == list(PRINCIPLES)


@pytest.mark.parametrize(
    ("findings", "expected"),
    [
        ([], 100),
        ([finding("major", "not_applicable")], 100),
        ([finding("blocking", "met")], 100),
        ([finding("blocking", "not_met")], 0),
        ([finding("blocking", "partial")], 50),
        ([finding("blocking", "justified")], 50),
        # (3 x 1 + 2 x 0) / 5 = 60
        ([finding("blocking", "met"), finding("major", "not_met")], 60),
        # (1 x 1 + 1 x 0 + 1 x 0) / 3 = 33.3
        ([finding("minor", "met"), finding("minor", "not_met"), finding("minor", "not_met")], 33),
        # (2 x 1 + 1 x 0.5) / 3 = 83.3
        ([finding("major", "met"), finding("minor", "partial")], 83),
        # Not applicable findings weigh nothing.
        ([finding("major", "met"), finding("blocking", "not_applicable")], 100),
    ],
)
def test_principle_score(findings, expected):
    assert principle_score(findings) == expected


@pytest.mark.parametrize(
    ("findings", "expected"),
    [
        # (2 x 1 + 1 x 0.5 + 1 x 0) / 4 = 62.5: halves go up (round() would give 62).
        ([finding("major", "met"), finding("minor", "justified"), finding("minor", "not_met")], 63),
        # (2 x 0.5 + 1 x 0.5 + 1 x 0) / 4 = 37.5
        (
            [finding("major", "partial"), finding("minor", "partial"), finding("minor", "not_met")],
            38,
        ),
        # (1 x 0.5 + 1 x 1 + 3 x 2 x 1) / 8 = 93.75
        (
            [finding("minor", "partial"), finding("minor", "met")] + [finding("major", "met")] * 3,
            94,
        ),
    ],
)
def test_principle_score_rounds_halves_up(findings, expected):
    assert principle_score(findings) == expected


def test_overall_score_is_the_mean_rounded_half_up():
    assert overall_score([100, 100, 100, 100, 100]) == 100
    assert overall_score([100, 0, 0, 0, 0]) == 20
    assert overall_score([63, 64, 64, 64, 64]) == 64  # 63.8
    assert overall_score([60, 61]) == 61  # 60.5: halves go up
    assert overall_score([62, 63]) == 63  # 62.5: round() would give 62


@given(numerator=st.integers(0, 10**9), denominator=st.integers(1, 10**6))
def test_divide_half_up_matches_decimal(numerator, denominator):
    exact = (Decimal(numerator) / Decimal(denominator)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    assert divide_half_up(numerator, denominator) == int(exact)


def test_end_to_end_half_up_in_a_principle(make_doc):
    # Kaitiakitanga at low sensitivity, nothing shared: KT-01 (major) met, KT-03 (minor)
    # justified, KT-04 (minor) not met, so 100 x (2 + 0.5 + 0) / 4 = 62.5, shown as 63.
    doc = make_doc(
        data_items=[{}],
        stewardship={"disposal": "", "deidentified_availability": ""},
        justifications={"KT-03": "Disposal is handled by the archive under its own rules."},
    )
    result = score(doc)
    assert result.finding("KT-03").status == "justified"
    assert result.principle("kaitiakitanga").score == 63


class TestReadiness:
    def test_blocking_not_met_is_not_ready(self, make_doc):
        result = score(make_doc(purpose={"statement": ""}))
        assert result.readiness == "not_ready"
        assert [f.rule for f in result.blocking_unmet()] == ["HT-01"]

    def test_major_not_met_needs_work(self, make_doc):
        result = score(make_doc(purpose={"risks": ""}))
        assert result.finding("HT-03").status == "not_met"
        assert min(p.score for p in result.principles) >= 60
        assert result.readiness == "needs_work"

    def test_minor_not_met_alone_is_ready(self, make_doc):
        result = score(make_doc(purpose={"not_used_for": ""}))
        assert result.finding("MW-07").status == "not_met"
        assert result.readiness == "ready"

    def test_a_principle_under_60_needs_work(self, make_doc):
        # Mahitahitanga: MH-01 blocking partial, MH-02 met, MH-03 partial, MH-04 minor not met:
        # 100 x (3 x 0.5 + 2 x 1 + 2 x 0.5 + 1 x 0) / 8 = 56.25. Nothing major is not met.
        doc = make_doc(
            consultations={0: {"depth": "review"}},
            sharing_value={"share_back_with": "", "format": ""},
        )
        result = score(doc)
        assert result.principle("mahitahitanga").score == 56
        assert not [f for f in result.findings() if f.status == "not_met" and f.weight > 1]
        assert result.readiness == "needs_work"

    def test_a_justified_blocking_finding_is_not_not_ready(self, make_doc):
        doc = make_doc(purpose={"statement": ""}, justifications={"HT-01": JUSTIFICATION})
        result = score(doc)
        finding = result.finding("HT-01")
        assert finding.status == "justified"
        assert finding.justification == JUSTIFICATION
        assert result.blocking_unmet() == []
        assert result.readiness == "ready"
        # He Tāngata weighs 26; HT-01 earns 3 x 0.5, the rest 23: 100 x 24.5 / 26 = 94.2.
        assert result.principle("he_tangata").score == 94

    @pytest.mark.parametrize(
        ("scores", "expected"),
        [([60] * 5, "ready"), ([59, 100, 100, 100, 100], "needs_work"), ([100] * 5, "ready")],
    )
    def test_thresholds(self, scores, expected):
        assert readiness([], scores) == expected

    def test_blocking_outranks_major(self):
        findings = [finding("major", "not_met"), finding("blocking", "not_met")]
        assert readiness(findings, [100] * 5) == "not_ready"

    def test_partial_blocking_is_not_not_ready(self):
        assert readiness([finding("blocking", "partial")], [100] * 5) == "ready"


class TestJustifications:
    def test_a_partial_finding_can_be_justified(self, make_doc):
        doc = make_doc(purpose={"beneficiaries": []}, justifications={"HT-02": JUSTIFICATION})
        assert score(doc).finding("HT-02").status == "justified"

    def test_a_placeholder_justification_changes_nothing(self, make_doc):
        doc = make_doc(purpose={"statement": ""}, justifications={"HT-01": "TBC"})
        result = score(doc)
        assert result.finding("HT-01").status == "not_met"
        assert result.readiness == "not_ready"

    def test_a_two_word_justification_changes_nothing(self, make_doc):
        doc = make_doc(purpose={"statement": ""}, justifications={"HT-01": "Set elsewhere"})
        assert score(doc).finding("HT-01").status == "not_met"

    def test_a_met_finding_stays_met(self, make_doc):
        doc = make_doc(justifications={"HT-01": JUSTIFICATION})
        finding = score(doc).finding("HT-01")
        assert (finding.status, finding.justification) == ("met", "")

    def test_a_not_applicable_finding_stays_not_applicable(self, make_doc):
        doc = make_doc(justifications={"MW-02": JUSTIFICATION})
        assert score(doc).finding("MW-02").status == "not_applicable"

    def test_a_justification_for_another_rule_changes_nothing(self, make_doc):
        doc = make_doc(purpose={"statement": ""}, justifications={"HT-02": JUSTIFICATION})
        assert score(doc).finding("HT-01").status == "not_met"

    def test_justified_findings_keep_the_message(self, make_doc):
        doc = make_doc(purpose={"statement": ""}, justifications={"HT-01": JUSTIFICATION})
        assert "purpose statement" in score(doc).finding("HT-01").message
