"""`manage.py assess FILE --json` scores ruleset 2026.2 as RULES.md says, with and without risks.

Imports still refuse `risks` (they are not stored yet), but the scorer saves nothing, so it
reads and scores them.
"""

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from assessments.models import Assessment

REASON = "The board accepted this risk after the privacy officer's review in March."

# Moderate sensitivity (one sensitive item, nothing identifying); people told beforehand.
BASE: dict[str, Any] = {
    "schema": "dpup-assessment/1",
    "title": "Respite service outcomes",
    "purpose": {
        "statement": "Find out whether respite care helps caregivers keep going, by counting "
        "how often each caregiver uses the service and how they rate it each quarter.",
        "benefit": "Caregivers get the respite that helps them most.",
        "beneficiaries": ["whanau"],
        "risks": "Caregivers may feel judged by how often they use respite.",
        "legal_basis": "Information privacy principles 1 to 4 of the Privacy Act 2020.",
        "not_used_for": "Never used to decide who may foster children.",
    },
    "data_items": [
        {
            "name": "Caregiver wellbeing rating",
            "sensitive": True,
            "justification": "Shows whether respite helps caregivers keep going.",
            "retention": "P2Y",
        }
    ],
    "minimisation": {"alternatives_considered": "Only counts and ratings are kept, no names."},
    "transparency": {
        "how_people_told": "Caregivers are told when they book respite.",
        "when_told": "before",
        "choices_offered": "Caregivers may skip the rating without any effect.",
        "accessible_formats": "Easy Read and te reo Māori versions.",
    },
    "stewardship": {
        "safeguards": "Encrypted storage with access only for the evaluation team.",
        "disposal": "Deleted by the data team after two years.",
        "deidentified_availability": "Yearly summaries are published for providers.",
    },
    "sharing_value": {
        "insights_planned": "Which kinds of respite help caregivers most.",
        "share_back_with": "Caregivers, providers and the foster care network.",
        "format": "A two-page summary and a hui with providers.",
    },
    "groups": {"considerations": "Caregivers' time is scarce; the rating takes one minute."},
    "consultations": [{"party": "service_users", "depth": "review"}],
}

MITIGATION = {
    "action": "Ratings are reported only in groups of ten or more caregivers.",
    "owner": "Evaluation lead",
    "due": "2026-06-30",
}


def rated(likelihood: str, impact: str) -> dict[str, str]:
    return {"likelihood": likelihood, "impact": impact}


def assess(tmp_path: Path, *documents: dict[str, Any]) -> list[dict[str, Any]]:
    path = tmp_path / "assessments.json"
    path.write_text(json.dumps({"assessments": list(documents)}), encoding="utf-8")
    out = StringIO()
    call_command("assess", str(path), "--json", stdout=out)
    return json.loads(out.getvalue())["results"]


def findings(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["rule"]: f for p in result["principles"].values() for f in p["findings"]}


def rules_md_scores(result: dict[str, Any]) -> tuple[list[int], int, str]:
    """Recompute the scores and readiness from the findings, as RULES.md defines them."""
    points = {"met": 1, "partial": 0.5, "justified": 0.5, "not_met": 0}
    weights = {"blocking": 3, "major": 2, "minor": 1}

    def half_up(value: float) -> int:
        return int(value + 0.5)

    scores = []
    for principle in result["principles"].values():
        applicable = [f for f in principle["findings"] if f["status"] != "not_applicable"]
        total = sum(weights[f["severity"]] for f in applicable)
        earned = sum(points[f["status"]] * weights[f["severity"]] for f in applicable)
        scores.append(half_up(100 * earned / total) if total else 100)
    every = [f for p in result["principles"].values() for f in p["findings"]]
    if any(f["severity"] == "blocking" and f["status"] == "not_met" for f in every):
        readiness = "not_ready"
    elif any(f["severity"] == "major" and f["status"] == "not_met" for f in every) or any(
        s < 60 for s in scores
    ):
        readiness = "needs_work"
    else:
        readiness = "ready"
    return scores, half_up(sum(scores) / 5), readiness


def check_against_rules_md(result: dict[str, Any]) -> None:
    scores, overall, readiness = rules_md_scores(result)
    assert [p["score"] for p in result["principles"].values()] == scores
    assert (result["overall_score"], result["readiness"]) == (overall, readiness)
    assert result["ruleset"] == "2026.2"


