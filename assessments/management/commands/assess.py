"""Score interchange files against the five Principles without saving anything."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

import principles
from assessments.interchange import InvalidDocument, Problem, read_documents
from principles.report import format_table

REFUSED = 2


class Command(BaseCommand):
    help = (
        "Score every assessment in an interchange file against the five DPUP Principles. "
        "Saves nothing. Exit status 0 when all were valid and scored, 2 when the file is not "
        "valid (each problem named by its JSON path)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="interchange JSON file")
        parser.add_argument(
            "--json", action="store_true", help="print the scorer's JSON document (RULES.md)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["file"]
        try:
            documents = read_documents(Path(name).read_bytes(), file=name)
        except OSError as error:
            self._refuse([Problem("$", f"cannot read the file: {error.strerror}", name)])
        except InvalidDocument as invalid:
            self._refuse(invalid.problems)
        results = [principles.score(document.data) for document in documents]
        if options["json"]:
            payload = {"results": [result.to_dict() for result in results]}
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        for result in results:
            self.stdout.write(format_table(result))
            self.stdout.write("")

    def _refuse(self, problems: list[Problem]) -> None:
        for line in InvalidDocument(problems).lines():
            self.stderr.write(line)
        raise CommandError(
            f"{len(problems)} problem(s) found; nothing was scored.", returncode=REFUSED
        )
