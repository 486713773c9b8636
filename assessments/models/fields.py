"""Model fields that keep text in Unicode NFC, so that a macron typed as a combining character
compares, searches and hashes the same as a precomposed one (ā == a + U+0304).

They also refuse, on every save and in full_clean, text the product will not hold: bidirectional
control characters (which make text display in an order other than the one stored) and, for
text fields, more characters than their limit (a TextField's max_length is otherwise only a hint
to forms).
"""

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from django.core import validators
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property

# U+202A-U+202E (embeddings and overrides) and U+2066-U+2069 (isolates).
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
BIDI_NAMES = {
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
}


def nfc(value: Any) -> Any:
    """Return `value` with every string in it (at any depth of lists and dicts) in NFC."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(item) for item in value]
    if isinstance(value, dict):
        return {nfc(key): nfc(item) for key, item in value.items()}
    return value


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)


def bidi_problem(text: str) -> str | None:
    """Say what is wrong when `text` holds a bidirectional control character, else None."""
    match = BIDI_CONTROLS.search(text)
    if match is None:
        return None
    char = match.group()
    return (
        f"contains the invisible character U+{ord(char):04X} ({BIDI_NAMES[char]}), which "
        "makes text display in a different order from how it is stored; remove it"
    )


def free_text_problem(label: str, text: str, limit: int) -> str | None:
    """Say what is wrong with `text` typed as `label` (too long, bidi controls), else None."""
    if len(text) > limit:
        return (
            f"{label} is {len(text):,} characters long; the limit is {limit:,}. Shorten it, "
            "then try again."
        )
    if problem := bidi_problem(text):
        return f"{label} {problem}."
    return None


def refuse_bidi_controls(value: Any) -> None:
    """Validator: refuse bidirectional control characters in text, or in any string of JSON."""
    for text in _strings(value):
        if problem := bidi_problem(text):
            raise ValidationError(f"This text {problem}.", code="bidi_control")


class _NFCMixin:
    """Normalise on the way in to the database and on the instance itself when saved.

    get_prep_value also covers lookups, so a search typed with combining marks still matches.
    pre_save runs the field's validators, so that no save (bulk_create included) stores text
    past its limit or with bidirectional controls, whether or not full_clean was called.
    """

    attname: str
    default_validators: list[Any] = [refuse_bidi_controls]

    def get_prep_value(self, value: Any) -> Any:
        return super().get_prep_value(nfc(value))  # type: ignore[misc]

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = nfc(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        if value not in validators.EMPTY_VALUES:
            try:
                self.run_validators(value)  # type: ignore[attr-defined]
            except ValidationError as error:
                raise ValidationError({self.attname: error.messages}) from None
        return value


class NFCCharField(_NFCMixin, models.CharField):
    pass


class NFCTextField(_NFCMixin, models.TextField):
    @cached_property
    def validators(self) -> list[Any]:
        # TextField leaves max_length to forms; the model keeps it too.
        found = list(super().validators)
        if self.max_length is not None:
            found.append(validators.MaxLengthValidator(self.max_length))
        return found


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
