"""Render the PDF record of a stored assessment or of an interchange file."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments.interchange import InvalidDocument, read_documents
from assessments.models import Assessment
from assessments.records import record_document, record_pdf

REFUSED = 2


class Command(BaseCommand):
    help = "Render the PDF record of a stored assessment (--reference) or an interchange file."

    def add_arguments(self, parser: CommandParser) -> None:
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--reference", metavar="REF", help="a stored assessment's reference")
        source.add_argument(
            "--file", metavar="FILE.json", help="an interchange file (one assessment)"
        )
        parser.add_argument("--organisation", metavar="NAME", help="when a reference is shared")
        parser.add_argument("-o", "--output", required=True, metavar="OUT.pdf")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["file"]:
            name = options["file"]
            try:
                documents = read_documents(Path(name).read_bytes(), file=name)
            except OSError as error:
                raise CommandError(
                    f"{name}: cannot read: {error.strerror}", returncode=REFUSED
                ) from None
            except InvalidDocument as invalid:
                raise CommandError(str(invalid), returncode=REFUSED) from None
            if len(documents) != 1:
                raise CommandError(
                    f"{name} holds {len(documents)} assessments; give a file with one.",
                    returncode=REFUSED,
                )
            pdf = record_pdf(documents[0].data)
        else:
            pdf = record_pdf(*self._stored(options["reference"], options["organisation"]))
        Path(options["output"]).write_bytes(pdf)
        self.stdout.write(self.style.SUCCESS(f"Wrote {options['output']} ({len(pdf)} bytes)."))

    def _stored(self, reference: str, organisation: str | None) -> tuple[dict, Assessment]:
        found = Assessment.objects.filter(reference=reference).select_related("organisation")
        if organisation:
            found = found.filter(organisation__name=organisation)
        latest = found.order_by("-version").first()
        if latest is None:
            raise CommandError(f"No assessment with reference {reference!r}.", returncode=REFUSED)
        if found.exclude(organisation_id=latest.organisation_id).exists():
            raise CommandError(
                f"{reference} is used by several organisations; add --organisation NAME.",
                returncode=REFUSED,
            )
        return record_document(latest), latest
