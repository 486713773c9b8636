"""Build assessment dicts for the rule engine's tests.

`make_doc(**overrides)` starts from a complete assessment that meets every rule (MW-02 does
not apply: people are told beforehand), so each test states only what it changes:

- a dict merges into the section it names: `make_doc(purpose={"statement": "TBC"})`;
- a value of `...` removes the key: `make_doc(minimisation=...)`;
- `data_items` given as a list replaces the items, each entry merged onto a plain item
  (not identifying, not sensitive, new collection, justified, with a retention period);
- `data_items` given as a dict patches items by index: `data_items={0: {"retention": ""}}`;
  `consultations` and `risks` work the same way, but list entries are taken as they are.
"""

import copy
from collections.abc import Callable
from typing import Any

import pytest

PLAIN_ITEM: dict[str, Any] = {
    "name": "Attendance rate",
    "description": "Share of school days attended each term.",
    "justification": "Shows whether the visits help children attend school.",
    "retention": "P18M",
}

COMPLETE_DOC: dict[str, Any] = {
    "schema": "dpup-assessment/1",
    "title": "Home visits for whānau with young children",
    "reference": "HV-2026-01",
    "organisation": "Example Trust",
    "initiative_kind": "service",
    "summary": "Social workers visit families whose children are missing school.",
    "purpose": {
        "statement": (
            "We will use school attendance and contact details to offer home visits from "
            "social workers to families whose children are missing school, because the "
            "current referral process misses them."
        ),
        "benefit": "Children attend school more often and whānau get support sooner.",
        "beneficiaries": ["whanau", "communities"],
        "risks": "Families may feel watched; visits are voluntary and explained first.",
        "legal_basis": "Information privacy principles 1 to 4 of the Privacy Act 2020.",
        "not_used_for": "Not used for benefit decisions, and Police will not see it.",
        "oversight": "Reviewed by the ethics committee and the governance group each year.",
    },
    "data_items": [
        {
            "name": "Full name",
            "description": "Name of the parent or caregiver.",
            "identifying": True,
            "justification": "Needed to contact the family about a visit.",
            "retention": "P2Y",
        },
        {
            "name": "Care and protection history",
            "identifying": True,
            "sensitive": True,
            "form": "qualitative",
            "source": "existing",
            "original_purpose": "Collected to assess the safety of children in care.",
            "consistent_with_original_purpose": True,
            "justification": "Shows which families are most in need of support.",
            "retention": "P7Y",
            "shared_with": ["Health New Zealand"],
            "sharing_reason": "Public health nurses coordinate the home visits.",
            "linked_with_other_data": True,
            "link_reason": "Linked to attendance to find families missing out.",
        },
        dict(PLAIN_ITEM),
    ],
    "minimisation": {
        "identifying_needed": True,
        "why_identifying": "Visits need a name and an address to happen at all.",
        "alternatives_considered": "Aggregated attendance cannot tell us whom to visit.",
    },
    "transparency": {
        "how_people_told": "Social workers explain it at the first phone call.",
        "when_told": "before",
        "choices_offered": "Families can decline a visit without any consequence.",
        "accessible_formats": "Easy Read, te reo Māori, Samoan and NZSL versions.",
    },
    "access": {
        "access_process": "Ask any social worker or email the privacy team.",
        "correction_process": "Corrections are made within ten working days.",
        "refusal_process": "A statement of the correction sought is attached.",
        "holders_tracked": "A register lists every agency holding the data.",
    },
    "stewardship": {
        "safeguards": "Role-based access, encryption at rest and audit logs.",
        "retention_policy": "Deleted when each item's retention period ends.",
        "disposal": "Records are securely deleted by the data team.",
        "deidentified_availability": "Aggregated attendance trends are published each year.",
    },
    "sharing_value": {
        "insights_planned": "Which kinds of support improve school attendance.",
        "share_back_with": "Families, schools, iwi partners and the providers involved.",
        "format": "A short illustrated summary and a community hui.",
    },
    "groups": {
        "maori": True,
        "pacific": True,
        "children_young_people": True,
        "disabled_people": True,
        "other": "Former refugee families",
        "considerations": "Kaupapa Māori practice guides visits; interpreters are offered.",
    },
    "consultations": [
        {"party": "service_users", "depth": "co_design", "summary": "Four design workshops."},
        {"party": "iwi_maori", "depth": "review"},
        {"party": "pacific_communities", "depth": "review"},
        {"party": "disabled_people", "depth": "review"},
        {"party": "privacy_officer", "depth": "review"},
    ],
    "risks": [
        {
            "description": "Families may feel watched by the agencies that visit them.",
            "affects": "Whānau with young children",
            "likelihood": "possible",
            "impact": "major",
            "mitigations": [
                {
                    "action": "Visits are voluntary and explained at the first phone call.",
                    "owner": "Service manager",
                    "due": "2026-06-30",
                    "status": "in_progress",
                },
            ],
            "residual_likelihood": "unlikely",
            "residual_impact": "moderate",
        },
        {
            "description": "A wrong attendance record leads to a needless visit.",
            "likelihood": "unlikely",
            "impact": "minor",
        },
    ],
    "justifications": {},
}


def _merge(base: dict[str, Any], changes: dict[str, Any]) -> None:
    for key, value in changes.items():
        if value is ...:
            base.pop(key, None)
        elif isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        elif isinstance(value, dict) and isinstance(base.get(key), list):
            # {index: changes} patches entries of a nested list, e.g. a risk's mitigations.
            _patch_list(base[key], value)
        else:
            base[key] = copy.deepcopy(value)


def _patch_list(items: list[dict[str, Any]], changes: dict[int, dict[str, Any]]) -> None:
    for index, item_changes in changes.items():
        _merge(items[index], item_changes)


def build_doc(**overrides: Any) -> dict[str, Any]:
    """Return the complete assessment with the overrides applied (see the module docstring)."""
    doc = copy.deepcopy(COMPLETE_DOC)
    items = overrides.pop("data_items", None)
    consultations = overrides.pop("consultations", None)
    risks = overrides.pop("risks", None)
    _merge(doc, overrides)
    if isinstance(items, list):
        doc["data_items"] = []
        for changes in items:
            item = copy.deepcopy(PLAIN_ITEM)
            _merge(item, changes)
            doc["data_items"].append(item)
    elif isinstance(items, dict):
        _patch_list(doc["data_items"], items)
    if isinstance(consultations, list):
        doc["consultations"] = copy.deepcopy(consultations)
    elif isinstance(consultations, dict):
        _patch_list(doc["consultations"], consultations)
    if risks is ...:
        del doc["risks"]
    elif isinstance(risks, list):
        doc["risks"] = copy.deepcopy(risks)
    elif isinstance(risks, dict):
        _patch_list(doc["risks"], risks)
    return doc


@pytest.fixture
def make_doc() -> Callable[..., dict[str, Any]]:
    """Return the builder of assessment dicts."""
    return build_doc
