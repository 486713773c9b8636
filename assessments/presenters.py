"""Answers as people read them: labels from the form, values as words."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import models

from assessments.forms import BENEFICIARY_CHOICES, AssessmentForm, DataItemForm
from assessments.sections import Section

NOT_ANSWERED = "Not answered"
BENEFICIARY_LABELS = dict(BENEFICIARY_CHOICES)


@dataclass(frozen=True)
class Answer:
    name: str
    label: str
    text: str
    answered: bool


def _words(instance: models.Model, name: str, value: Any) -> str:
    display = getattr(instance, f"get_{name}_display", None)
    if callable(display):
        return str(display())
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    if isinstance(value, list):
        if name == "purpose_beneficiaries":
            value = [BENEFICIARY_LABELS.get(v, v) for v in value]
        return ", ".join(str(v) for v in value)
    return str(value)


def _label(form_class: type[forms.ModelForm], name: str) -> str:
    return str(form_class.base_fields[name].label)


def _answers(
    instance: models.Model, form_class: type[forms.ModelForm], names: tuple[str, ...]
) -> list[Answer]:
    answers = []
    for name in names:
        value = getattr(instance, name)
        if value is None:
            text, answered = "Not decided yet", False
        elif value in ("", []):
            text, answered = NOT_ANSWERED, False
        else:
            text, answered = _words(instance, name, value), True
        answers.append(Answer(name, _label(form_class, name), text, answered))
    return answers


def section_answers(assessment: models.Model, section: Section) -> list[Answer]:
    return _answers(assessment, AssessmentForm, section.fields)


DATA_ITEM_FIELDS = tuple(DataItemForm.Meta.fields)


def data_item_answers(item: models.Model) -> list[Answer]:
    return _answers(item, DataItemForm, DATA_ITEM_FIELDS)
