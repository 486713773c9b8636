"""Manaakitanga: uphold the mana and dignity of the groups whose data it is."""

from principles.registry import Rule, register
from principles.results import Finding, Severity
from principles.rules._common import GOOD_PRACTICE, gap, join, sensitivity_reason
from principles.snapshot import Sensitivity, Snapshot
from principles.text import answered, explained

PRINCIPLE = "manaakitanga"


def _groups_named(snap: Snapshot) -> list[str]:
    groups = snap.groups
    named = [
        label
        for flag, label in (
            (groups.maori, "Māori"),
            (groups.pacific, "Pacific peoples"),
            (groups.children_young_people, "children and young people"),
            (groups.disabled_people, "disabled people"),
        )
        if flag
    ]
    if answered(groups.other):
        named.append(f"other groups ({groups.other.strip()})")
    return named


@register(
    "MK-01",
    principle=PRINCIPLE,
    severity=Severity.MAJOR,
    basis=GOOD_PRACTICE,
    title="Distinct groups' needs shape the work",
    applies="Sensitivity is moderate or high, or any group with distinct needs is named.",
    meets="How each group's worldview, rights and needs shape the work is explained.",
)
def group_needs_considered(snap: Snapshot, rule: Rule) -> Finding:
    groups = _groups_named(snap)
    reasons = []
    if snap.sensitivity is not Sensitivity.LOW:
        reasons.append(sensitivity_reason(snap))
    if groups:
        reasons.append(f"the groups concerned include {join(groups)}")
    if not reasons:
        return rule.not_applicable(
            "Sensitivity is low and no group with distinct needs is named, so no group "
            "considerations are required."
        )
    why = "; ".join(reasons)
    why = why[0].upper() + why[1:]
    text = snap.groups.considerations
    if explained(text):
        return rule.met(f"{why}. How their needs shape the work is explained.")
    return rule.not_met(
        f"{why}, but the group considerations are {gap(text)}. Explain how each group's "
        "worldview, rights and needs shape what is collected, how it is used and how it is "
        "explained.",
        "groups.considerations",
    )


def _group_consulted(
    rule: Rule, snap: Snapshot, *, concerned: bool, group: str, parties: dict[str, str]
) -> Finding:
    """Judge whether a named group's own people or advisors were consulted."""
    if not concerned:
        return rule.not_applicable(f"{group} are not named among the groups concerned.")
    consulted = [label for party, label in parties.items() if party in snap.parties]
    if consulted:
        return rule.met(f"{group} are concerned, and {join(consulted)} were consulted.")
    return rule.not_met(
        f"{group} are named among the groups concerned, but neither "
        f"{join(list(parties.values()), 'nor')} were consulted. Involve them so that the "
        "work reflects their views and needs.",
        "consultations",
    )


@register(
    "MK-02",
    principle=PRINCIPLE,
    severity=Severity.MAJOR,
    basis=GOOD_PRACTICE,
    title="Māori are involved",
    applies="Māori are among the groups concerned.",
    meets="Iwi or Māori representatives, or cultural advisors, were consulted.",
)
def maori_involved(snap: Snapshot, rule: Rule) -> Finding:
    return _group_consulted(
        rule,
        snap,
        concerned=snap.groups.maori,
        group="Māori",
        parties={
            "iwi_maori": "iwi or Māori representatives",
            "cultural_advisors": "cultural advisors",
        },
    )


@register(
    "MK-03",
    principle=PRINCIPLE,
    severity=Severity.MAJOR,
    basis=GOOD_PRACTICE,
    title="Pacific peoples are involved",
    applies="Pacific peoples are among the groups concerned.",
    meets="Pacific communities, or cultural advisors, were consulted.",
)
def pacific_involved(snap: Snapshot, rule: Rule) -> Finding:
    return _group_consulted(
        rule,
        snap,
        concerned=snap.groups.pacific,
        group="Pacific peoples",
        parties={
            "pacific_communities": "Pacific communities",
            "cultural_advisors": "cultural advisors",
        },
    )


@register(
    "MK-04",
    principle=PRINCIPLE,
    severity=Severity.MAJOR,
    basis=GOOD_PRACTICE,
    title="Explanations suit children and young people",
    applies="Children and young people are among the groups concerned.",
    meets="The accessible formats of explanations are explained.",
)
def explained_to_children(snap: Snapshot, rule: Rule) -> Finding:
    if not snap.groups.children_young_people:
        return rule.not_applicable(
            "Children and young people are not named among the groups concerned."
        )
    text = snap.transparency.accessible_formats
    if explained(text):
        return rule.met(
            "Children and young people are concerned, and how explanations suit them is explained."
        )
    return rule.not_met(
        f"Children and young people are concerned, but the accessible formats are {gap(text)}. "
        "Describe how explanations suit their age and understanding.",
        "transparency.accessible_formats",
    )


@register(
    "MK-05",
    principle=PRINCIPLE,
    severity=Severity.MAJOR,
    basis=GOOD_PRACTICE,
    title="Disabled people are involved and explanations are accessible",
    applies="Disabled people are among the groups concerned.",
    meets="The accessible formats of explanations are explained, and disabled people were "
    "consulted.",
)
def disabled_people_involved(snap: Snapshot, rule: Rule) -> Finding:
    if not snap.groups.disabled_people:
        return rule.not_applicable("Disabled people are not named among the groups concerned.")
    text = snap.transparency.accessible_formats
    formats = explained(text)
    consulted = "disabled_people" in snap.parties
    if formats and consulted:
        return rule.met(
            "Disabled people are concerned; they were consulted, and the accessible formats of "
            "explanations are explained."
        )
    problems = []
    fields = []
    if not formats:
        problems.append(f"the accessible formats are {gap(text)}")
        fields.append("transparency.accessible_formats")
    if not consulted:
        problems.append("disabled people were not consulted")
        fields.append("consultations")
    message = (
        f"Disabled people are concerned, but {join(problems)}. Consult disabled people, and "
        "describe how explanations suit different disabilities."
    )
    if formats or consulted:
        return rule.partial(message, *fields)
    return rule.not_met(message, *fields)
