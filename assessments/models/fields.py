"""Model fields that keep text in Unicode NFC, so that a macron typed as a combining character
compares, searches and hashes the same as a precomposed one (ā == a + U+0304)."""

import unicodedata
from typing import Any

from django.db import models


def nfc(value: Any) -> Any:
    """Return `value` with every string in it (at any depth of lists and dicts) in NFC."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(item) for item in value]
    if isinstance(value, dict):
        return {nfc(key): nfc(item) for key, item in value.items()}
    return value


class _NFCMixin:
    """Normalise on the way in to the database and on the instance itself when saved.

    get_prep_value also covers lookups, so a search typed with combining marks still matches.
    """

    attname: str

    def get_prep_value(self, value: Any) -> Any:
        return super().get_prep_value(nfc(value))  # type: ignore[misc]

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = nfc(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


class NFCCharField(_NFCMixin, models.CharField):
    pass


class NFCTextField(_NFCMixin, models.TextField):
    pass


class NFCJSONField(_NFCMixin, models.JSONField):
    pass


def answer_field(section_key: str, question_key: str, *, max_length: int = 0) -> models.Field:
    """Return the model field that stores one question of the questionnaire.

    Its type, limit, choices, default, label and hint come from the question; only the width of
    a choice column (`max_length`, a storage matter) is given here.
    """
    from assessments.questionnaire import SECTION_BY_KEY, Kind

    q = SECTION_BY_KEY[section_key].question(question_key)
    words: dict[str, Any] = {"verbose_name": q.label, "help_text": q.hint}
    if q.kind is Kind.LONG_TEXT:
        return NFCTextField(max_length=q.limit, blank=True, **words)
    if q.kind is Kind.SHORT_TEXT:
        return NFCCharField(max_length=q.limit, blank=not q.required, **words)
    if q.kind is Kind.YES_NO:
        return models.BooleanField(default=False, **words)
    if q.kind is Kind.YES_NO_UNDECIDED:
        return models.BooleanField(null=True, blank=True, default=None, **words)
    if q.kind in (Kind.CHOICES, Kind.LINES):
        return NFCJSONField(default=list, blank=True, **words)
    if q.kind is Kind.DATE:
        return models.DateField(null=True, blank=True, **words)
    if q.required:
        return models.CharField(max_length=max_length, choices=q.choices, **words)
    if q.nullable:
        return models.CharField(  # noqa: DJ001 (null means "not answered yet")
            max_length=max_length, choices=q.choices, null=True, blank=True, default=None, **words
        )
    return models.CharField(max_length=max_length, choices=q.choices, default=q.default, **words)
