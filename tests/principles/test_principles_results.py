"""The result's JSON shape matches RULES.md, reads back, and formats as a table."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from principles import PRINCIPLES, Finding, Result, score
from principles.report import format_table
from principles.results import Severity, Status

JUSTIFICATION = "The statute sets the purpose out in full."
FINDING_KEYS = ["rule", "status", "severity", "basis", "message"]


@pytest.fixture
def result(make_doc) -> Result:
    # Some of everything: not met, partial, justified, not applicable.
    return score(
        make_doc(
            purpose={"statement": "", "beneficiaries": [], "risks": ""},
            access={"correction_process": ""},
            justifications={"HT-01": JUSTIFICATION},
        )
    )


def test_to_dict_has_the_documented_keys_in_order(result):
    out = result.to_dict()
    assert list(out) == [
        "title",
        "sensitivity",
        "ruleset",
        "readiness",
        "overall_score",
        "principles",
    ]
    assert list(out["principles"]) == list(PRINCIPLES)
    for pid, principle in out["principles"].items():
        assert list(principle) == ["name", "score", "findings"]
        assert principle["name"] == PRINCIPLES[pid]
        assert isinstance(principle["score"], int)
        for found in principle["findings"]:
            expected = FINDING_KEYS + (["justification"] if found["status"] == "justified" else [])
            assert list(found) == expected


def test_to_dict_values(result):
    out = result.to_dict()
    assert out["title"] == "Home visits for whānau with young children"
    assert (out["sensitivity"], out["readiness"]) == ("high", "needs_work")
    he_tangata = out["principles"]["he_tangata"]
    assert he_tangata["name"] == "He Tāngata"
    assert he_tangata["findings"][0] == {
        "rule": "HT-01",
        "status": "justified",
        "severity": "blocking",
        "basis": "good practice",
        "message": result.finding("HT-01").message,
        "justification": JUSTIFICATION,
    }
    assert he_tangata["findings"][1]["status"] == "partial"
    statuses = {f["status"] for p in out["principles"].values() for f in p["findings"]}
    assert statuses == {"met", "partial", "justified", "not_applicable", "not_met"}


def test_to_dict_is_plain_json(result):
    out = result.to_dict()
    assert json.loads(json.dumps(out)) == out
    assert type(out["sensitivity"]) is str
    assert type(out["principles"]["he_tangata"]["findings"][0]["status"]) is str


def test_fields_are_only_included_on_request(result):
    assert "fields" not in json.dumps(result.to_dict())
    with_fields = result.to_dict(include_fields=True)
    mw05 = next(
        f for f in with_fields["principles"]["mana_whakahaere"]["findings"] if f["rule"] == "MW-05"
    )
    assert mw05["fields"] == ["access.correction_process"]


def test_from_dict_reads_back_the_same_result(result):
    assert Result.from_dict(result.to_dict(include_fields=True)) == result
    stored = json.loads(json.dumps(result.to_dict()))
    again = Result.from_dict(stored)
    assert again.to_dict() == result.to_dict()
    assert again.readiness == "needs_work"
    assert again.blocking_unmet() == []  # HT-01 is justified; HT-02 is partial


def test_helpers(result):
    assert len(result.findings()) == 34
    assert result.finding("MW-05").status == "partial"
    assert result.principle("kaitiakitanga").name == "Kaitiakitanga"
    with pytest.raises(KeyError):
        result.finding("XX-99")


def test_blocking_unmet_lists_only_blocking_not_met(make_doc):
    result = score(make_doc(purpose={"statement": ""}, transparency={"when_told": "not_told"}))
    assert [f.rule for f in result.blocking_unmet()] == ["HT-01", "MW-01"]


def test_findings_are_frozen(result):
    with pytest.raises(AttributeError):
        result.findings()[0].status = Status.MET  # type: ignore[misc]


@pytest.mark.parametrize(
    "changes",
    [
        {"severity": "varies"},
        {"principle": "nobody"},
        {"status": "justified"},  # without a justification
        {"justification": "A reason with no justified status."},
        {"status": "maybe"},
    ],
)
def test_malformed_findings_are_refused(changes):
    fields = {
        "rule": "HT-01",
        "principle": "he_tangata",
        "severity": "blocking",
        "status": "met",
        "basis": "good practice",
        "message": "Met.",
    }
    with pytest.raises(ValueError):
        Finding(**{**fields, **changes})


def test_finding_points_and_weights():
    found = Finding("HT-03", "he_tangata", Severity.MAJOR, Status.PARTIAL, "good practice", "M")
    assert (found.points, found.weight) == (0.5, 2)


def test_format_table(result):
    table = format_table(result)
    assert "Readiness: needs work" in table
    assert f"Overall score: {result.overall_score}" in table
    for principle in result.principles:
        assert f"{principle.name} ({principle.score})" in table
    assert "HT-01  justified" in table
    assert "HT-02  partial" in table
    assert "MW-02  n/a" in table
    assert f"Justification: {JUSTIFICATION}" in table
    assert all(len(line) <= 100 for line in table.splitlines())


# Random assessments: a small vocabulary that reaches placeholders, phrases and real answers.
ANSWERS = st.sampled_from(
    [
        "",
        "TBC",
        "Two words",
        "Kept just in case it helps.",
        "For any purpose at all.",
        "Kept indefinitely by the team.",
        "P2Y",
        " ".join(["word"] * 20),
    ]
)
ITEMS = st.lists(
    st.fixed_dictionaries(
        {"name": st.sampled_from(["Name", "Address", "Wha\u0304nau size"])},
        optional={
            "identifying": st.booleans(),
            "sensitive": st.booleans(),
            "source": st.sampled_from(["new_collection", "existing"]),
            "original_purpose": ANSWERS,
            "consistent_with_original_purpose": st.none() | st.booleans(),
            "justification": ANSWERS,
            "retention": ANSWERS,
            "shared_with": st.lists(st.sampled_from(["Police", "Health"]), unique=True),
            "sharing_reason": ANSWERS,
            "linked_with_other_data": st.booleans(),
            "link_reason": ANSWERS,
        },
    ),
    max_size=4,
)
LIKELIHOODS = st.sampled_from(["rare", "unlikely", "possible", "likely", "almost_certain"])
IMPACTS = st.sampled_from(["minimal", "minor", "moderate", "major", "severe"])
RISKS = st.lists(
    st.fixed_dictionaries(
        {"description": st.sampled_from(["Harm", "People may be harmed by it."])},
        optional={
            "likelihood": LIKELIHOODS,
            "impact": IMPACTS,
            "mitigations": st.lists(
                st.fixed_dictionaries(
                    {"action": ANSWERS.filter(bool)},
                    optional={"owner": ANSWERS, "due": st.just("2026-06-30")},
                ),
                max_size=2,
            ),
            "residual_likelihood": LIKELIHOODS,
            "residual_impact": IMPACTS,
        },
    ),
    max_size=3,
)
DOCS = st.fixed_dictionaries(
    {
        "schema": st.just("dpup-assessment/1"),
        "title": st.just("Random"),
        "purpose": st.fixed_dictionaries(
            {"statement": ANSWERS},
            optional={"benefit": ANSWERS, "risks": ANSWERS, "legal_basis": ANSWERS},
        ),
        "data_items": ITEMS,
    },
    optional={
        "minimisation": st.fixed_dictionaries(
            {},
            optional={"identifying_needed": st.none() | st.booleans(), "why_identifying": ANSWERS},
        ),
        "transparency": st.fixed_dictionaries(
            {},
            optional={
                "when_told": st.sampled_from(["before", "after", "not_told"]),
                "how_people_told": ANSWERS,
                "reason_not_told": ANSWERS,
                "choices_offered": ANSWERS,
            },
        ),
        "groups": st.fixed_dictionaries(
            {},
            optional={
                "maori": st.booleans(),
                "children_young_people": st.booleans(),
                "disabled_people": st.booleans(),
                "other": ANSWERS,
            },
        ),
        "consultations": st.lists(
            st.fixed_dictionaries(
                {"party": st.sampled_from(["service_users", "privacy_officer", "iwi_maori"])},
                optional={"depth": st.sampled_from(["check", "review", "co_design"])},
            ),
            max_size=3,
        ),
        "risks": RISKS,
        "justifications": st.dictionaries(
            st.sampled_from(["HT-01", "HT-04", "MW-01", "MH-01", "HT-11", "KT-06"]),
            ANSWERS,
            max_size=2,
        ),
    },
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(doc=DOCS)
def test_any_valid_assessment_scores_consistently(doc):
    result = score(doc)
    findings = result.findings()
    assert len(findings) == 34
    assert all(0 <= p.score <= 100 for p in result.principles)
    assert 0 <= result.overall_score <= 100
    if result.blocking_unmet():
        assert result.readiness == "not_ready"
    elif any(f.status == "not_met" and f.severity == "major" for f in findings):
        assert result.readiness == "needs_work"
    for found in findings:
        assert found.severity != "varies"
        if found.status in ("met", "not_applicable"):
            assert found.fields == ()
        if found.status in ("not_met", "partial"):
            assert found.fields, found.rule
    assert Result.from_dict(result.to_dict(include_fields=True)) == result
