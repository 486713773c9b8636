"""Manaakitanga rules: each meets, fails, and (where it can) is partial or does not apply."""

import pytest

from principles import score

NO_GROUPS = {
    "maori": False,
    "pacific": False,
    "children_young_people": False,
    "disabled_people": False,
    "other": "",
}
# Low sensitivity and no group named: MK-01 does not apply.
LOW_NO_GROUPS = {"data_items": [{}], "groups": NO_GROUPS}
WITHOUT_CONSIDERATIONS = {"considerations": ""}

CASES = [
    # MK-01: group considerations when sensitivity or a group calls for them.
    ("MK-01", {}, "met"),
    ("MK-01", {"groups": {"considerations": "TBD"}}, "not_met"),
    ("MK-01", LOW_NO_GROUPS, "not_applicable"),
    # A placeholder in "other" names no group.
    ("MK-01", {"data_items": [{}], "groups": {**NO_GROUPS, "other": "n/a"}}, "not_applicable"),
    (
        "MK-01",
        {"data_items": [{}], "groups": {**NO_GROUPS, **WITHOUT_CONSIDERATIONS, "other": "Seniors"}},
        "not_met",
    ),
    (
        "MK-01",
        {"data_items": [{}], "groups": {**NO_GROUPS, **WITHOUT_CONSIDERATIONS, "pacific": True}},
        "not_met",
    ),
    (
        "MK-01",
        {"data_items": [{"sensitive": True}], "groups": {**NO_GROUPS, **WITHOUT_CONSIDERATIONS}},
        "not_met",
    ),
    # MK-02: Māori involved.
    ("MK-02", {}, "met"),
    ("MK-02", {"consultations": [{"party": "cultural_advisors"}]}, "met"),
    ("MK-02", {"consultations": [{"party": "pacific_communities"}]}, "not_met"),
    ("MK-02", {"groups": {"maori": False}, "consultations": []}, "not_applicable"),
    # MK-03: Pacific peoples involved.
    ("MK-03", {}, "met"),
    ("MK-03", {"consultations": [{"party": "cultural_advisors", "depth": "check"}]}, "met"),
    ("MK-03", {"consultations": [{"party": "iwi_maori"}]}, "not_met"),
    ("MK-03", {"groups": {"pacific": False}, "consultations": []}, "not_applicable"),
    # MK-04: explanations suit children and young people.
    ("MK-04", {}, "met"),
    ("MK-04", {"transparency": {"accessible_formats": "Easy Read"}}, "not_met"),
    ("MK-04", {"groups": {"children_young_people": False}}, "not_applicable"),
    # MK-05: disabled people consulted and explanations accessible.
    ("MK-05", {}, "met"),
    ("MK-05", {"transparency": {"accessible_formats": ""}}, "partial"),
    ("MK-05", {"consultations": {3: {"party": "legal"}}}, "partial"),
    (
        "MK-05",
        {"transparency": {"accessible_formats": "?"}, "consultations": {3: {"party": "legal"}}},
        "not_met",
    ),
    ("MK-05", {"groups": {"disabled_people": False}, "consultations": []}, "not_applicable"),
]


@pytest.mark.parametrize(("rule", "overrides", "status"), CASES)
def test_rule_status(make_doc, rule, overrides, status):
    assert score(make_doc(**overrides)).finding(rule).status == status


def test_considerations_say_which_groups_call_for_them(make_doc):
    doc = make_doc(data_items=[{}], groups={**NO_GROUPS, "maori": True, "other": "Seniors"})
    doc["groups"]["considerations"] = ""
    finding = score(doc).finding("MK-01")
    assert "Māori" in finding.message
    assert "Seniors" in finding.message
    assert finding.fields == ("groups.considerations",)


def test_missing_consultation_points_to_consultations(make_doc):
    finding = score(make_doc(consultations=[])).finding("MK-02")
    assert finding.fields == ("consultations",)
    assert "cultural advisors" in finding.message


def test_partial_disabled_people_names_what_is_missing(make_doc):
    finding = score(make_doc(consultations={3: {"party": "legal"}})).finding("MK-05")
    assert "disabled people were not consulted" in finding.message
    assert finding.fields == ("consultations",)
