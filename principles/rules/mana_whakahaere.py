"""Mana Whakahaere: tell people, offer them choices, and make access easy."""

from principles.registry import Rule, register
from principles.results import Finding, Severity
from principles.rules._common import GOOD_PRACTICE, gap, join, names, quoted
from principles.snapshot import Snapshot
from principles.text import FUTURE_PROOFING_PHRASES, explained, find_phrases

PRINCIPLE = "mana_whakahaere"

WHEN_TOLD = {
    "before": "before collection",
    "after": "only after collection",
    "not_told": "not at all",
}

# The answers that tell people what the data is for, checked for open-ended wording.
PURPOSE_FIELDS = (
    ("purpose", "statement", "the purpose statement"),
    ("purpose", "benefit", "the benefit"),
    ("transparency", "how_people_told", "how people are told"),
    ("transparency", "choices_offered", "the choices offered"),
)


@register(
    "MW-01",
    principle=PRINCIPLE,
    severity=Severity.BLOCKING,
    basis="law (IPP 3)",
    title="People are told",
    applies="Always.",
    meets="People are told before or after collection, and how they are told is explained.",
)
def people_are_told(snap: Snapshot, rule: Rule) -> Finding:
    transparency = snap.transparency
    how = transparency.how_people_told
    if transparency.when_told == "not_told":
        fix = (
            "Tell people what is collected, why, how it is used and who sees it; where that is "
            "truly not possible, explain why."
        )
        if explained(transparency.reason_not_told):
            return rule.partial(
                f"People are not told, though the reason is explained. {fix}",
                "transparency.when_told",
            )
        return rule.not_met(
            f"People are not told, and the reason is {gap(transparency.reason_not_told)}. {fix}",
            "transparency.when_told",
            "transparency.reason_not_told",
        )
    if transparency.when_told is None:
        return rule.not_met(
            "When people are told is not answered. Say whether they are told before their "
            "information is collected, afterwards, or not at all.",
            "transparency.when_told",
        )
    when = WHEN_TOLD.get(transparency.when_told, transparency.when_told)
    if explained(how):
        return rule.met(f"People are told {when}, and how they are told is explained.")
    return rule.not_met(
        f"People are to be told {when}, but how they are told is {gap(how)}. Describe how "
        "service users learn what is collected, why, how it is used and who sees it.",
        "transparency.how_people_told",
    )


@register(
    "MW-02",
    principle=PRINCIPLE,
    severity=Severity.MAJOR,
    basis=GOOD_PRACTICE,
    title="Telling people late or not at all is reasoned",
    applies="People are told only after collection, or not at all.",
    meets="The reason people are not told beforehand is explained.",
)
def late_telling_reasoned(snap: Snapshot, rule: Rule) -> Finding:
    transparency = snap.transparency
    if transparency.when_told is None:
        # MW-01 asks for the answer; there is no default to assume.
        return rule.not_applicable(
            "When people are told is not answered, so whether telling them late needs a reason "
            "is not known yet."
        )
    if transparency.when_told not in ("after", "not_told"):
        return rule.not_applicable(
            "People are told before collection, so no reason for telling them late is needed."
        )
    when = WHEN_TOLD[transparency.when_told]
    text = transparency.reason_not_told
    if explained(text):
        return rule.met(f"People are told {when}, and the reason is explained.")
    return rule.not_met(
        f"People are told {when}, and the reason is {gap(text)}. Explain why this is fair, "
        "reasonable and respectful, or tell people before their data is collected.",
        "transparency.reason_not_told",
    )


@register(
    "MW-03",
    principle=PRINCIPLE,
    severity=Severity.MAJOR,
    basis=GOOD_PRACTICE,
    title="People have choices, or know why not",
    applies="Always.",
    meets="The choices offered, or the reason no choice is offered, are explained.",
)
def choices_offered(snap: Snapshot, rule: Rule) -> Finding:
    transparency = snap.transparency
    if explained(transparency.choices_offered):
        return rule.met("The choices people have are explained.")
    if explained(transparency.reason_no_choice):
        return rule.met("No choice is offered, and why that is fair is explained.")
    return rule.not_met(
        "Neither the choices people have nor the reason they have none is explained. Describe "
        "the choices people have about what they provide, who sees it and how it is used, or "
        "explain why it is fair, reasonable and respectful to offer none.",
        "transparency.choices_offered",
        "transparency.reason_no_choice",
    )


