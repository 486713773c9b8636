"""Screen work before an assessment (SCREENING.md): which assessments it needs, and why."""

import json
import textwrap
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from principles.screening import ANSWER_LABELS, QUESTION_BY_ID, because_text, screen
from principles.screening_input import InvalidScreening, Problem, parse_screenings

REFUSED = 2
WIDTH = 100


class Command(BaseCommand):
    help = (
        'Screen every screening in FILE ({"screenings": [{"answers": {...}}]} or one '
        '{"answers": {...}}): whether a DPUP assessment is needed, the sensitivity to expect, '
        "and the other assessments to do. Saves nothing. Exit status 0 when every screening "
        "was valid, 2 naming each invalid answer by its JSON path."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="JSON file of screenings")
        parser.add_argument(
            "--json", action="store_true", help="print the screener's JSON document"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["file"]
        try:
            screenings = parse_screenings(_read_json(Path(name)))
        except InvalidScreening as invalid:
            for problem in invalid.problems:
                self.stderr.write(f"{name}: {problem}")
            raise CommandError(
                f"{len(invalid.problems)} problem(s) found; nothing was screened.",
                returncode=REFUSED,
            ) from None
        results = [screen(screening) for screening in screenings]
        if options["json"]:
            payload = {"results": [result.to_dict() for result in results]}
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        for number, (screening, result) in enumerate(zip(screenings, results, strict=True), 1):
            self.stdout.write(f"Screening {number} (screening version {result.version})")
            for qid, question in QUESTION_BY_ID.items():
                answer = ANSWER_LABELS[screening.answer(qid)]
                unanswered = "" if qid in screening.answers else " (not answered)"
                self.stdout.write(f"  {qid} {answer}{unanswered}: {question.short}")
            self.stdout.write("")
            for outcome in result.outcomes:
                self.stdout.write(f"  {outcome.label}: {outcome.status_label}")
                why = textwrap.wrap(
                    because_text(outcome, screening),
                    width=WIDTH,
                    initial_indent="    ",
                    subsequent_indent="    ",
                )
                self.stdout.write("\n".join(why))
            self.stdout.write("")


def _read_json(path: Path) -> object:
    """Return the parsed file, or raise InvalidScreening saying at $ what stops reading it."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InvalidScreening([Problem("$", f"cannot read the file: {error.strerror}")]) from None
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
        return json.loads(text)
    except json.JSONDecodeError as error:
        message = (
            f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}; fix the "
            "syntax there (a missing comma or quote is the usual cause)"
        )
        raise InvalidScreening([Problem("$", message)]) from None
    except RecursionError:
        raise InvalidScreening([Problem("$", "nested too deeply to read")]) from None
