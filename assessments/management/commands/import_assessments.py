"""Import assessments from interchange files, all of them or none."""

from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments.interchange import Document, InvalidDocument, Problem, read_documents
from assessments.models import User
from assessments.services import assessments_import

# Status 2 means "refused, nothing changed", as for a bad command line.
REFUSED = 2


class Command(BaseCommand):
    help = (
        "Import assessments from interchange JSON files (one assessment object, or "
        '{"assessments": [...]}) for the owner\'s organisation. All files are checked first; '
        "if any problem is found nothing is imported and each problem is named by its JSON path."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE", help="interchange JSON files")
        parser.add_argument(
            "--owner", required=True, metavar="USERNAME", help="who owns the imported assessments"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        owner = self._owner(options["owner"])
        documents: list[Document] = []
        problems: list[Problem] = []
        for name in options["files"]:
            try:
                documents += read_documents(Path(name).read_bytes(), file=name)
            except OSError as error:
                problems.append(Problem("$", f"cannot read the file: {error.strerror}", name))
            except InvalidDocument as invalid:
                problems += invalid.problems
        if problems:
            self._refuse(problems)
        try:
            imported = assessments_import(documents=documents, owner=owner)
        except InvalidDocument as invalid:
            self._refuse(invalid.problems)
        for assessment in imported:
            self.stdout.write(f"{assessment.reference}  {assessment.title}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {len(imported)} assessment(s) into {owner.organisation}, "
                f"owned by {owner.username}."
            )
        )

    def _refuse(self, problems: list[Problem]) -> NoReturn:
        for line in InvalidDocument(problems).lines():
            self.stderr.write(line)
        raise CommandError(
            f"{len(problems)} problem(s) found; nothing was imported.", returncode=REFUSED
        )

    def _owner(self, username: str) -> User:
        owner = User.objects.select_related("organisation").filter(username=username).first()
        if owner is None:
            raise CommandError(f'There is no user "{username}".', returncode=REFUSED)
        if owner.organisation is None:
            raise CommandError(
                f'"{username}" belongs to no organisation; give them one, or choose an owner '
                "who has one (assessments are imported into the owner's organisation).",
                returncode=REFUSED,
            )
        return owner
