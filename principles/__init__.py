"""Score DPUP assessments against the five Principles, without Django.

Usage: `score(assessment_dict)` returns a `Result` with readiness, the overall and
per-Principle scores and every finding; `registry.rules()` lists the rule catalogue.
"""

from principles import registry
from principles.constants import PRINCIPLES, RULESET_VERSION
from principles.results import Finding, PrincipleResult, Readiness, Result, Severity, Status
from principles.scoring import score
from principles.snapshot import Sensitivity, Snapshot

__all__ = [
    "PRINCIPLES",
    "RULESET_VERSION",
    "Finding",
    "PrincipleResult",
    "Readiness",
    "Result",
    "Sensitivity",
    "Severity",
    "Snapshot",
    "Status",
    "registry",
    "score",
]
