"""Read interchange files and check them against the project's copy of the schema.

Every problem is reported at once, each named by its JSON path and said in plain words, so that
someone fixing a file by hand can fix all of it in one pass.
"""

import difflib
import json
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from jsonschema import Draft202012Validator, ValidationError

from assessments.models.fields import nfc

SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "assessment.schema.json"
SCHEMA: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
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

# Without a format checker jsonschema treats "format": "date" as a comment.
_VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)

WRAPPER_KEY = "assessments"
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# The database refuses NUL (PostgreSQL) and lone surrogates (UTF-8), though JSON allows both.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
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
    SCHEMA["properties"]["reference"]["pattern"]: "a reference is 1 to 64 characters, only ASCII "
    "letters, digits and . _ / -, starting with a letter or digit (no spaces); for example "
    "DPUP-2026-0001",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document: where (a JSON path) and what to do about it."""

    path: str
    message: str
    file: str = ""

    def __str__(self) -> str:
        where = f"{self.file}: {self.path}" if self.file else self.path
        return f"{where}: {self.message}"


class InvalidDocument(Exception):
    """A document, or a file of them, that cannot be imported as it stands."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


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


def _show(value: object, limit: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return _show(value)
    if isinstance(value, int | float):
        return f"the number {_show(value)}"
    if isinstance(value, str):
        return f"the string {_show(value)}"
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
            f"{_show(value)} is not a rule id; rule ids are two capital letters, a hyphen and "
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
                f'unknown field "{key}"; check its spelling{guess}. Allowed here: '
                + ", ".join(allowed),
            )
    elif kind == "required":
        for key in expected:
            if key in value:
                continue
            const = schema.get("properties", {}).get(key, {}).get("const")
            with_value = f" with the value {_show(const)}" if const is not None else ""
            yield [*parts, key], f'missing required field "{key}"; add it{with_value}'
    elif kind == "type":
        yield parts, _type_message(expected, value)
    elif kind == "enum":
        yield (
            parts,
            f"{_show(value)} is not one of the allowed values; use one of: "
            + ", ".join(str(option) for option in expected),
        )
    elif kind == "const":
        yield parts, f"must be {_show(expected)}, got {_show(value)}"
    elif kind == "maxLength":
        yield parts, f"too long: {len(value)} characters, the limit is {expected}; shorten it"
    elif kind == "minLength":
        yield parts, "must not be empty" if expected == 1 else f"shorter than {expected} characters"
    elif kind == "maxItems":
        yield parts, f"too many entries: {len(value)}, the limit is {expected}; remove some"
    elif kind == "uniqueItems":
        yield parts, f"{_show(_first_repeated(value))} is listed more than once; give it once"
    elif kind == "format" and expected == "date":
        yield parts, f"{_show(value)} is not a date; write it as YYYY-MM-DD, such as 2025-03-31"
    elif kind == "pattern":
        yield parts, f"{_show(value)} is not allowed here: {_PATTERN_WORDS.get(expected, expected)}"
    else:
        yield parts, error.message


def _unstorable(value: object, parts: list[Part]) -> Iterator[tuple[list[Part], str]]:
    """Find text the database cannot hold, in keys and values at any depth."""
    if isinstance(value, str):
        if match := _UNSTORABLE.search(value):
            code = f"\\u{ord(match.group()):04x}"
            yield parts, f"contains the character {code}, which cannot be stored; remove it"
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _unstorable(item, [*parts, index])
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and _UNSTORABLE.search(key):
                yield [*parts, key], "this key contains a character that cannot be stored"
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


def validate(doc: object, *, root: str = "$") -> list[Problem]:
    """Return every problem with one assessment object, in document order; [] when valid."""
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


def _locate(data: object, file: str) -> tuple[list[Document], list[Problem]]:
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
        if isinstance(items, list):
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
        problems += validate(document.data, root=document.root)
    return documents, [replace(problem, file=file) for problem in problems]


def located_documents(data: object, *, file: str = "") -> list[Document]:
    """Return the assessments in parsed JSON, one object or {"assessments": [...]}.

    Raise InvalidDocument with every problem of every assessment in it.
    """
    documents, problems = _locate(data, file)
    if problems:
        raise InvalidDocument(problems)
    return documents


def documents_from_data(data: object) -> list[dict[str, Any]]:
    """Return the assessment objects in parsed JSON, or raise InvalidDocument."""
    return [document.data for document in located_documents(data)]


class _Object(dict[str, Any]):
    """A parsed JSON object that remembers keys given more than once."""

    repeated: list[str]


def _pairs_to_object(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object(pairs)
    counts = Counter(key for key, _ in pairs)
    obj.repeated = [key for key in obj if counts[key] > 1]
    return obj


def _plain(value: Any, parts: list[Part], problems: list[Problem]) -> Any:
    """Return `value` with plain dicts, reporting keys that were given twice."""
    if isinstance(value, list):
        return [_plain(item, [*parts, index], problems) for index, item in enumerate(value)]
    if isinstance(value, _Object):
        problems += [
            Problem(
                json_path([*parts, key]),
                f'"{key}" is given more than once in this object; keep only one '
                "(JSON readers silently keep the last)",
            )
            for key in value.repeated
        ]
        return {key: _plain(item, [*parts, key], problems) for key, item in value.items()}
    return value


def read_documents(raw: bytes | str, *, file: str = "") -> list[Document]:
    """Parse a file's contents (UTF-8 when bytes) and return its assessments.

    Raise InvalidDocument naming every problem: bad encoding or JSON syntax (at $, with line and
    column), keys given twice, and everything the schema refuses.
    """
    text = raw
    if isinstance(raw, bytes):
        try:
            # A byte-order mark is harmless; some Windows editors add one.
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            message = (
                f"the file is not UTF-8 text: byte 0x{raw[error.start]:02x} on line {line} "
                "cannot be read; save the file as UTF-8"
            )
            raise InvalidDocument([Problem("$", message, file)]) from error
    try:
        parsed = json.loads(text, object_pairs_hook=_pairs_to_object)
    except json.JSONDecodeError as error:
        message = (
            f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}; "
            "fix the syntax there (a missing comma or quote is the usual cause)"
        )
        raise InvalidDocument([Problem("$", message, file)]) from error
    repeated: list[Problem] = []
    documents, problems = _locate(_plain(parsed, [], repeated), file)
    problems = [replace(problem, file=file) for problem in repeated] + problems
    if problems:
        raise InvalidDocument(problems)
    return documents


def load_documents(source: IO[bytes] | IO[str] | bytes | str) -> list[dict[str, Any]]:
    """Read a file (or its contents) and return its assessment objects, or raise InvalidDocument."""
    raw = source if isinstance(source, bytes | str) else source.read()
    return [document.data for document in read_documents(raw)]
