"""Hold one assessment as frozen, typed records built from the interchange format.

`Snapshot.from_dict` applies the defaults of `assessment.schema.json` for absent keys and
sections and NFC-normalises every text, so rules never see a missing key or a decomposed
macron. The input is assumed to be schema-valid; validation happens before scoring.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Self

from principles.risks import RiskRating, risk_rating
from principles.screening import Screening
from principles.text import nfc


class Sensitivity(StrEnum):
    """How sensitive an assessment's data is, which decides how much some rules ask."""

    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"


def _clean(value: Any) -> Any:
    """Normalise text to NFC and turn lists into tuples so records stay immutable."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list | tuple):
        return tuple(_clean(v) for v in value)
    return value


# Field names per record class, computed once: the dataclass fields never change.
_FIELD_NAMES: dict[type, frozenset[str]] = {}


class _Section:
    """Build a record from its part of the interchange dict."""

    __slots__ = ()

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any] | None) -> Self:
        """Build the record from known keys; absent keys take the schema default."""
        if not raw:
            return cls()
        names = _FIELD_NAMES.get(cls)
        if names is None:
            # Every subclass is a dataclass; mypy cannot know that of the base.
            names = frozenset(f.name for f in fields(cls))  # type: ignore[arg-type]
            _FIELD_NAMES[cls] = names
        return cls(**{k: _clean(v) for k, v in raw.items() if k in names})


@dataclass(frozen=True, slots=True)
class Purpose(_Section):
    """What the data is for, who benefits and what could go wrong."""

    statement: str = ""
    benefit: str = ""
    beneficiaries: tuple[str, ...] = ()
    risks: str = ""
    legal_basis: str = ""
    not_used_for: str = ""
    oversight: str = ""


@dataclass(frozen=True, slots=True)
class DataItem(_Section):
    """One item of data to be collected, used or shared."""

    name: str = ""
    description: str = ""
    identifying: bool = False
    sensitive: bool = False
    form: str = "quantitative"
    source: str = "new_collection"
    original_purpose: str = ""
    consistent_with_original_purpose: bool | None = None
    justification: str = ""
    retention: str = ""
    shared_with: tuple[str, ...] = ()
    sharing_reason: str = ""
    linked_with_other_data: bool = False
    link_reason: str = ""


@dataclass(frozen=True, slots=True)
class Minimisation(_Section):
    """Whether identifying data is needed at all, and the alternatives weighed."""

    identifying_needed: bool | None = None
    why_identifying: str = ""
    alternatives_considered: str = ""


@dataclass(frozen=True, slots=True)
class Transparency(_Section):
    """How and when people are told, and the choices they have."""

    how_people_told: str = ""
    when_told: str | None = None
    reason_not_told: str = ""
    choices_offered: str = ""
    reason_no_choice: str = ""
    involvement_in_decisions: str = ""
    accessible_formats: str = ""


@dataclass(frozen=True, slots=True)
class Access(_Section):
    """How people see, correct and track their information."""

    access_process: str = ""
    correction_process: str = ""
    refusal_process: str = ""
    holders_tracked: str = ""


@dataclass(frozen=True, slots=True)
class Stewardship(_Section):
    """How the data is kept safe, kept only while needed and made available."""

    safeguards: str = ""
    retention_policy: str = ""
    disposal: str = ""
    deidentified_availability: str = ""


@dataclass(frozen=True, slots=True)
class SharingValue(_Section):
    """What insights are planned and who receives them."""

    insights_planned: str = ""
    share_back_with: str = ""
    format: str = ""


@dataclass(frozen=True, slots=True)
class Groups(_Section):
    """Groups whose distinct views and needs apply."""

    maori: bool = False
    pacific: bool = False
    children_young_people: bool = False
    disabled_people: bool = False
    other: str = ""
    considerations: str = ""


@dataclass(frozen=True, slots=True)
class Consultation(_Section):
    """One party involved, and how deeply."""

    party: str = "other"
    depth: str = "review"
    summary: str = ""
    date: str = ""


@dataclass(frozen=True, slots=True)
class Mitigation(_Section):
    """One action that reduces a risk, with who does it and by when."""

    action: str = ""
    owner: str = ""
    # An ISO date (YYYY-MM-DD) as in the interchange format; "" when not given.
    due: str = ""
    status: str = "planned"


@dataclass(frozen=True, slots=True)
class Risk(_Section):
    """One entry of the risk register: what could go wrong, how badly, and what is done."""

    description: str = ""
    affects: str = ""
    likelihood: str | None = None
    impact: str | None = None
    mitigations: tuple[Mitigation, ...] = ()
    residual_likelihood: str | None = None
    residual_impact: str | None = None

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any] | None) -> Self:
        """Build the risk and its mitigations; absent keys take the schema default."""
        if not raw:
            return cls()
        values = {k: _clean(v) for k, v in raw.items() if k in _RISK_FIELDS}
        values["mitigations"] = tuple(Mitigation.from_dict(m) for m in raw.get("mitigations") or ())
        return cls(**values)

    @property
    def inherent_rating(self) -> RiskRating | None:
        """Rate the likelihood with the impact; None when either is absent."""
        return risk_rating(self.likelihood, self.impact)

    @property
    def residual_rating(self) -> RiskRating | None:
        """Rate what is left once the mitigations are in place; None when not rated."""
        return risk_rating(self.residual_likelihood, self.residual_impact)


# The risk's own fields; its mitigations are records of their own.
_RISK_FIELDS = frozenset(f.name for f in fields(Risk)) - {"mitigations"}


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One assessment, complete with defaults, as the rules see it."""

    title: str
    purpose: Purpose = field(default_factory=Purpose)
    data_items: tuple[DataItem, ...] = ()
    minimisation: Minimisation = field(default_factory=Minimisation)
    transparency: Transparency = field(default_factory=Transparency)
    access: Access = field(default_factory=Access)
    stewardship: Stewardship = field(default_factory=Stewardship)
    sharing_value: SharingValue = field(default_factory=SharingValue)
    groups: Groups = field(default_factory=Groups)
    consultations: tuple[Consultation, ...] = ()
    risks: tuple[Risk, ...] = ()
    screening: Screening | None = None
    justifications: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    schema: str = "dpup-assessment/1"
    reference: str = ""
    organisation: str = ""
    initiative_kind: str = "other"
    summary: str = ""
    # Derived once here because several rules ask for them.
    sensitivity: Sensitivity = field(init=False)
    # (index, item) for every item that identifies people.
    identifying_items: tuple[tuple[int, DataItem], ...] = field(init=False, repr=False)
    # The distinct parties consulted.
    parties: frozenset[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        derived = {
            "sensitivity": _sensitivity(self.data_items, self.groups),
            "identifying_items": tuple(
                (i, item) for i, item in enumerate(self.data_items) if item.identifying
            ),
            "parties": frozenset(c.party for c in self.consultations),
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> Self:
        """Build a snapshot from an interchange dict, applying the schema's defaults."""
        justifications = doc.get("justifications") or {}
        return cls(
            title=nfc(doc.get("title", "")),
            purpose=Purpose.from_dict(doc.get("purpose")),
            data_items=tuple(DataItem.from_dict(i) for i in doc.get("data_items") or ()),
            minimisation=Minimisation.from_dict(doc.get("minimisation")),
            transparency=Transparency.from_dict(doc.get("transparency")),
            access=Access.from_dict(doc.get("access")),
            stewardship=Stewardship.from_dict(doc.get("stewardship")),
            sharing_value=SharingValue.from_dict(doc.get("sharing_value")),
            groups=Groups.from_dict(doc.get("groups")),
            consultations=tuple(Consultation.from_dict(c) for c in doc.get("consultations") or ()),
            risks=tuple(Risk.from_dict(r) for r in doc.get("risks") or ()),
            screening=Screening.from_dict(doc["screening"]) if doc.get("screening") else None,
            justifications=MappingProxyType({k: nfc(v) for k, v in justifications.items()}),
            schema=doc.get("schema", "dpup-assessment/1"),
            reference=nfc(doc.get("reference", "")),
            organisation=nfc(doc.get("organisation", "")),
            initiative_kind=doc.get("initiative_kind", "other"),
            summary=nfc(doc.get("summary", "")),
        )


def _sensitivity(items: tuple[DataItem, ...], groups: Groups) -> Sensitivity:
    identifying = any(item.identifying for item in items)
    if any(item.identifying and item.sensitive for item in items) or (
        identifying and groups.children_young_people
    ):
        return Sensitivity.HIGH
    if identifying or any(item.sensitive for item in items):
        return Sensitivity.MODERATE
    return Sensitivity.LOW
