"""He Tāngata: a clear purpose, a tangible benefit and only the data that is needed."""

from principles.registry import Rule, register
from principles.results import Finding, Severity
from principles.rules._common import (
    GOOD_PRACTICE,
    gap,
    item_field,
    join,
    names,
    quoted,
    sensitivity_reason,
)
from principles.snapshot import DataItem, Sensitivity, Snapshot
from principles.text import (
    JUST_IN_CASE_PHRASES,
    explained,
    find_phrases,
    substantial,
    word_count,
)

PRINCIPLE = "he_tangata"

BENEFICIARY_LABELS = {
    "individuals": "individuals",
    "whanau": "whānau",
    "communities": "communities",
    "iwi": "iwi",
    "public": "the public",
}


@register(
    "HT-01",
    principle=PRINCIPLE,
    severity=Severity.BLOCKING,
    basis=GOOD_PRACTICE,
    title="The purpose is specific",
    applies="Always.",
    meets="The purpose statement says what will be done with the data and why, in at least 20 "
    "words.",
)
def purpose_is_specific(snap: Snapshot, rule: Rule) -> Finding:
    text = snap.purpose.statement
    if substantial(text):
        return rule.met("The purpose statement says specifically what the data is for.")
    fix = "Write down, in at least 20 words, what will be done with the data and why it is needed."
    if explained(text):
        return rule.partial(
            f"The purpose statement has only {word_count(text)} words, too few to be specific. "
            f"{fix}",
            "purpose.statement",
        )
    return rule.not_met(f"The purpose statement is {gap(text)}. {fix}", "purpose.statement")


@register(
    "HT-02",
    principle=PRINCIPLE,
    severity=Severity.BLOCKING,
    basis=GOOD_PRACTICE,
    title="The benefit to people is clear",
    applies="Always.",
    meets="The benefit is explained (at least 3 words) and at least one beneficiary is chosen.",
)
def benefit_is_clear(snap: Snapshot, rule: Rule) -> Finding:
    purpose = snap.purpose
    benefit = explained(purpose.benefit)
    who = [BENEFICIARY_LABELS.get(b, b) for b in purpose.beneficiaries]
    if benefit and who:
        return rule.met(f"The benefit is explained, and it goes to {join(who)}.")
    if benefit:
        return rule.partial(
            "The benefit is explained, but no beneficiary is chosen. Choose who benefits: "
            "individuals, whānau, communities, iwi or the public.",
            "purpose.beneficiaries",
        )
    if who:
        return rule.partial(
            f"The beneficiaries are chosen ({join(who)}), but the benefit itself is "
            f"{gap(purpose.benefit)}. Say how this improves outcomes for them.",
            "purpose.benefit",
        )
    return rule.not_met(
        f"The benefit is {gap(purpose.benefit)} and no beneficiary is chosen. Say how this "
        "improves outcomes for service users, whānau or communities, and choose who benefits.",
        "purpose.benefit",
        "purpose.beneficiaries",
    )


@register(
    "HT-03",
    principle=PRINCIPLE,
    severity=Severity.MAJOR,
    basis=GOOD_PRACTICE,
    title="Risks are weighed against the benefit",
    applies="Always.",
    meets="The risks and potential negative outcomes are explained.",
)
def risks_are_weighed(snap: Snapshot, rule: Rule) -> Finding:
    text = snap.purpose.risks
    if explained(text):
        return rule.met("The risks and potential negative outcomes are explained.")
    return rule.not_met(
        f"The risks are {gap(text)}. Describe the risks and potential negative outcomes, and "
        "how they balance against the benefit.",
        "purpose.risks",
    )


@register(
    "HT-04",
    principle=PRINCIPLE,
    severity=Severity.BLOCKING,
    basis="law (IPP 1)",
    title="Every data item is needed for the purpose",
    applies="Always.",
    meets="At least one data item is listed, every item's justification is explained, and none "
    "is collected just in case.",
)
def every_item_is_needed(snap: Snapshot, rule: Rule) -> Finding:
    items = snap.data_items
    if not items:
        return rule.not_met(
            "No data items are listed. List every item of data to be collected, used or "
            "shared, and say why each one is needed.",
            "data_items",
        )
    just_in_case = []
    identifying_unexplained: list[DataItem] = []
    other_unexplained: list[DataItem] = []
    concerned = set()
    for index, item in enumerate(items):
        phrases = find_phrases(item.justification, JUST_IN_CASE_PHRASES)
        if phrases:
            just_in_case.append(f"{quoted(item.name)} ({join([quoted(p) for p in phrases])})")
            concerned.add(index)
        elif not explained(item.justification):
            unexplained = identifying_unexplained if item.identifying else other_unexplained
            unexplained.append(item)
            concerned.add(index)
    if not concerned:
        return rule.met(
            f"Every data item ({len(items)}) has an explained justification, and none is "
            "collected just in case."
        )
    problems = []
    if just_in_case:
        problems.append(f"Just-in-case language in the justification of {join(just_in_case)}.")
    if identifying_unexplained:
        problems.append(
            f"Items that identify people have no explained justification: "
            f"{names(identifying_unexplained)}."
        )
    if other_unexplained:
        problems.append(f"Items with no explained justification: {names(other_unexplained)}.")
    message = (
        " ".join(problems) + " Say how each item serves the purpose; 'just in case' is never a "
        "reason to collect data, so leave out any item that is not needed."
    )
    fields = [item_field(i, "justification") for i in sorted(concerned)]
    if just_in_case or identifying_unexplained:
        return rule.not_met(message, *fields)
    return rule.partial(message, *fields)


