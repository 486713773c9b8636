"""Screen work before an assessment (SCREENING.md): which assessments it needs, and why."""

import json
import textwrap
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser

from principles.screening import ANSWER_LABELS, QUESTION_BY_ID, because_text, screen
from principles.screening_input import InvalidScreening, Problem, read_screenings

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
            screenings = read_screenings(Path(name).read_bytes())
        except OSError as error:
            problem = Problem("$", f"cannot read the file: {error.strerror}")
            self._refuse(name, [problem])
        except InvalidScreening as invalid:
            self._refuse(name, invalid.problems)
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

    def _refuse(self, name: str, problems: list[Problem]) -> NoReturn:
        for problem in problems:
            self.stderr.write(f"{name}: {problem}")
        raise CommandError(
            f"{len(problems)} problem(s) found; nothing was screened.", returncode=REFUSED
        )
