"""Score DPUP assessments against the five Principles, and screen work before one, without Django.

Usage: `score(assessment_dict)` returns a `Result` with readiness, the overall and
per-Principle scores and every finding; `registry.rules()` lists the rule catalogue;
`risk_rating(likelihood, impact)` rates a risk on RULES.md's matrix; `screen(answers)` decides
SCREENING.md's five outcomes.
"""

from principles import registry
from principles.constants import PRINCIPLES, RULESET_VERSION
from principles.results import Finding, PrincipleResult, Readiness, Result, Severity, Status
from principles.risks import RiskRating, risk_rating
from principles.scoring import score
from principles.screening import SCREENING_VERSION, screen
from principles.snapshot import Sensitivity, Snapshot

__all__ = [
    "PRINCIPLES",
    "RULESET_VERSION",
    "SCREENING_VERSION",
    "Finding",
    "PrincipleResult",
    "Readiness",
    "Result",
    "RiskRating",
    "Sensitivity",
    "Severity",
    "Snapshot",
    "Status",
    "registry",
    "risk_rating",
    "score",
    "screen",
]
