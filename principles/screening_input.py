"""Read screenings from JSON, naming every problem by its JSON path.

Accepts one screening object (`{"answers": {...}}`, optionally with `version` and `date` as in the
interchange format's `screening`) or `{"screenings": [...]}` of them (SCREENING.md). Without
Django, so the command line, an import and a page can share it.
"""

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date as _date

from principles.screening import QUESTION_BY_ID, Answer, Screening

WRAPPER_KEY = "screenings"
SCREENING_KEYS = ("answers", "version", "date")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_VERSION_MAX_LENGTH = 20


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a screening: where (a JSON path) and what to do about it."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class InvalidScreening(ValueError):
    """Screenings that cannot be read as they stand; `problems` names every one."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def _path(root: str, *parts: str | int) -> str:
    # The same shape as the interchange format's paths: $.screenings[0].answers["SQ-01"].
    path = root
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        elif _IDENTIFIER.fullmatch(part):
            path += f".{part}"
        else:
            path += f"[{json.dumps(part, ensure_ascii=False)}]"
    return path


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f'the text "{value[:40]}"'
    if isinstance(value, list):
        return "a list"
    return "an object"


def _answer_problems(answers: object, root: str) -> list[Problem]:
    where = _path(root, "answers")
    if not isinstance(answers, dict):
        return [Problem(where, f"expected an object of answers, got {_kind(answers)}")]
    problems = []
    for qid, value in answers.items():
        place = _path(where, qid)
        if qid not in QUESTION_BY_ID:
            problems.append(
                Problem(
                    place,
                    f'unknown question id "{qid}"; the questions are SQ-01 to SQ-12, written '
                    "with a capital SQ, a hyphen and two digits",
                )
            )
        elif value not in tuple(Answer):
            problems.append(
                Problem(
                    place,
                    f"{_kind(value)} is not an answer; answer yes, no or unsure (in lower "
                    "case), or leave the question out to count it as unsure",
                )
            )
    return problems


def _screening_problems(obj: object, root: str) -> list[Problem]:
    if not isinstance(obj, dict):
        wanted = 'a screening object {"answers": {...}}'
        return [Problem(root, f"expected {wanted}, got {_kind(obj)}")]
    problems = [
        Problem(
            _path(root, key),
            f'unknown field "{key}"; a screening holds only {", ".join(SCREENING_KEYS)}',
        )
        for key in obj
        if key not in SCREENING_KEYS
    ]
    if "answers" not in obj:
        problems.append(Problem(_path(root, "answers"), 'missing required field "answers"; add it'))
    else:
        problems += _answer_problems(obj["answers"], root)
    version = obj.get("version", "")
    if not isinstance(version, str) or len(version) > _VERSION_MAX_LENGTH:
        problems.append(
            Problem(_path(root, "version"), 'expected a version such as "2026.1" (text)')
        )
    date = obj.get("date", "")
    if not isinstance(date, str) or (date and not _is_date(date)):
        problems.append(
            Problem(_path(root, "date"), "expected a date written YYYY-MM-DD, such as 2026-03-31")
        )
    return problems


def _is_date(text: str) -> bool:
    try:
        _date.fromisoformat(text)
    except ValueError:
        return False
    # fromisoformat also takes "20260331"; the interchange format's dates are YYYY-MM-DD.
    return len(text) == len("YYYY-MM-DD")


def parse_screenings(data: object) -> list[Screening]:
    """Return the screenings in parsed JSON: one object or {"screenings": [...]}.

    Raise InvalidScreening naming every problem by its JSON path.
    """
    if isinstance(data, dict) and WRAPPER_KEY in data:
        problems = [
            Problem(
                _path("$", key),
                f'unknown field "{key}" beside "{WRAPPER_KEY}"; a file holds one screening or '
                f'{{"{WRAPPER_KEY}": [...]}} and nothing else, so remove it',
            )
            for key in data
            if key != WRAPPER_KEY
        ]
        items = data[WRAPPER_KEY]
        if not isinstance(items, list):
            where = _path("$", WRAPPER_KEY)
            problems.append(Problem(where, f"expected a list of screenings, got {_kind(items)}"))
            raise InvalidScreening(problems)
        for index, item in enumerate(items):
            problems += _screening_problems(item, _path("$", WRAPPER_KEY, index))
    else:
        items = [data]
        problems = _screening_problems(data, "$")
    if problems:
        raise InvalidScreening(problems)
    return [Screening.from_dict(item) for item in items]


class _Object(dict[str, object]):
    """A parsed JSON object that remembers the keys given more than once."""

    repeated: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, object]]) -> _Object:
    obj = _Object(pairs)
    counts = Counter(key for key, _ in pairs)
    obj.repeated = tuple(key for key in obj if counts[key] > 1)
    return obj


def _repeated_keys(value: object, parts: tuple[str | int, ...]) -> list[Problem]:
    problems = []
    if isinstance(value, _Object):
        problems += [
            Problem(
                _path("$", *parts, key),
                f'"{key}" is given more than once in this object; keep only one (JSON readers '
                "silently keep the last)",
            )
            for key in value.repeated
        ]
        for key, item in value.items():
            problems += _repeated_keys(item, (*parts, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            problems += _repeated_keys(item, (*parts, index))
    return problems


def read_screenings(raw: bytes) -> list[Screening]:
    """Parse a file's bytes (UTF-8 JSON) and return its screenings.

    Raise InvalidScreening naming every problem: bad encoding or JSON syntax (at $, with the line
    and column), keys given twice, and every invalid answer or field.
    """
    try:
        # A byte-order mark is harmless; some Windows editors add one.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        message = (
            f"the file is not UTF-8 text: byte 0x{raw[error.start]:02x} on line {line} cannot "
            "be read; save the file as UTF-8"
        )
        raise InvalidScreening([Problem("$", message)]) from None
    try:
        data = json.loads(text, object_pairs_hook=_object)
    except json.JSONDecodeError as error:
        message = (
            f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}; fix the "
            "syntax there (a missing comma or quote is the usual cause)"
        )
        raise InvalidScreening([Problem("$", message)]) from None
    except RecursionError:
        raise InvalidScreening([Problem("$", "nested too deeply to read")]) from None
    repeated = _repeated_keys(data, ())
    try:
        screenings = parse_screenings(data)
    except InvalidScreening as invalid:
        raise InvalidScreening([*repeated, *invalid.problems]) from None
    if repeated:
        raise InvalidScreening(repeated)
    return screenings