@register(
    "HT-05",
    principle=PRINCIPLE,
    severity=Severity.BLOCKING,
    basis="law (IPP 1)",
    title="Identifying information is shown to be needed",
    applies="Any data item identifies people.",
    meets="The assessment says identifying information is needed and explains why.",
)
def identifying_is_needed(snap: Snapshot, rule: Rule) -> Finding:
    identifying = [item for _, item in snap.identifying_items]
    if not identifying:
        return rule.not_applicable(
            "No data item identifies people, so the need for identifying information does not "
            "arise."
        )
    minimisation = snap.minimisation
    listed = f"Items that identify people: {names(identifying)}."
    problems = []
    fields = []
    if minimisation.identifying_needed is None:
        problems.append("Whether identifying information is needed at all is not answered.")
        fields.append("minimisation.identifying_needed")
    elif not minimisation.identifying_needed:
        problems.append("The assessment says identifying information is not needed.")
        fields.append("minimisation.identifying_needed")
    if not explained(minimisation.why_identifying):
        problems.append(f"Why it is needed is {gap(minimisation.why_identifying)}.")
        fields.append("minimisation.why_identifying")
    if not problems:
        return rule.met(f"{listed} The assessment explains why identifying information is needed.")
    return rule.not_met(
        f"{listed} {' '.join(problems)} If identifying information is needed, say so and "
        "explain why; if it is not, do not collect it.",
        *fields,
    )


@register(
    "HT-06",
    principle=PRINCIPLE,
    severity=Severity.MAJOR,
    basis=GOOD_PRACTICE,
    title="Less intrusive alternatives are considered",
    applies="Sensitivity is moderate or high.",
    meets="The de-identified, aggregated or sampled alternatives considered are explained.",
)
def alternatives_considered(snap: Snapshot, rule: Rule) -> Finding:
    reason = sensitivity_reason(snap)
    if snap.sensitivity is Sensitivity.LOW:
        return rule.not_applicable(f"{reason}, so alternatives need not be weighed here.")
    text = snap.minimisation.alternatives_considered
    if explained(text):
        return rule.met(f"{reason}, and the alternatives considered are explained.")
    return rule.not_met(
        f"{reason}, but the alternatives considered are {gap(text)}. Say whether de-identified, "
        "aggregated or sampled data would serve the purpose, and why or why not.",
        "minimisation.alternatives_considered",
    )


@register(
    "HT-07",
    principle=PRINCIPLE,
    severity=Severity.BLOCKING,
    basis="law (IPP 10)",
    title="Reused data fits its original purpose",
    applies="Any data item comes from existing data.",
    meets="Every reused item explains its original purpose and this use is consistent with it.",
)
def reuse_fits_original_purpose(snap: Snapshot, rule: Rule) -> Finding:
    reused = [(i, item) for i, item in enumerate(snap.data_items) if item.source == "existing"]
    if not reused:
        return rule.not_applicable(
            "No data item is reused from existing data, so no original purpose needs checking."
        )
    problems = []
    fields = []
    for index, item in reused:
        item_problems = []
        if not explained(item.original_purpose):
            item_problems.append(f"original purpose {gap(item.original_purpose)}")
            fields.append(item_field(index, "original_purpose"))
        if item.consistent_with_original_purpose is None:
            item_problems.append("not confirmed as consistent with that purpose")
        elif not item.consistent_with_original_purpose:
            item_problems.append("this use is not consistent with that purpose")
        if item.consistent_with_original_purpose is not True:
            fields.append(item_field(index, "consistent_with_original_purpose"))
        if item_problems:
            problems.append(f"{quoted(item.name)}: {', '.join(item_problems)}")
    if not problems:
        return rule.met(
            f"Every reused item ({names(item for _, item in reused)}) explains its original "
            "purpose, and this use is consistent with it."
        )
    return rule.not_met(
        f"Reused data must fit the purpose it was first collected for. {'; '.join(problems)}. "
        "Explain why each item was first collected, and reuse it only where this use is "
        "directly consistent with that purpose.",
        *fields,
    )


@register(
    "HT-08",
    principle=PRINCIPLE,
    severity=Severity.MAJOR,
    basis="law (IPP 1)",
    title="The legal basis is stated",
    applies="Sensitivity is moderate or high.",
    meets="The laws that allow the collection or use are explained.",
)
def legal_basis_stated(snap: Snapshot, rule: Rule) -> Finding:
    reason = sensitivity_reason(snap)
    if snap.sensitivity is Sensitivity.LOW:
        return rule.not_applicable(f"{reason}, so no legal basis needs stating here.")
    text = snap.purpose.legal_basis
    if explained(text):
        return rule.met(f"{reason}, and the laws that allow the collection or use are stated.")
    return rule.not_met(
        f"{reason}, but the legal basis is {gap(text)}. Say what laws allow the collection or "
        "use, such as the information privacy principles of the Privacy Act 2020.",
        "purpose.legal_basis",
    )


@register(
    "HT-09",
    principle=PRINCIPLE,
    severity=Severity.MINOR,
    basis=GOOD_PRACTICE,
    title="The purpose has oversight",
    applies="Sensitivity is high.",
    meets="The checks and oversight the purpose receives are explained.",
)
def purpose_has_oversight(snap: Snapshot, rule: Rule) -> Finding:
    reason = sensitivity_reason(snap)
    if snap.sensitivity is not Sensitivity.HIGH:
        return rule.not_applicable(f"{reason}, so oversight is not required here.")
    text = snap.purpose.oversight
    if explained(text):
        return rule.met(f"{reason}, and the oversight of the purpose is explained.")
    return rule.not_met(
        f"{reason}, but the oversight is {gap(text)}. Say what checks the purpose receives, "
        "such as an ethics review, a governance group or the privacy officer.",
        "purpose.oversight",
    )
