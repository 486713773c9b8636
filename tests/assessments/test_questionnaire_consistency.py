"""The consistency check: the questionnaire, the model, the schema and the Snapshot agree, and
taking a question out of any one of them makes `manage.py check` fail, naming the question."""

import copy
import dataclasses
from typing import Any

import pytest
from django.core import checks
from django.db import models

from assessments import questionnaire
from assessments.checks import real_places
from assessments.consistency import questionnaire_problems
from assessments.questionnaire import SECTIONS, Question, Section

QUESTIONS = [(s, q) for s in SECTIONS for q in s.questions]
IDS = [f"{s.key or 'top'}.{q.key}" for s, q in QUESTIONS]


def _path(section: Section, question: Question) -> str:
    return f"{section.key}.{question.key}" if section.key else question.key


def _schema_props(schema: dict[str, Any], section: Section) -> dict[str, Any]:
    if not section.key:
        return schema
    prop = schema[section.key]
    return (prop["items"] if section.repeating else prop)["properties"]


def test_the_real_questionnaire_model_schema_and_snapshot_agree() -> None:
    assert questionnaire_problems(SECTIONS, real_places()) == []
    assert [m for m in checks.run_checks() if m.id == "dpup.E010"] == []


@pytest.mark.parametrize(("section", "question"), QUESTIONS, ids=IDS)
def test_a_question_without_a_model_column_fails(section: Section, question: Question) -> None:
    places = real_places()
    columns = {key: dict(fields) for key, fields in places.columns.items()}
    del columns[section.key][section.column(question)]

    problems = questionnaire_problems(SECTIONS, dataclasses.replace(places, columns=columns))

    assert problems == [
        f"“{section.title} › {question.label}” ({_path(section, question)}) has no model "
        f"column {section.column(question)}."
    ]


@pytest.mark.parametrize(("section", "question"), QUESTIONS, ids=IDS)
def test_a_question_not_in_the_schema_fails(section: Section, question: Question) -> None:
    places = real_places()
    schema = copy.deepcopy(dict(places.schema))
    del _schema_props(schema, section)[question.key]

    problems = questionnaire_problems(SECTIONS, dataclasses.replace(places, schema=schema))

    assert problems == [
        f"“{section.title} › {question.label}” ({_path(section, question)}) is not in the schema."
    ]


@pytest.mark.parametrize(("section", "question"), QUESTIONS, ids=IDS)
def test_a_question_the_snapshot_lacks_fails(section: Section, question: Question) -> None:
    places = real_places()
    snapshot = dict(places.snapshot)
    snapshot[section.key] = snapshot[section.key] - {question.key}

    problems = questionnaire_problems(SECTIONS, dataclasses.replace(places, snapshot=snapshot))

    assert problems == [
        f"“{section.title} › {question.label}” ({_path(section, question)}) has no attribute "
        "in principles.snapshot."
    ]


@pytest.mark.parametrize(("section", "question"), QUESTIONS, ids=IDS)
def test_a_schema_property_that_is_no_question_fails(section: Section, question: Question) -> None:
    without = dataclasses.replace(
        section, questions=tuple(q for q in section.questions if q is not question)
    )
    sections = [without if s is section else s for s in SECTIONS]

    problems = questionnaire_problems(sections, real_places())

    if section.key:
        assert problems == [
            f"Schema property {section.key}.{question.key} is not a question of “{section.title}”."
        ]
    else:
        assert problems == [f"Schema property {question.key} is not a question nor a section."]


def test_a_model_column_with_another_limit_fails() -> None:
    places = real_places()
    columns = {key: dict(fields) for key, fields in places.columns.items()}
    columns["stewardship"]["stewardship_disposal"] = models.TextField(max_length=4000)

    problems = questionnaire_problems(SECTIONS, dataclasses.replace(places, columns=columns))

    assert problems == [
        "“Stewardship › Disposal” (stewardship.disposal): model column stewardship_disposal "
        "takes 4000 characters, the question 5000."
    ]


def test_a_schema_property_with_another_enum_or_default_fails() -> None:
    places = real_places()
    schema = copy.deepcopy(dict(places.schema))
    schema["data_items"]["items"]["properties"]["form"]["default"] = "qualitative"
    schema["consultations"]["items"]["properties"]["depth"]["enum"].remove("check")

    problems = questionnaire_problems(SECTIONS, dataclasses.replace(places, schema=schema))

    assert problems == [
        "“Data items › Form” (data_items.form): the schema's property has default "
        "'qualitative', the question 'quantitative'.",
        "“Who was involved › Depth” (consultations.depth): the schema's property has enum "
        "['review', 'co_design'], the question ['check', 'review', 'co_design'].",
    ]


def test_risks_and_screening_are_exempt_only_by_name_as_not_stored_yet() -> None:
    places = real_places()
    assert set(places.pending) == {"risks", "screening"}

    problems = questionnaire_problems(SECTIONS, dataclasses.replace(places, pending={}))

    assert problems == [
        "Schema property screening is not a question nor a section.",
        "Schema property risks is not a question nor a section.",
    ]


def test_the_system_check_reports_each_problem_as_an_error(monkeypatch) -> None:
    stewardship = questionnaire.SECTION_BY_KEY["stewardship"]
    extra = Question("review_notes", "Review notes", questionnaire.Kind.LONG_TEXT, limit=2000)
    patched = dataclasses.replace(stewardship, questions=(*stewardship.questions, extra))
    monkeypatch.setattr(
        questionnaire, "SECTIONS", tuple(patched if s is stewardship else s for s in SECTIONS)
    )

    errors = [m for m in checks.run_checks() if m.id == "dpup.E010"]

    assert [(e.level, e.msg) for e in errors] == [
        (checks.ERROR, f"“Stewardship › Review notes” (stewardship.review_notes) {why}")
        for why in (
            "has no model column stewardship_review_notes.",
            "is not in the schema.",
            "has no attribute in principles.snapshot.",
        )
    ]


def test_rows_inside_rows_are_named_until_the_check_knows_them() -> None:
    # The risk register (risks -> mitigations) will be a question of kind ROWS; the check must
    # be taught it rather than wave it through.
    mitigations = Section(
        "mitigations",
        "Mitigations",
        "",
        (Question("action", "Action", questionnaire.Kind.LONG_TEXT, limit=2000),),
        repeating=True,
    )
    consultations = questionnaire.SECTION_BY_KEY["consultations"]
    nested = Question("mitigations", "Mitigations", questionnaire.Kind.ROWS, rows=mitigations)
    patched = dataclasses.replace(consultations, questions=(*consultations.questions, nested))
    sections = [patched if s is consultations else s for s in SECTIONS]

    problems = questionnaire_problems(sections, real_places())

    assert problems == [
        "“Who was involved › Mitigations” (consultations.mitigations): rows inside rows are not "
        "checked yet; extend this check."
    ]
