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
