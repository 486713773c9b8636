"""Mahitahitanga: work with others as equals, and share the value created."""

from principles.registry import Rule, register
from principles.results import Finding, Severity
from principles.rules._common import GOOD_PRACTICE, PARTY_LABELS, gap, join, sensitivity_reason
from principles.snapshot import Sensitivity, Snapshot
from principles.text import explained

PRINCIPLE = "mahitahitanga"

# The parties whose co-design counts as involving the people the data is about.
CO_DESIGN_PARTIES = frozenset(
    {
        "service_users",
        "community_representatives",
        "iwi_maori",
        "pacific_communities",
        "disabled_people",
    }
)
MIN_PARTIES_HIGH = 2

# More sensitive data asks for deeper collaboration, so the rule weighs more.
SEVERITY_BY_SENSITIVITY = {
    Sensitivity.LOW: Severity.MINOR,
    Sensitivity.MODERATE: Severity.MAJOR,
    Sensitivity.HIGH: Severity.BLOCKING,
}


def _parties(parties: set[str] | frozenset[str]) -> str:
    return join(sorted(PARTY_LABELS.get(p, p) for p in parties))


@register(
    "MH-01",
    principle=PRINCIPLE,
    severity=Severity.VARIES,
    severity_note="Blocking if sensitivity is high, major if moderate, minor if low.",
    basis=GOOD_PRACTICE,
    title="Collaboration matches the sensitivity",
    applies="Always.",
    meets="Low sensitivity: always met (a simple check of the numbers is enough). Moderate: the "
    "work was reviewed or co-designed with someone. High: it was co-designed with service users, "
    "community representatives, iwi or Māori, Pacific communities or disabled people, and at "
    "least two distinct parties were consulted.",
)
def collaboration_matches_sensitivity(snap: Snapshot, rule: Rule) -> Finding:
    sensitivity = snap.sensitivity
    severity = SEVERITY_BY_SENSITIVITY[sensitivity]
    reason = sensitivity_reason(snap)
    consultations = snap.consultations
    parties = snap.parties
    if sensitivity is Sensitivity.LOW:
        return rule.met(
            f"{reason}, so a simple check of the numbers with others is enough.",
            severity=severity,
        )
    if not consultations:
        need = (
            "Co-design the work with the people it is about and consult at least two parties"
            if sensitivity is Sensitivity.HIGH
            else "Have others, such as frontline workers or community representatives, review "
            "the work"
        )
        return rule.not_met(
            f"{reason}, but nobody was consulted. {need}.", "consultations", severity=severity
        )
    if sensitivity is Sensitivity.MODERATE:
        deeper = {c.party for c in consultations if c.depth in ("review", "co_design")}
        if deeper:
            return rule.met(
                f"{reason}, and the work was reviewed or co-designed with {_parties(deeper)}.",
                severity=severity,
            )
        return rule.partial(
            f"{reason}, but the only consultations were simple checks of the numbers. Have "
            "others review the work or co-design it.",
            "consultations",
            severity=severity,
        )
    co_designers = {
        c.party for c in consultations if c.depth == "co_design" and c.party in CO_DESIGN_PARTIES
    }
    enough_parties = len(parties) >= MIN_PARTIES_HIGH
    if co_designers and enough_parties:
        return rule.met(
            f"{reason}, and the work was co-designed with {_parties(co_designers)}, among "
            f"{len(parties)} parties consulted.",
            severity=severity,
        )
    missing = []
    if not co_designers:
        missing.append(
            "no consultation was co-design with service users, community representatives, iwi "
            "or Māori, Pacific communities or disabled people"
        )
    if not enough_parties:
        missing.append(f"only one party was consulted ({_parties(parties)})")
    return rule.partial(
        f"{reason}, but {'; and '.join(missing)}. Co-design the work with the people it is "
        "about, and consult at least two distinct parties.",
        "consultations",
        severity=severity,
    )


@register(
    "MH-02",
    principle=PRINCIPLE,
    severity=Severity.MAJOR,
    basis=GOOD_PRACTICE,
    title="The privacy officer is consulted",
    applies="Any data item identifies people.",
    meets="The privacy officer was consulted.",
)
def privacy_officer_consulted(snap: Snapshot, rule: Rule) -> Finding:
    if not snap.identifying_items:
        return rule.not_applicable(
            "No data item identifies people, so the privacy officer need not be consulted."
        )
    if "privacy_officer" in snap.parties:
        return rule.met("Data items identify people, and the privacy officer was consulted.")
    return rule.not_met(
        "Data items identify people, but the privacy officer was not consulted. Ask them to "
        "review how personal information is collected, used and protected.",
        "consultations",
    )


@register(
    "MH-03",
    principle=PRINCIPLE,
    severity=Severity.MAJOR,
    basis=GOOD_PRACTICE,
    title="Insights are shared back",
    applies="Always.",
    meets="The insights planned and who they are shared back with are both explained.",
)
def insights_shared_back(snap: Snapshot, rule: Rule) -> Finding:
    value = snap.sharing_value
    missing = []
    fields = []
    if not explained(value.insights_planned):
        missing.append(f"the insights planned are {gap(value.insights_planned)}")
        fields.append("sharing_value.insights_planned")
    if not explained(value.share_back_with):
        missing.append(f"who receives them is {gap(value.share_back_with)}")
        fields.append("sharing_value.share_back_with")
    if not missing:
        return rule.met("The insights planned, and who receives them, are explained.")
    message = (
        f"Knowledge created from people's data should go back to them, but {join(missing)}. "
        "Say what insights you expect and which service users, communities, iwi and providers "
        "will receive them."
    )
    if len(missing) == 1:
        return rule.partial(message, *fields)
    return rule.not_met(message, *fields)


@register(
    "MH-04",
    principle=PRINCIPLE,
    severity=Severity.MINOR,
    basis=GOOD_PRACTICE,
    title="Insights are shared in a usable form",
    applies="The insights planned are explained.",
    meets="The format the insights are shared in is explained.",
)
def insights_format(snap: Snapshot, rule: Rule) -> Finding:
    value = snap.sharing_value
    if not explained(value.insights_planned):
        return rule.not_applicable("No insights are planned yet, so no format is needed.")
    if explained(value.format):
        return rule.met("The format the insights are shared in is explained.")
    return rule.not_met(
        f"Insights are planned, but the format they are shared in is {gap(value.format)}. Say "
        "how they will be shared so that people can understand and use them.",
        "sharing_value.format",
    )
