"""Export assessments as one interchange file: {"assessments": [...]}."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import QuerySet

from assessments.interchange import export_document, snapshot_queryset
from assessments.models import Assessment, Organisation
from assessments.models.fields import nfc

# Status 2 means "refused, nothing written", as for a bad command line.
REFUSED = 2


class Command(BaseCommand):
    help = (
        "Export assessments in the interchange format: the ones named with --reference, or "
        "else every assessment (of --organisation, when given)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reference",
            action="append",
            dest="references",
            default=[],
            metavar="REF",
            help="an assessment's reference; give it more than once for several",
        )
        parser.add_argument(
            "--organisation", metavar="NAME", help="export from this organisation only"
        )
        parser.add_argument(
            "-o", "--output", required=True, metavar="FILE", help='where to write; "-" is stdout'
        )

    def handle(self, *args: Any, **options: Any) -> None:
        queryset = snapshot_queryset()
        if options["organisation"] is not None:
            organisation = Organisation.objects.filter(name=options["organisation"]).first()
            if organisation is None:
                raise CommandError(
                    f'There is no organisation named "{options["organisation"]}".',
                    returncode=REFUSED,
                )
            queryset = queryset.filter(organisation=organisation)
        # Stored references are NFC; a name typed with combining macrons must still match.
        references = list(dict.fromkeys(nfc(reference) for reference in options["references"]))
        if references:
            assessments = self._by_reference(queryset, references)
        else:
            # Sorted here, not by the database, so the file is the same on SQLite and
            # PostgreSQL, whose collations order names with macrons differently.
            assessments = sorted(queryset, key=lambda a: (a.organisation.name, a.reference))
        text = json.dumps(export_document(assessments), indent=2, ensure_ascii=False) + "\n"
        output = options["output"]
        if output == "-":
            self.stdout.write(text, ending="")
            return
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(
                f"Cannot write {output}: {error.strerror}.", returncode=REFUSED
            ) from error
        self.stdout.write(f"Exported {len(assessments)} assessment(s) to {output}.")

    def _by_reference(
        self, queryset: QuerySet[Assessment], references: list[str]
    ) -> list[Assessment]:
        """Return the assessments in the order named; each reference must name exactly one."""
        found: dict[str, list[Assessment]] = {reference: [] for reference in references}
        for assessment in queryset.filter(reference__in=references):
            found.setdefault(assessment.reference, []).append(assessment)
        missing = [reference for reference in references if not found[reference]]
        if missing:
            raise CommandError(
                "No assessment has the reference " + ", ".join(f'"{r}"' for r in missing) + ".",
                returncode=REFUSED,
            )
        shared = {ref: group for ref, group in found.items() if len(group) > 1}
        if shared:
            names = "; ".join(
                f'"{ref}" in ' + ", ".join(sorted(a.organisation.name for a in group))
                for ref, group in shared.items()
            )
            raise CommandError(
                f"A reference names assessments of several organisations ({names}); "
                "choose one with --organisation.",
                returncode=REFUSED,
            )
        return [found[reference][0] for reference in references]
