"""Read interchange files and check them against the project's copy of the schema.

Every problem is reported at once, each named by its JSON path and said in plain words, so that
someone fixing a file by hand can fix all of it in one pass.
"""

import difflib
import json
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator, ValidationError

from assessments.models.fields import BIDI_CONTROLS, bidi_problem, nfc
from assessments.schema_source import REFERENCE_RULE, SCHEMA, whole_text_pattern

SCHEMA_ID = "dpup-assessment/1"
# In the schema, but not stored yet: an import carrying them is refused rather than have them
# silently dropped, and exports leave them out.
NOT_STORED_YET: dict[str, str] = {
    "risks": "the risk register",
    "screening": "the screening",
}
STORED_PROPERTIES: dict[str, Any] = {
    key: prop for key, prop in SCHEMA["properties"].items() if key not in NOT_STORED_YET
}

WRAPPER_KEY = "assessments"
# A file holds at most this many assessments; more is refused before any is checked.
MAX_DOCUMENTS = 1000
# Problems shown at most; the rest are counted.
MAX_PROBLEMS_SHOWN = 100


def _whole_text_patterns(node: Any) -> Any:
    """Return the schema with each pattern anchored at the very end of the text."""
    if isinstance(node, dict):
        return {
            key: whole_text_pattern(value)
            if key == "pattern" and isinstance(value, str)
            else _whole_text_patterns(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_whole_text_patterns(item) for item in node]
    return node


def _depth(node: dict[str, Any]) -> int:
    """How many objects and lists deep a document valid against `node` can go."""
    inner = [
        *node.get("properties", {}).values(),
        *[
            node[key]
            for key in ("items", "additionalProperties")
            if isinstance(node.get(key), dict)
        ],
    ]
    containers = node.get("type") in ("object", "array") or "properties" in node
    return int(containers) + max((_depth(child) for child in inner), default=0)


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def _is_date(value: object) -> bool:
    """As jsonschema's format checker: a real date as YYYY-MM-DD (2025-02-30 is not one)."""
    if not isinstance(value, str):
        return True
    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


_SCHEMA_TO_CHECK = _whole_text_patterns(SCHEMA)
# Without a format checker jsonschema treats "format": "date" as a comment.
_VALIDATOR = Draft202012Validator(
    _SCHEMA_TO_CHECK, format_checker=Draft202012Validator.FORMAT_CHECKER
)
# Compiled once: a valid document is checked in microseconds; jsonschema is used only to name
# every problem of one that is not. fastjsonschema speaks draft 7, which has every keyword the
# schema uses.
_FAST_SCHEMA = {key: value for key, value in _SCHEMA_TO_CHECK.items() if key != "$schema"}
_fast_check: Callable[[object], object] = fastjsonschema.compile(
    _FAST_SCHEMA, formats={"date": _is_date}, use_default=False
)
# The wrapper {"assessments": [...]} adds an object and a list.
MAX_DEPTH = _depth(SCHEMA) + 2

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# The database refuses NUL (PostgreSQL) and lone surrogates (UTF-8), though JSON allows both.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# What a fast check of JSON text looks for: raw characters refused in text. (JSON writes NUL
# as the escape \u0000, looked for apart.)
_REFUSED_IN_TEXT = re.compile("[\x00\ud800-\udfff" + BIDI_CONTROLS.pattern.removeprefix("["))
_ESCAPED_NUL = "\\u0000"


def text_is_clean(text: str) -> bool:
    """True when JSON text holds no escapes and nothing refused, and is in NFC: then every
    string parsed from it is fine as it stands, and only the schema is left to check."""
    return (
        "\\u" not in text
        and _REFUSED_IN_TEXT.search(text) is None
        and unicodedata.is_normalized("NFC", text)
    )


_TYPE_NAMES = {
    "string": "a string (text in double quotes)",
    "boolean": "true or false",
    "null": "null",
    "object": "an object ({...})",
    "array": "a list ([...])",
    "integer": "a whole number",
    "number": "a number",
}

Part = str | int
# Regular expressions of the schema, said in words.
_PATTERN_WORDS = {
    _SCHEMA_TO_CHECK["properties"]["reference"]["pattern"]: REFERENCE_RULE,
}


def printable(text: str) -> str:
    """Return `text` with characters that cannot be shown or sent as UTF-8 written as escapes."""
    return _UNSTORABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document: where (a JSON path) and what to do about it."""

    path: str
    message: str
    file: str = ""

    def __post_init__(self) -> None:
        # A lone surrogate in a key or value must not make the page that names it fail.
        for name in ("path", "message", "file"):
            object.__setattr__(self, name, printable(getattr(self, name)))

    def __str__(self) -> str:
        where = f"{self.file}: {self.path}" if self.file else self.path
        return f"{where}: {self.message}"


class InvalidDocument(Exception):
    """A document, or a file of them, that cannot be imported as it stands."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.shown))

    @property
    def shown(self) -> list[Problem]:
        """The first problems, as many as are worth reading in one go."""
        return self.problems[:MAX_PROBLEMS_SHOWN]

    @property
    def more(self) -> int:
        """How many problems there are beyond those shown."""
        return max(0, len(self.problems) - MAX_PROBLEMS_SHOWN)

    def lines(self) -> list[str]:
        """The problems shown, one a line, and a count of the rest (for a terminal)."""
        rest = [f"... and {self.more} more problem(s) not listed."] if self.more else []
        return [str(problem) for problem in self.shown] + rest


@dataclass(frozen=True)
class Document:
    """One assessment object and where it was found, so that problems can name the place."""

    data: dict[str, Any]
    root: str = "$"
    file: str = ""


def json_path(parts: Sequence[Part], root: str = "$") -> str:
    """Return a JSON path such as $.data_items[2].retention or $.justifications["HT-04"]."""
    path = root
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        elif _IDENTIFIER.fullmatch(part):
            path += f".{part}"
        else:
            path += f"[{json.dumps(part, ensure_ascii=False)}]"
    return path


def show(value: object, limit: int = 60) -> str:
    text = printable(json.dumps(value, ensure_ascii=False))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return show(value)
    if isinstance(value, int | float):
        return f"the number {show(value)}"
    if isinstance(value, str):
        return f"the string {show(value)}"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _or_list(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _type_message(expected: str | list[str], value: object) -> str:
    names = [expected] if isinstance(expected, str) else expected
    if names == ["boolean", "null"]:
        wanted = "true, false or null"
    else:
        wanted = _or_list([_TYPE_NAMES.get(name, name) for name in names])
    return f"expected {wanted}, got {_describe(value)}"


def _first_repeated(items: list[Any]) -> object:
    seen: set[str] = set()
    for item in items:
        key = json.dumps(item, sort_keys=True)
        if key in seen:
            return item
        seen.add(key)
    return None


def _schema_messages(error: ValidationError) -> Iterator[tuple[list[Part], str]]:
    """Turn one jsonschema error into (path parts, plain message) pairs."""
    parts: list[Part] = list(error.absolute_path)
    value, expected, schema = error.instance, error.validator_value, error.schema
    kind = error.validator
    if "propertyNames" in error.absolute_schema_path:
        # jsonschema reports a bad key at its parent object; name the key itself.
        yield (
            [*parts, str(value)],
            f"{show(value)} is not a rule id; rule ids are two capital letters, a hyphen and "
            'two digits, such as "HT-04"',
        )
    elif kind == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        for key in value:
            if key in allowed:
                continue
            hint = difflib.get_close_matches(key, allowed, n=1)
            guess = f' (did you mean "{hint[0]}"?)' if hint else ""
            yield (
                [*parts, key],
                f"unknown field {show(key)}; check its spelling{guess}. Allowed here: "
                + ", ".join(allowed),
            )
    elif kind == "required":
        for key in expected:
            if key in value:
                continue
            const = schema.get("properties", {}).get(key, {}).get("const")
            with_value = f" with the value {show(const)}" if const is not None else ""
            yield [*parts, key], f'missing required field "{key}"; add it{with_value}'
    elif kind == "type":
        yield parts, _type_message(expected, value)
    elif kind == "enum":
        yield (
            parts,
            f"{show(value)} is not one of the allowed values; use one of: "
            + ", ".join(str(option) for option in expected),
        )
    elif kind == "const":
        yield parts, f"must be {show(expected)}, got {show(value)}"
    elif kind == "maxLength":
        yield parts, f"too long: {len(value)} characters, the limit is {expected}; shorten it"
    elif kind == "minLength":
        yield parts, "must not be empty" if expected == 1 else f"shorter than {expected} characters"
    elif kind == "maxItems":
        yield parts, f"too many entries: {len(value)}, the limit is {expected}; remove some"
    elif kind == "uniqueItems":
        yield parts, f"{show(_first_repeated(value))} is listed more than once; give it once"
    elif kind == "format" and expected == "date":
        yield parts, f"{show(value)} is not a date; write it as YYYY-MM-DD, such as 2025-03-31"
    elif kind == "pattern":
        yield parts, f"{show(value)} is not allowed here: {_PATTERN_WORDS.get(expected, expected)}"
    else:
        yield parts, error.message


def _text_problem(text: str) -> str | None:
    if match := _UNSTORABLE.search(text):
        code = f"\\u{ord(match.group()):04x}"
        return f"contains the character {code}, which cannot be stored; remove it"
    return bidi_problem(text)


def _unstorable(value: object, parts: list[Part]) -> Iterator[tuple[list[Part], str]]:
    """Find text the product will not hold, in keys and values at any depth."""
    if isinstance(value, str):
        if problem := _text_problem(value):
            yield parts, problem
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _unstorable(item, [*parts, index])
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and (problem := _text_problem(key)):
                yield [*parts, key], f"this key {problem}"
            yield from _unstorable(item, [*parts, key])


def _document_order(doc: object, parts: list[Part]) -> tuple[int, ...]:
    """Sort key that lists problems in the order their places appear in the document."""
    key: list[int] = []
    node = doc
    for part in parts:
        if isinstance(node, dict) and isinstance(part, str):
            names = list(node)
            key.append(names.index(part) if part in names else len(names))
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int):
            key.append(part)
            node = node[part] if part < len(node) else None
        else:
            key.append(0)
            node = None
    return tuple(key)


def _found(doc: object) -> list[tuple[list[Part], str]]:
    found = [pair for error in _VALIDATOR.iter_errors(doc) for pair in _schema_messages(error)]
    return found + list(_unstorable(doc, []))


def _passes(doc: object) -> bool:
    try:
        _fast_check(doc)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _quickly_valid(doc: object, clean_text: bool) -> bool:
    """True when `doc` is certainly valid, found without naming anything; False when unsure.

    One C-speed pass over the document as JSON text (unless the file's text was found clean)
    finds refused characters and text not in NFC (every string is NFC exactly when the whole
    text is: the quotes between them are starters).
    """
    if not _passes(doc):
        return False
    if clean_text:
        return True
    text = json.dumps(doc, ensure_ascii=False)
    if _ESCAPED_NUL in text or _REFUSED_IN_TEXT.search(text):
        return False
    return unicodedata.is_normalized("NFC", text) or _passes(nfc(doc))


def validate(doc: object, *, root: str = "$", clean_text: bool = False) -> list[Problem]:
    """Return every problem with one assessment object, in document order; [] when valid.

    `clean_text` says the document was parsed from text that text_is_clean() passed.
    """
    if _quickly_valid(doc, clean_text):
        return []
    found = _found(doc)
    normal = nfc(doc)
    if normal != doc:
        # Text is stored in NFC, which can change lengths and make two list entries equal; a
        # file must also be valid in the form it will be stored in.
        reported = {tuple(parts) for parts, _ in found}
        found += [
            (parts, f"{message} (after Unicode NFC normalisation, the form text is stored in)")
            for parts, message in _found(normal)
            if tuple(parts) not in reported
        ]
    unique = dict.fromkeys((tuple(parts), message) for parts, message in found)
    ordered = sorted(unique, key=lambda pair: _document_order(doc, list(pair[0])))
    return [Problem(json_path(parts, root), message) for parts, message in ordered]


def locate(
    data: object, file: str, *, clean_text: bool = False
) -> tuple[list[Document], list[Problem]]:
    problems: list[Problem] = []
    documents: list[Document] = []
    if isinstance(data, dict) and WRAPPER_KEY in data:
        problems += [
            Problem(
                json_path([key]),
                f'unknown field "{key}" beside "{WRAPPER_KEY}"; a file holds one assessment '
                f'object or {{"{WRAPPER_KEY}": [...]}} and nothing else, so remove it',
            )
            for key in data
            if key != WRAPPER_KEY
        ]
        items = data[WRAPPER_KEY]
        if isinstance(items, list) and len(items) > MAX_DOCUMENTS:
            problems.append(
                Problem(
                    json_path([WRAPPER_KEY]),
                    f"holds {len(items):,} assessments; a file holds at most {MAX_DOCUMENTS:,}, "
                    "so split it into several files",
                )
            )
        elif isinstance(items, list):
            documents = [
                Document(item, json_path([WRAPPER_KEY, index]), file)
                for index, item in enumerate(items)
            ]
        else:
            problems.append(Problem(json_path([WRAPPER_KEY]), _type_message("array", items)))
    elif isinstance(data, dict):
        documents = [Document(data, "$", file)]
    else:
        problems.append(
            Problem(
                "$",
                f'expected an assessment object or {{"{WRAPPER_KEY}": [...]}}, '
                f"got {_describe(data)}",
            )
        )
    for document in documents:
        problems += validate(document.data, root=document.root, clean_text=clean_text)
    return documents, [replace(problem, file=file) for problem in problems]


def located_documents(data: object, *, file: str = "") -> list[Document]:
    """Return the assessments in parsed JSON, one object or {"assessments": [...]}.

    Raise InvalidDocument with every problem of every assessment in it.
    """
    documents, problems = locate(data, file)
    if problems:
        raise InvalidDocument(problems)
    return documents


def documents_from_data(data: object) -> list[dict[str, Any]]:
    """Return the assessment objects in parsed JSON, or raise InvalidDocument."""
    return [document.data for document in located_documents(data)]
