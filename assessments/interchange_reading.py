"""Read interchange files: bytes to assessment objects, refusing early what cannot be held.

Before the JSON parser sees a file, its nesting is measured (a file nested thousands deep would
exhaust the parser's recursion); while parsing, numbers out of range, NaN and keys given twice
are noted and then named by their JSON path, beside every problem the schema finds.
"""

import json
import math
import re
from dataclasses import dataclass, field, replace
from typing import IO, Any

from assessments.interchange_validation import (
    MAX_DEPTH,
    Document,
    InvalidDocument,
    Part,
    Problem,
    json_path,
    locate,
    show,
    text_is_clean,
)

# JSON numbers the product can hold: the schema has none, and beyond 2**53 readers disagree.
LARGEST_NUMBER = 2**53 - 1


class _Object(dict[str, Any]):
    """A parsed JSON object that remembers keys given more than once."""

    repeated: list[str]


@dataclass(frozen=True)
class _Refused:
    """A JSON value the product cannot hold, kept to be named by its path."""

    message: str


def _number_words(text: str) -> str:
    shown = text if len(text) <= 20 else f"{text[:12]}… ({len(text):,} characters)"
    return (
        f"the number {shown} is out of range; no field takes a number, and numbers are "
        f"held only between -{LARGEST_NUMBER:,} and {LARGEST_NUMBER:,}"
    )


@dataclass
class _Parser:
    """json.loads with hooks that note, rather than fail on, what the product refuses."""

    irregular: bool = False
    seen: list[object] = field(default_factory=list)

    def pairs(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) == len(pairs):
            return obj
        self.irregular = True
        marked = _Object(pairs)
        counts: dict[str, int] = {}
        for key, _ in pairs:
            counts[key] = counts.get(key, 0) + 1
        marked.repeated = [key for key in marked if counts[key] > 1]
        return marked

    def integer(self, text: str) -> object:
        # Python refuses to read integers past 4,300 digits, with an error; refuse far sooner.
        digits = text.lstrip("-")
        if len(digits) <= 16 and int(text) <= LARGEST_NUMBER and -int(text) <= LARGEST_NUMBER:
            return int(text)
        return self._refuse(_number_words(text))

    def real(self, text: str) -> object:
        value = float(text)
        if math.isfinite(value) and abs(value) <= LARGEST_NUMBER:
            return value
        return self._refuse(_number_words(text))

    def constant(self, text: str) -> object:
        return self._refuse(f"{text} is not JSON (Python writes it, JSON has no such value)")

    def _refuse(self, message: str) -> _Refused:
        self.irregular = True
        return _Refused(message)

    def loads(self, text: str) -> Any:
        return json.loads(
            text,
            object_pairs_hook=self.pairs,
            parse_int=self.integer,
            parse_float=self.real,
            parse_constant=self.constant,
        )


def _plain(value: Any, parts: list[Part], problems: list[Problem]) -> Any:
    """Return `value` with plain dicts, reporting keys given twice and refused values."""
    if isinstance(value, list):
        return [_plain(item, [*parts, index], problems) for index, item in enumerate(value)]
    if isinstance(value, _Refused):
        problems.append(Problem(json_path(parts), value.message))
        return None
    if isinstance(value, dict):
        problems += [
            Problem(
                json_path([*parts, key]),
                f"{show(key)} is given more than once in this object; keep only one "
                "(JSON readers silently keep the last)",
            )
            for key in getattr(value, "repeated", ())
        ]
        return {key: _plain(item, [*parts, key], problems) for key, item in value.items()}
    return value


_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{},]')


def _too_deep(text: str) -> str | None:
    """Return the JSON path of the first object or list nested past MAX_DEPTH, else None.

    Scanned before parsing, so that a file nested thousands deep never reaches the parser's
    (or the validator's) recursion.
    """
    brackets = re.sub(r'"(?:[^"\\]|\\.)*"', "", text)
    depth = deepest = 0
    for char in re.findall(r"[\[\]{}]", brackets):
        depth += 1 if char in "[{" else -1
        deepest = max(deepest, depth)
    if deepest <= MAX_DEPTH:
        return None
    # Walk again, keeping the path: for each open container, its current key or index.
    stack: list[list[Any]] = []
    for match in _TOKENS.finditer(text):
        piece = match.group()
        if piece in "[{":
            if len(stack) == MAX_DEPTH:
                return json_path([frame[1] for frame in stack])
            stack.append([piece, 0 if piece == "[" else "", piece == "{"])
        elif piece in "]}":
            if stack:
                stack.pop()
        elif piece == ",":
            if stack and stack[-1][0] == "[":
                stack[-1][1] += 1
            elif stack:
                stack[-1][2] = True
        elif stack and stack[-1][0] == "{" and stack[-1][2]:
            try:
                stack[-1][1] = json.loads(piece)
            except ValueError:
                stack[-1][1] = piece.strip('"')
            stack[-1][2] = False
    return "$"


def read_documents(raw: bytes | str, *, file: str = "") -> list[Document]:
    """Parse a file's contents (UTF-8 when bytes) and return its assessments.

    Raise InvalidDocument naming every problem: bad encoding or JSON syntax (at $, with line and
    column), nesting deeper than the schema allows, numbers out of range, keys given twice, and
    everything the schema refuses.
    """
    if isinstance(raw, str):
        text = raw
    else:
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
    if (deep := _too_deep(text)) is not None:
        message = (
            f"nested too deeply: an assessment file goes at most {MAX_DEPTH} objects and lists "
            "deep, and this one goes further here; check the brackets"
        )
        raise InvalidDocument([Problem(deep, message, file)])
    parser = _Parser()
    try:
        parsed = parser.loads(text)
    except json.JSONDecodeError as error:
        message = (
            f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}; "
            "fix the syntax there (a missing comma or quote is the usual cause)"
        )
        raise InvalidDocument([Problem("$", message, file)]) from error
    irregular: list[Problem] = []
    if parser.irregular:
        parsed = _plain(parsed, [], irregular)
    documents, problems = locate(parsed, file, clean_text=text_is_clean(text))
    # A refused value was replaced by null; what the schema says of that null adds nothing.
    named = {problem.path for problem in irregular}
    problems = [replace(problem, file=file) for problem in irregular] + [
        problem for problem in problems if problem.path not in named
    ]
    if problems:
        raise InvalidDocument(problems)
    return documents


def load_documents(source: IO[bytes] | IO[str] | bytes | str) -> list[dict[str, Any]]:
    """Read a file (or its contents) and return its assessment objects, or raise InvalidDocument."""
    raw = source if isinstance(source, bytes | str) else source.read()
    return [document.data for document in read_documents(raw)]
