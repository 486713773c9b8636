"""Kaitiakitanga: keep data safe, keep it only while needed, and share it with care."""

from principles.registry import Rule, register
from principles.results import Finding, Severity
from principles.risks import RiskRating
from principles.rules._common import (
    GOOD_PRACTICE,
    gap,
    item_field,
    join,
    names,
    quoted,
    risk_field,
    risk_names,
    sensitivity_reason,
)
from principles.snapshot import Sensitivity, Snapshot
from principles.text import LIMITLESS_RETENTION_WORDS, answered, explained, find_phrases

PRINCIPLE = "kaitiakitanga"


@register(
    "KT-01",
    principle=PRINCIPLE,
    severity=Severity.MAJOR,
    basis="law (IPP 9)",
    title="Every data item has a retention limit",
    applies="At least one data item is listed.",
    meets="Every item says how long it is kept, and none is kept indefinitely.",
)
def retention_is_limited(snap: Snapshot, rule: Rule) -> Finding:
    items = snap.data_items
    if not items:
        return rule.not_applicable("No data items are listed, so no retention needs stating.")
    limitless = []
    unanswered = []
    fields = []
    for index, item in enumerate(items):
        words = find_phrases(item.retention, LIMITLESS_RETENTION_WORDS)
        if words:
            limitless.append(f"{quoted(item.name)} ({join([quoted(w) for w in words])})")
            fields.append(item_field(index, "retention"))
        elif not answered(item.retention):
            unanswered.append(item)
            fields.append(item_field(index, "retention"))
    if not fields:
        return rule.met(f"Every data item ({len(items)}) has a limited retention period.")
    problems = []
    if limitless:
        problems.append(f"Retention never ends for {join(limitless)}.")
    if len(unanswered) == len(items):
        problems.append("No data item says how long it is kept.")
    elif unanswered:
        problems.append(f"No retention is given for {names(unanswered)}.")
    message = (
        f"{' '.join(problems)} Give each item a retention period, such as P2Y, or a plain rule "
        "for when it is deleted; keep data only while it is needed."
    )
    if limitless or len(unanswered) == len(items):
        return rule.not_met(message, *fields)
    return rule.partial(message, *fields)


@register(
    "KT-02",
    principle=PRINCIPLE,
    severity=Severity.MAJOR,
    basis="law (IPP 5)",
    title="Data is kept safe",
    applies="Sensitivity is moderate or high.",
    meets="The safeguards that protect the data are explained.",
)
def safeguards(snap: Snapshot, rule: Rule) -> Finding:
    reason = sensitivity_reason(snap)
    if snap.sensitivity is Sensitivity.LOW:
        return rule.not_applicable(f"{reason}, so safeguards need not be described here.")
    text = snap.stewardship.safeguards
    if explained(text):
        return rule.met(f"{reason}, and the safeguards are explained.")
    return rule.not_met(
        f"{reason}, but the safeguards are {gap(text)}. Describe how the data is protected "
        "from loss, misuse and access by people who should not see it.",
        "stewardship.safeguards",
    )


@register(
    "KT-03",
    principle=PRINCIPLE,
    severity=Severity.MINOR,
    basis="law (IPP 9)",
    title="Disposal is planned",
    applies="At least one data item is listed.",
    meets="How the data is disposed of is explained.",
)
def disposal_planned(snap: Snapshot, rule: Rule) -> Finding:
    if not snap.data_items:
        return rule.not_applicable("No data items are listed, so there is nothing to dispose of.")
    text = snap.stewardship.disposal
    if explained(text):
        return rule.met("How the data is disposed of is explained.")
    return rule.not_met(
        f"How the data is disposed of is {gap(text)}. Say how and by whom it is deleted or "
        "destroyed when its retention period ends.",
        "stewardship.disposal",
    )


@register(
    "KT-04",
    principle=PRINCIPLE,
    severity=Severity.MINOR,
    basis=GOOD_PRACTICE,
    title="De-identified data is made available",
    applies="Always.",
    meets="How de-identified data is made available for others' benefit is explained.",
)
def deidentified_availability(snap: Snapshot, rule: Rule) -> Finding:
    text = snap.stewardship.deidentified_availability
    if explained(text):
        return rule.met("How de-identified data is made available to others is explained.")
    return rule.not_met(
        f"How de-identified data is made available is {gap(text)}. Say how others, such as "
        "communities and iwi, can use it for their own benefit, or why they cannot.",
        "stewardship.deidentified_availability",
    )


@register(
    "KT-05",
    principle=PRINCIPLE,
    severity=Severity.MAJOR,
    basis="law (IPP 11)",
    title="Sharing and linking are reasoned",
    applies="Any data item is shared with others or linked with other data.",
    meets="Every shared item explains why it is shared, and every linked item why it is linked.",
)
def sharing_and_linking(snap: Snapshot, rule: Rule) -> Finding:
    shared = [(i, item) for i, item in enumerate(snap.data_items) if item.shared_with]
    linked = [(i, item) for i, item in enumerate(snap.data_items) if item.linked_with_other_data]
    if not shared and not linked:
        return rule.not_applicable("No data item is shared with others or linked with other data.")
    unreasoned_shared = [(i, item) for i, item in shared if not explained(item.sharing_reason)]
    unreasoned_linked = [(i, item) for i, item in linked if not explained(item.link_reason)]
    if not unreasoned_shared and not unreasoned_linked:
        concerned = dict(sorted(shared + linked, key=lambda pair: pair[0]))
        return rule.met(f"Every shared or linked item explains why: {names(concerned.values())}.")
    problems = []
    if unreasoned_shared:
        problems.append(
            f"Shared without an explained reason: {names(item for _, item in unreasoned_shared)}."
        )
    if unreasoned_linked:
        problems.append(
            "Linked with other data without an explained reason: "
            f"{names(item for _, item in unreasoned_linked)}."
        )
    fields = [item_field(i, "sharing_reason") for i, _ in unreasoned_shared]
    fields += [item_field(i, "link_reason") for i, _ in unreasoned_linked]
    return rule.not_met(
        f"{' '.join(problems)} Explain why each item is shared with other agencies or "
        "professionals, or linked with other information about people.",
        *fields,
    )


@register(
    "KT-06",
    principle=PRINCIPLE,
    severity=Severity.BLOCKING,
    basis=GOOD_PRACTICE,
    title="No extreme risk is left after mitigation",
    applies="Any risk is still rated extreme once the mitigations are in place.",
    meets="Never: an extreme risk left after mitigation is reduced, or justified for the reviewer.",
)
def no_extreme_residual_risk(snap: Snapshot, rule: Rule) -> Finding:
    extreme = [(i, r) for i, r in enumerate(snap.risks) if r.residual_rating is RiskRating.EXTREME]
    if not extreme:
        return rule.not_applicable("No risk is left extreme once the mitigations are in place.")
    fields = [
        risk_field(index, name)
        for index, _ in extreme
        for name in ("residual_likelihood", "residual_impact")
    ]
    return rule.not_met(
        f"Still extreme after mitigation: {risk_names(extreme)}. Reduce the risk further, or "
        "explain for the reviewer why it is acceptable to go ahead (a justification for KT-06).",
        *fields,
    )
