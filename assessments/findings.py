"""Scores and findings as the assessment pages show them, each finding linked to its field."""

import re
from dataclasses import dataclass

import principles
from assessments.questionnaire import REPEATING
from principles import Finding, Result, Status

STATUS_LABELS = {
    Status.MET: "Met",
    Status.PARTIAL: "Partly met",
    Status.NOT_MET: "Not met",
    Status.NOT_APPLICABLE: "Does not apply",
    Status.JUSTIFIED: "Justified",
}
STATUS_STYLES = {
    Status.MET: "success",
    Status.PARTIAL: "warning",
    Status.NOT_MET: "danger",
    Status.NOT_APPLICABLE: "secondary",
    Status.JUSTIFIED: "info",
}
READINESS_LABELS = {
    principles.Readiness.READY: "Ready for review",
    principles.Readiness.NEEDS_WORK: "Needs work",
    principles.Readiness.NOT_READY: "Not ready: blocking findings remain",
}
JUSTIFIABLE = frozenset({Status.NOT_MET, Status.PARTIAL, Status.JUSTIFIED})
ROW_SECTIONS = {section.key: f"section-{section.anchor}" for section in REPEATING}
_ROW_FIELD = re.compile(r"^(data_items|consultations)\[(\d+)\]\.(\w+)$")
# Parts of the interchange format the form has no place for yet (the risk register is scored
# before it is stored): their findings get no link rather than a link to nothing.
NOT_IN_FORM = re.compile(r"^risks\b")


def field_anchor(path: str) -> str:
    """Return the id of the form element a finding's field path points at.

    "purpose.statement" -> "id_purpose_statement"; "data_items[2].retention" ->
    "id_data_items-2-retention"; "consultations" -> "section-consultations".
    "" when the form has no place for the field.
    """
    if NOT_IN_FORM.match(path):
        return ""
    if match := _ROW_FIELD.match(path):
        rows, index, name = match.groups()
        return f"id_{rows}-{index}-{name}"
    if path in ROW_SECTIONS:
        return ROW_SECTIONS[path]
    return "id_" + path.replace(".", "_")


@dataclass(frozen=True)
class FindingView:
    finding: Finding
    anchor: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.finding.status]

    @property
    def style(self) -> str:
        return STATUS_STYLES[self.finding.status]

    @property
    def justifiable(self) -> bool:
        return self.finding.status in JUSTIFIABLE

    @property
    def needs_attention(self) -> bool:
        return self.finding.status in {Status.NOT_MET, Status.PARTIAL}


@dataclass(frozen=True)
class PrincipleView:
    id: str
    name: str
    score: int
    findings: list[FindingView]

    @property
    def open_findings(self) -> int:
        return sum(view.needs_attention for view in self.findings)


@dataclass(frozen=True)
class ScoreView:
    result: Result
    principles: list[PrincipleView]

    @property
    def readiness_label(self) -> str:
        return READINESS_LABELS[principles.Readiness(self.result.readiness)]

    @property
    def blocking(self) -> list[FindingView]:
        return [
            view
            for principle in self.principles
            for view in principle.findings
            if view.needs_attention and view.finding.severity == principles.Severity.BLOCKING
        ]


def score_view(result: Result | None) -> ScoreView | None:
    """Arrange `result` for a page: principles in order, findings needing attention first."""
    if result is None:
        return None
    views = []
    for principle_id, name in principles.PRINCIPLES.items():
        found = result.principle(principle_id)
        findings = [
            FindingView(f, field_anchor(f.fields[0]) if f.fields else "") for f in found.findings
        ]
        findings.sort(key=lambda view: (not view.needs_attention, view.finding.rule))
        views.append(PrincipleView(principle_id, name, found.score, findings))
    return ScoreView(result, views)
