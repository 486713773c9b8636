"""Record what the rules found: findings, principle scores and the assessment's result."""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Self

from principles.constants import PRINCIPLES
from principles.snapshot import Sensitivity


class Status(StrEnum):
    """The outcome of one rule for one assessment."""

    MET = "met"
    PARTIAL = "partial"
    NOT_MET = "not_met"
    NOT_APPLICABLE = "not_applicable"
    JUSTIFIED = "justified"


class Severity(StrEnum):
    """How much a rule weighs; VARIES only describes a rule in the catalogue."""

    BLOCKING = "blocking"
    MAJOR = "major"
    MINOR = "minor"
    # A rule whose severity depends on the assessment (MH-01): its findings carry one
    # of the three above, never this.
    VARIES = "varies"


class Readiness(StrEnum):
    """Whether an assessment is ready for review."""

    READY = "ready"
    NEEDS_WORK = "needs_work"
    NOT_READY = "not_ready"


# Points are counted in halves so that scores stay in integer arithmetic.
HALF_POINTS: Mapping[Status, int] = {
    Status.MET: 2,
    Status.PARTIAL: 1,
    Status.JUSTIFIED: 1,
    Status.NOT_MET: 0,
}
WEIGHTS: Mapping[Severity, int] = {Severity.BLOCKING: 3, Severity.MAJOR: 2, Severity.MINOR: 1}


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule's judgement of one assessment, with the fields to fix."""

    rule: str
    principle: str
    severity: Severity
    status: Status
    basis: str
    message: str
    # JSON-path-like anchors such as "purpose.statement" or "data_items[2].justification".
    fields: tuple[str, ...] = ()
    justification: str = ""

    def __post_init__(self) -> None:
        # Accept plain strings (as read back from JSON) but store the enums.
        if type(self.severity) is not Severity:
            object.__setattr__(self, "severity", Severity(self.severity))
        if type(self.status) is not Status:
            object.__setattr__(self, "status", Status(self.status))
        if type(self.fields) is not tuple:
            object.__setattr__(self, "fields", tuple(self.fields))
        if self.severity is Severity.VARIES:
            raise ValueError(f"{self.rule}: a finding needs an effective severity, not 'varies'")
        if self.principle not in PRINCIPLES:
            raise ValueError(f"{self.rule}: unknown principle {self.principle!r}")
        if (self.status is Status.JUSTIFIED) != bool(self.justification):
            raise ValueError(f"{self.rule}: a justification goes with status 'justified' only")

    @property
    def weight(self) -> int:
        """Return the finding's weight: blocking 3, major 2, minor 1."""
        return WEIGHTS[self.severity]

    @property
    def points(self) -> float:
        """Return the points earned: met 1, partial or justified 0.5, otherwise 0."""
        return HALF_POINTS.get(self.status, 0) / 2

    def to_dict(self, *, include_fields: bool = False) -> dict[str, Any]:
        """Return the finding as in the scorer's JSON output."""
        out: dict[str, Any] = {
            "rule": self.rule,
            "status": self.status.value,
            "severity": self.severity.value,
            "basis": self.basis,
            "message": self.message,
        }
        if self.status is Status.JUSTIFIED:
            out["justification"] = self.justification
        if include_fields:
            out["fields"] = list(self.fields)
        return out

    @classmethod
    def from_dict(cls, principle: str, raw: Mapping[str, Any]) -> Self:
        """Read a finding back from its JSON form."""
        return cls(
            rule=raw["rule"],
            principle=principle,
            severity=raw["severity"],
            status=raw["status"],
            basis=raw["basis"],
            message=raw["message"],
            fields=tuple(raw.get("fields", ())),
            justification=raw.get("justification", ""),
        )


@dataclass(frozen=True, slots=True)
class PrincipleResult:
    """One Principle's score and the findings that made it."""

    principle: str
    name: str
    score: int
    findings: tuple[Finding, ...]

    def to_dict(self, *, include_fields: bool = False) -> dict[str, Any]:
        """Return the principle as in the scorer's JSON output."""
        return {
            "name": self.name,
            "score": self.score,
            "findings": [f.to_dict(include_fields=include_fields) for f in self.findings],
        }


@dataclass(frozen=True, slots=True)
class Result:
    """The scored assessment: readiness, scores and every finding."""

    title: str
    sensitivity: Sensitivity
    ruleset: str
    readiness: Readiness
    overall_score: int
    principles: tuple[PrincipleResult, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "sensitivity", Sensitivity(self.sensitivity))
        object.__setattr__(self, "readiness", Readiness(self.readiness))

    def principle(self, principle_id: str) -> PrincipleResult:
        """Return the result for one Principle by its id."""
        for result in self.principles:
            if result.principle == principle_id:
                return result
        raise KeyError(principle_id)

    def findings(self) -> list[Finding]:
        """Return every finding, in Principle order then rule order."""
        return [f for p in self.principles for f in p.findings]

    def finding(self, rule_id: str) -> Finding:
        """Return the finding of one rule by its id."""
        for f in self.findings():
            if f.rule == rule_id:
                return f
        raise KeyError(rule_id)

    def blocking_unmet(self) -> list[Finding]:
        """Return the blocking findings that are not met (a justified one is not)."""
        return [
            f
            for f in self.findings()
            if f.severity is Severity.BLOCKING and f.status is Status.NOT_MET
        ]

    def to_dict(self, *, include_fields: bool = False) -> dict[str, Any]:
        """Return the per-assessment object of the scorer's JSON output.

        With include_fields, each finding also lists the anchors of the fields to fix;
        the documented output leaves them out.
        """
        return {
            "title": self.title,
            "sensitivity": self.sensitivity.value,
            "ruleset": self.ruleset,
            "readiness": self.readiness.value,
            "overall_score": self.overall_score,
            "principles": {
                p.principle: p.to_dict(include_fields=include_fields) for p in self.principles
            },
        }

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Self:
        """Read a stored result back from its JSON form."""
        return cls(
            title=raw["title"],
            sensitivity=raw["sensitivity"],
            ruleset=raw["ruleset"],
            readiness=raw["readiness"],
            overall_score=raw["overall_score"],
            principles=tuple(
                PrincipleResult(
                    principle=pid,
                    name=p["name"],
                    score=p["score"],
                    findings=tuple(Finding.from_dict(pid, f) for f in p["findings"]),
                )
                for pid, p in raw["principles"].items()
            ),
        )
