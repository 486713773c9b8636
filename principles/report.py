"""Format a result as a plain-text table for the command line."""

import textwrap

from principles.results import Result

WIDTH = 100
READINESS_LABELS = {
    "ready": "ready",
    "needs_work": "needs work",
    "not_ready": "not ready",
}
STATUS_LABELS = {
    "met": "met",
    "partial": "partial",
    "not_met": "not met",
    "not_applicable": "n/a",
    "justified": "justified",
}


def format_table(result: Result, *, width: int = WIDTH) -> str:
    """Return the scores, readiness and every finding as a readable plain-text table."""
    lines = [
        result.title,
        f"Readiness: {READINESS_LABELS[result.readiness]}   Overall score: "
        f"{result.overall_score}   Sensitivity: {result.sensitivity}   "
        f"Ruleset: {result.ruleset}",
        "",
    ]
    name_width = max(len(p.name) for p in result.principles)
    lines += [f"  {p.name:<{name_width}}  {p.score:>3}" for p in result.principles]

    # Rule, status and severity columns, then the message wrapped under its own column.
    head = f"{'Rule':<6} {'Status':<10} {'Severity':<8} "
    indent = " " * len(head)
    for principle in result.principles:
        lines += ["", f"{principle.name} ({principle.score})", head + "Message"]
        for finding in principle.findings:
            prefix = f"{finding.rule:<6} {STATUS_LABELS[finding.status]:<10} {finding.severity:<8} "
            lines += _wrap(finding.message, prefix, indent, width)
            if finding.justification:
                lines += _wrap(f"Justification: {finding.justification}", indent, indent, width)
    return "\n".join(lines) + "\n"


def _wrap(text: str, first: str, rest: str, width: int) -> list[str]:
    return textwrap.wrap(
        text, width=width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    )
