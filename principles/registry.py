"""Register rules by stable id and run them, in the manner of Django's system checks.

Each rule module decorates its functions with `register(...)`; a duplicate id fails at
import time, and running a rule that returns anything but a `Finding` raises TypeError.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TypeAlias

from principles.constants import PRINCIPLES
from principles.results import Finding, Severity, Status
from principles.snapshot import Snapshot
from principles.text import explained

# Same pattern as the schema's keys of "justifications".
RULE_ID = re.compile(r"[A-Z]{2}-[0-9]{2}")

# Statuses that an analyst's explained justification turns into "justified".
_JUSTIFIABLE = frozenset({Status.NOT_MET, Status.PARTIAL})

RuleFunc: TypeAlias = Callable[[Snapshot, "Rule"], Finding]


class DuplicateRuleError(ValueError):
    """Raised when two rules claim the same id."""


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered rule: what it checks, how much it weighs, and the function that checks."""

    id: str
    principle: str
    severity: Severity
    basis: str
    title: str
    applies: str
    meets: str
    func: RuleFunc
    # Explains a severity of VARIES for the catalogue, e.g. "blocking if sensitivity high".
    severity_note: str = ""

    def met(self, message: str, *fields: str, severity: Severity | None = None) -> Finding:
        """Return a finding that the rule is met."""
        return self._finding(Status.MET, message, fields, severity)

    def partial(self, message: str, *fields: str, severity: Severity | None = None) -> Finding:
        """Return a finding that the rule is partly met, naming the fields to fix."""
        return self._finding(Status.PARTIAL, message, fields, severity)

    def not_met(self, message: str, *fields: str, severity: Severity | None = None) -> Finding:
        """Return a finding that the rule is not met, naming the fields to fix."""
        return self._finding(Status.NOT_MET, message, fields, severity)

    def not_applicable(self, message: str, *, severity: Severity | None = None) -> Finding:
        """Return a finding that the rule does not apply to this assessment."""
        return self._finding(Status.NOT_APPLICABLE, message, (), severity)

    def _finding(
        self, status: Status, message: str, fields: tuple[str, ...], severity: Severity | None
    ) -> Finding:
        if severity is None:
            severity = self.severity
        elif self.severity is not Severity.VARIES and severity is not self.severity:
            raise ValueError(f"{self.id} is {self.severity}; its findings cannot be {severity}")
        return Finding(
            rule=self.id,
            principle=self.principle,
            severity=severity,
            status=status,
            basis=self.basis,
            message=message,
            fields=fields,
        )

    def check(self, snapshot: Snapshot) -> Finding:
        """Run the rule on a snapshot, applying the analyst's justification if any."""
        finding = self.func(snapshot, self)
        if not isinstance(finding, Finding):
            raise TypeError(
                f"Rule {self.id} ({self.func.__qualname__}) returned "
                f"{type(finding).__name__}, not a Finding"
            )
        if finding.rule != self.id:
            raise ValueError(f"Rule {self.id} returned a finding for {finding.rule}")
        if finding.status in _JUSTIFIABLE:
            reason = snapshot.justifications.get(self.id, "")
            if explained(reason):
                return replace(finding, status=Status.JUSTIFIED, justification=reason.strip())
        return finding


class RuleRegistry:
    """Hold rules by id and run them in catalogue order."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}
        self._ordered: tuple[Rule, ...] | None = None

    def register(
        self,
        rule_id: str,
        *,
        principle: str,
        severity: Severity,
        basis: str,
        title: str,
        applies: str,
        meets: str,
        severity_note: str = "",
    ) -> Callable[[RuleFunc], RuleFunc]:
        """Return a decorator that registers a rule function under rule_id."""
        if not RULE_ID.fullmatch(rule_id):
            raise ValueError(f"Rule id {rule_id!r} is not of the form 'HT-01'")
        if principle not in PRINCIPLES:
            raise ValueError(f"Rule {rule_id}: unknown principle {principle!r}")
        severity = Severity(severity)
        if (severity is Severity.VARIES) != bool(severity_note):
            raise ValueError(f"Rule {rule_id}: a severity note goes with severity 'varies' only")
        if not (basis and title and applies and meets):
            raise ValueError(f"Rule {rule_id}: basis, title, applies and meets are required")
        self._refuse_duplicate(rule_id)

        def decorator(func: RuleFunc) -> RuleFunc:
            self._refuse_duplicate(rule_id)
            self._rules[rule_id] = Rule(
                id=rule_id,
                principle=principle,
                severity=severity,
                basis=basis,
                title=title,
                applies=applies,
                meets=meets,
                func=func,
                severity_note=severity_note,
            )
            self._ordered = None
            return func

        return decorator

    def _refuse_duplicate(self, rule_id: str) -> None:
        if rule_id in self._rules:
            existing = self._rules[rule_id].func
            raise DuplicateRuleError(
                f"Rule id {rule_id} is already registered by "
                f"{existing.__module__}.{existing.__qualname__}"
            )

    def rules(self) -> tuple[Rule, ...]:
        """Return every rule in catalogue order: by Principle, then by id."""
        if self._ordered is None:
            order = {pid: n for n, pid in enumerate(PRINCIPLES)}
            self._ordered = tuple(
                sorted(self._rules.values(), key=lambda r: (order[r.principle], r.id))
            )
        return self._ordered

    def get(self, rule_id: str) -> Rule:
        """Return one rule by id."""
        return self._rules[rule_id]

    def run(self, snapshot: Snapshot) -> list[Finding]:
        """Run every rule on a snapshot and return the findings in catalogue order."""
        return [rule.check(snapshot) for rule in self.rules()]


# The ruleset's own registry; the rule modules register into it at import.
default_registry = RuleRegistry()
register = default_registry.register
rules = default_registry.rules
get = default_registry.get
run = default_registry.run
