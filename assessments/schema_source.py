"""The interchange schema (a copy of shared/dpup/assessment.schema.json), read once.

Models, forms and the import all take their limits and patterns from it, so that they cannot
drift apart.
"""

import json
import re
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError

SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "assessment.schema.json"
SCHEMA: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))

REFERENCE_PATTERN: str = SCHEMA["properties"]["reference"]["pattern"]
REFERENCE_MAX_LENGTH: int = SCHEMA["properties"]["reference"]["maxLength"]
REFERENCE_RULE = (
    f"a reference is 1 to {REFERENCE_MAX_LENGTH} characters, only ASCII letters, digits and "
    ". _ / -, starting with a letter or digit (no spaces); for example DPUP-2026-0001"
)


def whole_text_pattern(pattern: str) -> str:
    """Return `pattern` with a final `$` meaning the end of the text, as in JSON Schema.

    JSON Schema patterns are ECMA-262 regular expressions, where `$` matches only at the end;
    Python's `$` also matches before a final newline, which would let "DPUP-1\\n" through.
    """
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        return pattern[:-1] + r"\Z"
    return pattern


_REFERENCE = re.compile(whole_text_pattern(REFERENCE_PATTERN))


def validate_reference(value: str) -> None:
    """Model and form validator for an organisation's reference."""
    if not _REFERENCE.match(value):
        raise ValidationError(
            REFERENCE_RULE[0].upper() + REFERENCE_RULE[1:] + ".", code="reference_pattern"
        )
