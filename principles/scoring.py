"""Score an assessment: run every rule, weigh the findings, and judge readiness."""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import principles.rules  # noqa: F401  (registers the rules)
from principles import registry
from principles.constants import PRINCIPLES, RULESET_VERSION
from principles.results import (
    HALF_POINTS,
    WEIGHTS,
    Finding,
    PrincipleResult,
    Readiness,
    Result,
    Severity,
    Status,
)
from principles.snapshot import Snapshot

# A principle scoring under this needs work, whatever its findings' severities.
PASS_MARK = 60


def divide_half_up(numerator: int, denominator: int) -> int:
    """Divide non-negative integers, rounding to the nearest whole number, halves up."""
    # Exact integer arithmetic: round() rounds halves to even, and floats misplace halves.
    return (2 * numerator + denominator) // (2 * denominator)


def principle_score(findings: Iterable[Finding]) -> int:
    """Score findings out of 100: weighted points over weights, 100 where none applies."""
    earned = 0
    possible = 0
    for finding in findings:
        if finding.status is Status.NOT_APPLICABLE:
            continue
        weight = WEIGHTS[finding.severity]
        earned += HALF_POINTS[finding.status] * weight
        possible += 2 * weight
    if not possible:
        return 100
    return divide_half_up(100 * earned, possible)


def overall_score(scores: Sequence[int]) -> int:
    """Return the mean of the principle scores, rounded halves up."""
    return divide_half_up(sum(scores), len(scores))


def readiness(findings: Iterable[Finding], scores: Iterable[int]) -> Readiness:
    """Judge readiness: blocking not met, then major not met or a low score."""
    needs_work = any(score < PASS_MARK for score in scores)
    for finding in findings:
        if finding.status is not Status.NOT_MET:
            continue
        if finding.severity is Severity.BLOCKING:
            return Readiness.NOT_READY
        if finding.severity is Severity.MAJOR:
            needs_work = True
    return Readiness.NEEDS_WORK if needs_work else Readiness.READY


def score(doc: Mapping[str, Any] | Snapshot) -> Result:
    """Score one assessment given as an interchange dict (or a snapshot built from one)."""
    snap = doc if isinstance(doc, Snapshot) else Snapshot.from_dict(doc)
    findings = registry.run(snap)
    by_principle: dict[str, list[Finding]] = {pid: [] for pid in PRINCIPLES}
    for finding in findings:
        by_principle[finding.principle].append(finding)
    results = tuple(
        PrincipleResult(
            principle=pid,
            name=PRINCIPLES[pid],
            score=principle_score(group),
            findings=tuple(group),
        )
        for pid, group in by_principle.items()
    )
    scores = [r.score for r in results]
    return Result(
        title=snap.title,
        sensitivity=snap.sensitivity,
        ruleset=RULESET_VERSION,
        readiness=readiness(findings, scores),
        overall_score=overall_score(scores),
        principles=results,
    )
