"""Answers as people read them, worded from the snapshot document (assessment.schema.json).

The detail page, the PDF record, the history's differences and the notices all word answers
here, from the same document, so they say the same words: labels and choice labels from the
questionnaire, Yes/No, the words for an unanswered question, dates as "14 March 2026".
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from assessments.models.fields import nfc
from assessments.questionnaire import (
    LIST_KINDS,
    NO,
    NOT_ANSWERED,
    NOT_DECIDED,
    SECTIONS,
    YES,
    Kind,
    Question,
    Section,
)


@dataclass(frozen=True)
class Answer:
    key: str
    label: str
    text: str
    answered: bool
    value: Any = None  # As stored, for a template that asks "is it ticked?"


def stored_value(obj: Mapping[str, Any] | None, question: Question) -> Any:
    """Return the question's value in `obj` in NFC, or the value it starts with when absent."""
    if obj is not None and question.key in obj:
        return nfc(obj[question.key])
    return question.initial


def section_object(document: Mapping[str, Any], section: Section) -> Mapping[str, Any] | None:
    """Return the part of the document a (not repeating) section's answers are in."""
    return document if not section.key else document.get(section.key)


def words(value: Any, question: Question) -> str:
    """Return a value as a person reads it: Yes/No, choice labels, lists joined with commas."""
    if value is None:
        return NOT_DECIDED
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, list):
        return ", ".join(question.choice_label(str(v)) for v in value) or NOT_ANSWERED
    if value == "":
        return NOT_ANSWERED
    if question.kind is Kind.DATE:
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return str(value)
        return f"{day.day} {day:%B %Y}"
    return question.choice_label(str(value))


def is_answered(value: Any) -> bool:
    return value not in ("", [], None)


def answer(obj: Mapping[str, Any] | None, section: Section, question: Question) -> Answer:
    value = stored_value(obj, question)
    return Answer(
        section.column(question), question.label, words(value, question), is_answered(value)
    )


class Row(dict[str, Answer]):
    """One row's answers by question key, in the questionnaire's order."""

    @property
    def answers(self) -> list[Answer]:
        return list(self.values())


def row_answers(row: Mapping[str, Any], section: Section) -> Row:
    return Row((question.key, answer(row, section, question)) for question in section.questions)


@dataclass(frozen=True)
class SectionAnswers:
    """A section with its answers, or, for a repeating section, its rows of answers."""

    section: Section
    answers: list[Answer]
    rows: list[Row]


def section_answers(document: Mapping[str, Any], section: Section) -> SectionAnswers:
    if section.repeating:
        rows = [row_answers(row, section) for row in document.get(section.key) or []]
        return SectionAnswers(section, [], rows)
    obj = section_object(document, section)
    return SectionAnswers(section, [answer(obj, section, q) for q in section.questions], [])


def document_answers(document: Mapping[str, Any]) -> list[SectionAnswers]:
    """Return every section of the questionnaire with its answers from `document`."""
    return [section_answers(document, section) for section in SECTIONS]


def same(old: Any, new: Any, question: Question) -> bool:
    """Say whether two values are the same answer (a set of choices or lines has no order)."""
    if question.kind in LIST_KINDS and isinstance(old, list) and isinstance(new, list):
        return sorted(map(str, old)) == sorted(map(str, new))
    return bool(old == new)
