"""He Tāngata, continued: risks are weighed, rated and, where serious, mitigated.

Kept apart from `he_tangata` (purpose, benefit and minimum data) only for size; the rules are
He Tāngata's all the same.
"""

from principles.registry import Rule, register
from principles.results import Finding, Severity
from principles.risks import SERIOUS, RiskRating
from principles.rules._common import (
    GOOD_PRACTICE,
    gap,
    join,
    risk_field,
    risk_name,
    risk_names,
    sensitivity_reason,
)
from principles.rules.he_tangata import PRINCIPLE
from principles.snapshot import Risk, Sensitivity, Snapshot
from principles.text import answered, explained


@register(
    "HT-10",
    principle=PRINCIPLE,
    severity=Severity.MAJOR,
    basis=GOOD_PRACTICE,
    title="Risks are identified and rated",
    applies="Sensitivity is moderate or high.",
    meets="At least one risk is listed, and every risk is described (at least 3 words) and rated "
    "for its likelihood and its impact.",
)
def risks_are_rated(snap: Snapshot, rule: Rule) -> Finding:
    reason = sensitivity_reason(snap)
    if snap.sensitivity is Sensitivity.LOW:
        return rule.not_applicable(f"{reason}, so a rated risk register is not required here.")
    risks = snap.risks
    if not risks:
        return rule.not_met(
            f"{reason}, but no risk is listed. List what could go wrong for the people "
            "concerned, and rate how likely and how harmful each is.",
            "risks",
        )
    problems = []
    fields = []
    for index, risk in enumerate(risks):
        missing = []
        if not explained(risk.description):
            missing.append(f"its description is {gap(risk.description)}")
            fields.append(risk_field(index, "description"))
        for name in ("likelihood", "impact"):
            if getattr(risk, name) is None:
                missing.append(f"no {name} is chosen")
                fields.append(risk_field(index, name))
        if missing:
            problems.append(f"{risk_name(index, risk)}: {join(missing)}")
    if not problems:
        return rule.met(f"{reason}, and every risk ({len(risks)}) is described and rated.")
    message = (
        f"{reason}, but not every risk is rated. {_sentence('; '.join(problems))}. Describe "
        "each risk in a few words and choose how likely it is and how much harm it would do."
    )
    if len(problems) == len(risks):
        return rule.not_met(message, *fields)
    return rule.partial(message, *fields)


def _sentence(text: str) -> str:
    """Start a sentence with a capital, leaving the rest (names, quotes) as written."""
    return text[:1].upper() + text[1:]


def _complete(risk: Risk) -> bool:
    """Say whether any mitigation has an explained action, an owner and a due date."""
    return any(explained(m.action) and answered(m.owner) and m.due for m in risk.mitigations)


@register(
    "HT-11",
    principle=PRINCIPLE,
    severity=Severity.VARIES,
    severity_note="Blocking if any risk is rated extreme before mitigation, major otherwise.",
    basis=GOOD_PRACTICE,
    title="Serious risks are mitigated",
    applies="Any risk is rated high or extreme before mitigation.",
    meets="Every such risk has a complete mitigation (an explained action, an owner and a due "
    "date) and is rated again for what is left once the mitigations are in place.",
)
def serious_risks_mitigated(snap: Snapshot, rule: Rule) -> Finding:
    serious = [(i, r) for i, r in enumerate(snap.risks) if r.inherent_rating in SERIOUS]
    extreme = any(r.inherent_rating is RiskRating.EXTREME for _, r in serious)
    severity = Severity.BLOCKING if extreme else Severity.MAJOR
    if not serious:
        return rule.not_applicable(
            "No risk is rated high or extreme before mitigation, so no mitigation plan is "
            "required.",
            severity=severity,
        )
    unmitigated = False
    problems = []
    fields = []
    for index, risk in serious:
        missing = []
        if not any(explained(m.action) for m in risk.mitigations):
            unmitigated = True
            missing.append("no mitigation with an explained action")
            fields.append(risk_field(index, "mitigations"))
        elif not _complete(risk):
            missing.append("no mitigation has an explained action, an owner and a due date")
            fields.append(risk_field(index, "mitigations"))
        if risk.residual_rating is None:
            missing.append("no rating of what is left after mitigation")
            fields += [
                risk_field(index, name)
                for name in ("residual_likelihood", "residual_impact")
                if getattr(risk, name) is None
            ]
        if missing:
            problems.append(
                f"{risk_name(index, risk)}, rated {risk.inherent_rating}: {join(missing)}"
            )
    if not problems:
        return rule.met(
            f"Every high or extreme risk ({risk_names(serious)}) has a complete mitigation and "
            "is rated again after it.",
            severity=severity,
        )
    message = (
        f"{_sentence('; '.join(problems))}. For each high or extreme risk, say what will be "
        "done, who is responsible and by when, and rate the likelihood and impact that remain."
    )
    if unmitigated:
        return rule.not_met(message, *fields, severity=severity)
    return rule.partial(message, *fields, severity=severity)
