"""What people are told: the purpose statement and the notice for service users.

Both are built from the answers, in the order DPUP's summary lists what service users need
to know. An unanswered part is a gap, shown to the analyst with the field to fill in; it is
never filled with invented text.
"""

from dataclasses import dataclass
from typing import Any

from assessments.findings import field_anchor
from assessments.questionnaire import SECTION_BY_KEY
from principles.text import answered

WHEN_TOLD = SECTION_BY_KEY["transparency"].question("when_told")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


@dataclass(frozen=True)
class Part:
    """One thing to tell people: a heading and the text, or the gap where an answer is due."""

    heading: str
    text: str = ""
    gap: str = ""  # what to answer, when the text is missing
    field: str = ""  # the interchange path of that answer, e.g. "purpose.legal_basis"

    @property
    def anchor(self) -> str:
        return field_anchor(self.field) if self.field else ""


def _answer(document: dict[str, Any], path: str) -> str:
    section, _, key = path.partition(".")
    value = document.get(section, {}).get(key, "") if key else document.get(section, "")
    return value if isinstance(value, str) and answered(value) else ""


def _part(document: dict[str, Any], heading: str, path: str, gap: str) -> Part:
    text = _answer(document, path)
    return Part(heading, text=text, gap="" if text else gap, field=path)


def _items(document: dict[str, Any]) -> list[dict[str, Any]]:
    return list(document.get("data_items", []))


def _what(document: dict[str, Any]) -> Part:
    names = [item["name"] for item in _items(document) if answered(item.get("name", ""))]
    if not names:
        return Part("What", gap="List the data items.", field="data_items")
    return Part("What", text="; ".join(names) + ".")


def _choice(document: dict[str, Any]) -> Part:
    offered = _answer(document, "transparency.choices_offered")
    if offered:
        return Part("Choice", text=offered, field="transparency.choices_offered")
    reason = _answer(document, "transparency.reason_no_choice")
    if reason:
        return Part("Choice", text=f"There is no choice, because: {reason}")
    return Part(
        "Choice",
        gap="Say what choices people have, or why there is none.",
        field="transparency.choices_offered",
    )


def purpose_statement(document: dict[str, Any]) -> list[Part]:
    """Return the purpose statement: what / why / how / choice / law / transparency."""
    told = _answer(document, "transparency.how_people_told")
    when_told = document.get("transparency", {}).get("when_told")
    # "People are told afterwards." reads on from the choice's label; "not told" says nothing.
    told_late = when_told not in (None, "not_told")
    when = _lower_first(WHEN_TOLD.choice_label(when_told)) if told_late else ""
    transparency = (
        Part("Transparency", text=f"{told} People are told {when}." if when else told)
        if told
        else Part(
            "Transparency",
            gap="Say how people are told what is collected and why.",
            field="transparency.how_people_told",
        )
    )
    return [
        _what(document),
        _part(document, "Why", "purpose.statement", "Write the purpose statement."),
        _part(document, "How it helps", "purpose.benefit", "Say how this benefits people."),
        _choice(document),
        _part(document, "Law", "purpose.legal_basis", "Name the law that allows it."),
        transparency,
    ]


NO_ITEMS = "List the data items first."


def _shared(document: dict[str, Any]) -> Part:
    if not _items(document):
        return Part("Who else sees it", gap=NO_ITEMS, field="data_items")
    shared = [item for item in _items(document) if item.get("shared_with")]
    if not shared:
        return Part(
            "Who else sees it", text="We will not share it with other agencies or professionals."
        )
    lines = []
    for item in shared:
        reason = item.get("sharing_reason", "")
        line = f"{item['name']}: shared with {', '.join(item['shared_with'])}"
        lines.append(f"{line}. Why: {reason}" if answered(reason) else f"{line}.")
    missing = [item["name"] for item in shared if not answered(item.get("sharing_reason", ""))]
    return Part(
        "Who else sees it",
        text="; ".join(lines),
        gap=f"Say why {', '.join(missing)} is shared." if missing else "",
    )


def _linked(document: dict[str, Any]) -> Part:
    if not _items(document):
        return Part("Linking", gap=NO_ITEMS, field="data_items")
    linked = [item for item in _items(document) if item.get("linked_with_other_data")]
    if not linked:
        return Part("Linking", text="We will not link it with other information about you.")
    missing = [item["name"] for item in linked if not answered(item.get("link_reason", ""))]
    text = "; ".join(
        f"{item['name']} is linked with other information about you"
        + (f". Why: {item['link_reason']}" if answered(item.get("link_reason", "")) else ".")
        for item in linked
    )
    return Part(
        "Linking", text=text, gap=f"Say why {', '.join(missing)} is linked." if missing else ""
    )


@dataclass(frozen=True)
class NoticeSection:
    title: str
    parts: list[Part]


def service_user_notice(document: dict[str, Any]) -> list[NoticeSection]:
    """Return the plain-language notice: collection and use, access and corrections, choices."""
    return [
        NoticeSection(
            "Collection and use",
            [
                _what(document),
                _part(
                    document, "Why we need it", "purpose.statement", "Write the purpose statement."
                ),
                _part(
                    document, "How it will help", "purpose.benefit", "Say how this benefits people."
                ),
                _linked(document),
                _part(
                    document,
                    "What it will not be used for, and who will not see it",
                    "purpose.not_used_for",
                    "Say what it will not be used for and who will not see it.",
                ),
                _shared(document),
                _part(document, "The law that allows it", "purpose.legal_basis", "Name the law."),
            ],
        ),
        NoticeSection(
            "Seeing and correcting your information",
            [
                _part(
                    document,
                    "How to see it",
                    "access.access_process",
                    "Say how people ask to see their information.",
                ),
                _part(
                    document,
                    "How to correct it",
                    "access.correction_process",
                    "Say how people ask for a correction.",
                ),
                _part(
                    document,
                    "If we do not change it",
                    "access.refusal_process",
                    "Say what happens when a correction is not made.",
                ),
            ],
        ),
        NoticeSection(
            "Your choices",
            [
                _choice(document),
                _part(
                    document,
                    "How you can be involved",
                    "transparency.involvement_in_decisions",
                    "Say how people can be involved in decisions about their information.",
                ),
            ],
        ),
    ]


def gaps(parts: list[Part]) -> list[Part]:
    return [part for part in parts if part.gap]