@register(
    "MW-04",
    principle=PRINCIPLE,
    severity=Severity.BLOCKING,
    basis=GOOD_PRACTICE,
    title="The purpose is not open-ended",
    applies="Always.",
    meets="The purpose statement, benefit, how people are told and choices offered use no "
    "open-ended wording such as “any other purpose” or “future-proof”.",
)
def purpose_not_open_ended(snap: Snapshot, rule: Rule) -> Finding:
    problems = []
    fields = []
    for section, name, label in PURPOSE_FIELDS:
        phrases = find_phrases(getattr(getattr(snap, section), name), FUTURE_PROOFING_PHRASES)
        if phrases:
            problems.append(f"{join([quoted(p) for p in phrases])} in {label}")
            fields.append(f"{section}.{name}")
    if not problems:
        return rule.met("The purpose and what people are told use no open-ended wording.")
    return rule.not_met(
        f"Open-ended wording lets data be used for purposes nobody has named: "
        f"{'; '.join(problems)}. Name each purpose specifically instead.",
        *fields,
    )


def _identifying_names(snap: Snapshot) -> str:
    return names(item for _, item in snap.identifying_items)


@register(
    "MW-05",
    principle=PRINCIPLE,
    severity=Severity.MAJOR,
    basis="law (IPP 6, 7)",
    title="People can see and correct their information",
    applies="Any data item identifies people.",
    meets="How people get access to their information and ask for corrections are both explained.",
)
def access_and_correction(snap: Snapshot, rule: Rule) -> Finding:
    if not snap.identifying_items:
        return rule.not_applicable(
            "No data item identifies people, so there is no personal information to access."
        )
    access = snap.access
    missing = []
    fields = []
    if not explained(access.access_process):
        missing.append(f"how people get access is {gap(access.access_process)}")
        fields.append("access.access_process")
    if not explained(access.correction_process):
        missing.append(f"how they ask for corrections is {gap(access.correction_process)}")
        fields.append("access.correction_process")
    listed = f"Items that identify people: {_identifying_names(snap)}."
    if not missing:
        return rule.met(f"{listed} How people get access and ask for corrections is explained.")
    message = (
        f"{listed} People have a right to see and correct their information, but "
        f"{join(missing)}. Describe how each works and how it is made easy."
    )
    if len(missing) == 1:
        return rule.partial(message, *fields)
    return rule.not_met(message, *fields)


@register(
    "MW-06",
    principle=PRINCIPLE,
    severity=Severity.MINOR,
    basis="law (IPP 7)",
    title="A refused correction is handled",
    applies="Any data item identifies people.",
    meets="What happens when a correction is not made is explained.",
)
def refused_correction(snap: Snapshot, rule: Rule) -> Finding:
    if not snap.identifying_items:
        return rule.not_applicable(
            "No data item identifies people, so there is no personal information to correct."
        )
    text = snap.access.refusal_process
    if explained(text):
        return rule.met("What happens when a correction is not made is explained.")
    return rule.not_met(
        f"What happens when a correction is not made is {gap(text)}. Explain it, for example "
        "how people can have their view attached to the information.",
        "access.refusal_process",
    )


@register(
    "MW-07",
    principle=PRINCIPLE,
    severity=Severity.MINOR,
    basis=GOOD_PRACTICE,
    title="What the data will not be used for is stated",
    applies="Always.",
    meets="What the data will not be used for, and who will not see it, is explained.",
)
def not_used_for(snap: Snapshot, rule: Rule) -> Finding:
    text = snap.purpose.not_used_for
    if explained(text):
        return rule.met("What the data will not be used for is explained.")
    return rule.not_met(
        f"What the data will not be used for is {gap(text)}. Say what it will not be used for "
        "and who will not see it.",
        "purpose.not_used_for",
    )


@register(
    "MW-08",
    principle=PRINCIPLE,
    severity=Severity.MINOR,
    basis=GOOD_PRACTICE,
    title="Explanations are accessible",
    applies="Always.",
    meets="How explanations suit age, culture, language, literacy and disability is explained.",
)
def accessible_explanations(snap: Snapshot, rule: Rule) -> Finding:
    text = snap.transparency.accessible_formats
    if explained(text):
        return rule.met("How explanations suit the people concerned is explained.")
    return rule.not_met(
        f"The accessible formats are {gap(text)}. Describe how explanations suit people's age, "
        "culture, language, literacy and disability.",
        "transparency.accessible_formats",
    )
