"""Prove that the questionnaire, the model, the schema and the rules' Snapshot agree.

Every question must have a model column of the right type and limit, a schema property with the
same limit, enum and default, and an attribute on the rules' Snapshot; every schema property
must be a question, or be named below as something else. `questionnaire_problems` takes each of
the four as an argument so that a test can take a question out of one place at a time;
`assessments.checks` runs it on the real ones at every `manage.py check` and test run.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any, get_args, get_origin

from django.db import models

from assessments.questionnaire import Kind, Question, Section

# Top-level schema keys that name or carry the record rather than answer a question.
NOT_QUESTIONS: dict[str, str] = {
    "schema": "the name of the format",
    "reference": "the record's reference",
    "organisation": "the organisation that holds it",
    "justifications": "reasons given against findings, by rule",
}


@dataclass(frozen=True)
class Places:
    """Where the questions must be: fields by section key, schema properties, Snapshot names."""

    columns: Mapping[str, Mapping[str, models.Field]]  # section key -> column name -> field
    schema: Mapping[str, Any]  # the schema's top-level "properties"
    snapshot: Mapping[str, frozenset[str]]  # section key -> attribute names of its record
    pending: Mapping[str, str]  # schema keys not stored yet, and what they are


def model_columns(model: type[models.Model]) -> dict[str, models.Field]:
    return {f.name: f for f in model._meta.get_fields() if isinstance(f, models.Field)}


def snapshot_names(snapshot: type, sections: Iterable[Section]) -> dict[str, frozenset[str]]:
    """Return the attribute names of the Snapshot record each section is read into."""
    types = {f.name: f.type for f in fields(snapshot)}
    names = {}
    for section in sections:
        record = snapshot if not section.key else types.get(section.key)
        if get_origin(record) is tuple:  # tuple[DataItem, ...]: the record of one row
            record = get_args(record)[0]
        names[section.key] = (
            frozenset(f.name for f in fields(record)) if isinstance(record, type) else frozenset()
        )
    return names


def _name(section: Section, question: Question) -> str:
    path = f"{section.key}.{question.key}" if section.key else question.key
    return f"“{section.title} › {question.label}” ({path})"


def _column_problem(question: Question, field: models.Field) -> str:
    kind = question.kind
    expected: dict[Kind, type[models.Field]] = {
        Kind.LONG_TEXT: models.TextField,
        Kind.SHORT_TEXT: models.CharField,
        Kind.YES_NO: models.BooleanField,
        Kind.YES_NO_UNDECIDED: models.BooleanField,
        Kind.CHOICE: models.CharField,
        Kind.CHOICES: models.JSONField,
        Kind.LINES: models.JSONField,
        Kind.DATE: models.DateField,
    }
    if not isinstance(field, expected[kind]):
        return f"is a {type(field).__name__}, not a {expected[kind].__name__}"
    if kind in (Kind.LONG_TEXT, Kind.SHORT_TEXT) and field.max_length != question.limit:
        return f"takes {field.max_length} characters, the question {question.limit}"
    if kind is Kind.SHORT_TEXT and field.choices:
        return "has choices, but the question is free text"
    if kind is Kind.CHOICE and list(field.choices or []) != list(question.choices):
        return "has other choices than the question"
    if kind in (Kind.YES_NO_UNDECIDED, Kind.CHOICE) and field.null != (
        kind is Kind.YES_NO_UNDECIDED or question.nullable
    ):
        return "differs from the question on whether it may be left undecided (null)"
    if question.default is not None and field.default != question.default:
        return f"starts as {field.default!r}, the question as {question.default!r}"
    return ""


def _schema_problem(question: Question, prop: Mapping[str, Any]) -> str:
    kind = question.kind
    values = [value for value, _ in question.choices]
    want: dict[str, Any] = {}
    if kind in (Kind.LONG_TEXT, Kind.SHORT_TEXT):
        want = {"type": "string", "maxLength": question.limit, "format": None, "enum": None}
    elif kind is Kind.YES_NO:
        want = {"type": "boolean", "default": False}
    elif kind is Kind.YES_NO_UNDECIDED:
        want = {"type": ["boolean", "null"], "default": None}
    elif kind is Kind.CHOICE:
        want = {"enum": values + [None] if question.nullable else values}
        if question.nullable or question.default is not None:
            want["default"] = question.default
    elif kind is Kind.CHOICES:
        want = {"type": "array", "items": {"enum": values}}
    elif kind is Kind.LINES:
        want = {"type": "array", "maxItems": question.limit}
        if (prop.get("items") or {}).get("maxLength") != question.line_limit:
            return f"takes lines of another length than {question.line_limit} characters"
    elif kind is Kind.DATE:
        want = {"type": "string", "format": "date"}
    for key, value in want.items():
        if prop.get(key) != value:
            return f"has {key} {prop.get(key)!r}, the question {value!r}"
    if kind is Kind.CHOICE and not question.nullable and question.default is None:
        if "default" in prop:
            return f"has default {prop['default']!r}, the question none"
    return ""


def _schema_properties(places: Places, section: Section) -> Mapping[str, Any] | None:
    if not section.key:
        return places.schema
    prop = places.schema.get(section.key)
    if prop is None:
        return None
    return (prop.get("items", {}) if section.repeating else prop).get("properties", {})


def questionnaire_problems(sections: Iterable[Section], places: Places) -> list[str]:
    """Return one sentence per disagreement, each naming the question or schema property."""
    sections = list(sections)
    problems = []
    for section in sections:
        columns = places.columns.get(section.key, {})
        props = _schema_properties(places, section)
        if props is None:
            problems.append(f"Section “{section.title}” ({section.key}) is not in the schema.")
            props = {}
        for question in section.questions:
            name = _name(section, question)
            if question.kind is Kind.ROWS:
                # Rows inside rows (the risk register, issue 14) are stored in a model of their
                # own; say so rather than pass them unchecked.
                problems.append(f"{name}: rows inside rows are not checked yet; extend this check.")
                continue
            field = columns.get(section.column(question))
            if field is None:
                problems.append(f"{name} has no model column {section.column(question)}.")
            elif why := _column_problem(question, field):
                problems.append(f"{name}: model column {section.column(question)} {why}.")
            if question.key not in props:
                problems.append(f"{name} is not in the schema.")
            elif why := _schema_problem(question, props[question.key]):
                problems.append(f"{name}: the schema's property {why}.")
            if question.key not in places.snapshot.get(section.key, frozenset()):
                problems.append(f"{name} has no attribute in principles.snapshot.")
    problems += _unasked(sections, places)
    return problems


def _unasked(sections: list[Section], places: Places) -> list[str]:
    """Name every schema property that is not a question, unless it is known to be other."""
    by_key = {section.key: section for section in sections}
    top = {q.key for q in by_key[""].questions} if "" in by_key else set()
    problems = []
    for key, prop in places.schema.items():
        if key in NOT_QUESTIONS or key in places.pending or key in top:
            continue
        section = by_key.get(key)
        if section is None:
            problems.append(f"Schema property {key} is not a question nor a section.")
            continue
        props = (prop.get("items", {}) if section.repeating else prop).get("properties", {})
        asked = {question.key for question in section.questions}
        problems += [
            f"Schema property {key}.{sub} is not a question of “{section.title}”."
            for sub in props
            if sub not in asked
        ]
    return problems