def test_without_risks_at_moderate_sensitivity_the_register_is_missing(tmp_path):
    (result,) = assess(tmp_path, BASE)
    found = findings(result)
    assert result["sensitivity"] == "moderate"
    assert found["HT-10"]["status"] == "not_met"
    assert found["HT-10"]["severity"] == "major"
    assert "no risk is listed" in found["HT-10"]["message"]
    assert found["HT-11"]["status"] == found["KT-06"]["status"] == "not_applicable"
    assert len(found) == 34
    check_against_rules_md(result)
    assert result["readiness"] == "needs_work"


def test_without_risks_at_low_sensitivity_nothing_is_asked(tmp_path):
    low = {**BASE, "data_items": [{**BASE["data_items"][0], "sensitive": False}]}
    (result,) = assess(tmp_path, low)
    found = findings(result)
    assert result["sensitivity"] == "low"
    assert {found[r]["status"] for r in ("HT-10", "HT-11", "KT-06")} == {"not_applicable"}
    check_against_rules_md(result)
    assert result["readiness"] == "ready"


@pytest.mark.parametrize(
    ("risks", "justifications", "expected"),
    [
        # A medium risk, rated: HT-10 met, nothing else asked.
        (
            [{"description": "A caregiver is recognised.", **rated("rare", "severe")}],
            {},
            {"HT-10": ("met", "major"), "HT-11": ("not_applicable", "major")},
        ),
        # One rated, one not: partial.
        (
            [
                {"description": "A caregiver is recognised.", **rated("rare", "minor")},
                {"description": "Ratings are misread by funders."},
            ],
            {},
            {"HT-10": ("partial", "major")},
        ),
        # High (likely x moderate = 12) without a mitigation: HT-11 not met, major.
        (
            [{"description": "A caregiver is recognised.", **rated("likely", "moderate")}],
            {},
            {"HT-11": ("not_met", "major"), "KT-06": ("not_applicable", "blocking")},
        ),
        # Extreme (likely x severe = 20), mitigated with no owner nor residual: partial, blocking.
        (
            [
                {
                    "description": "A caregiver is recognised.",
                    "likelihood": "likely",
                    "impact": "severe",
                    "mitigations": [{"action": MITIGATION["action"]}],
                }
            ],
            {},
            {"HT-11": ("partial", "blocking")},
        ),
        # Extreme, fully mitigated, but still extreme after: HT-11 met, KT-06 not met.
        (
            [
                {
                    "description": "A caregiver is recognised.",
                    "likelihood": "likely",
                    "impact": "severe",
                    "mitigations": [MITIGATION],
                    "residual_likelihood": "possible",
                    "residual_impact": "severe",
                }
            ],
            {},
            {"HT-11": ("met", "blocking"), "KT-06": ("not_met", "blocking")},
        ),
        # The same, justified for the reviewer.
        (
            [
                {
                    "description": "A caregiver is recognised.",
                    "likelihood": "likely",
                    "impact": "severe",
                    "mitigations": [MITIGATION],
                    "residual_likelihood": "possible",
                    "residual_impact": "severe",
                }
            ],
            {"KT-06": REASON},
            {"HT-11": ("met", "blocking"), "KT-06": ("justified", "blocking")},
        ),
    ],
)
@pytest.mark.django_db
def test_with_risks(tmp_path, risks, justifications, expected):
    (result,) = assess(tmp_path, {**BASE, "risks": risks, "justifications": justifications})
    found = findings(result)
    got = {rule: (found[rule]["status"], found[rule]["severity"]) for rule in expected}
    assert got == expected
    for finding in found.values():
        assert ("justification" in finding) == (finding["status"] == "justified")
    check_against_rules_md(result)
    if found["KT-06"]["status"] == "not_met":
        assert result["readiness"] == "not_ready"
    if found["KT-06"]["status"] == "justified":
        assert found["KT-06"]["justification"] == REASON
    assert not Assessment.objects.exists()


def test_every_rule_carries_its_documented_basis(tmp_path):
    (result,) = assess(tmp_path, BASE)
    found = findings(result)
    assert found["HT-08"]["basis"] == "law (IPP 1)"
    assert {found[r]["basis"] for r in ("HT-10", "HT-11", "KT-06")} == {"good practice"}


def test_an_invalid_risk_is_named_by_its_json_path(tmp_path):
    bad = {**BASE, "risks": [{"description": "A risk.", "likelihood": "often"}]}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("assess", str(path), "--json", stdout=StringIO(), stderr=err)
    assert refused.value.returncode == 2
    assert "$.risks[0].likelihood" in err.getvalue()
