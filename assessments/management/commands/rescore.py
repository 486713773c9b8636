"""Score every stored assessment again, after the ruleset changed."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

import principles
from assessments.interchange import assessment_to_dict, snapshot_queryset
from assessments.models import Assessment
from assessments.scoring import STORED_FIELDS, store_result

BATCH = 200


class Command(BaseCommand):
    help = "Recompute and store the score of every assessment with the current ruleset."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--stale-only",
            action="store_true",
            help="only those scored by another ruleset version, or never scored",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        queryset = snapshot_queryset().order_by("pk")
        if options["stale_only"]:
            queryset = queryset.exclude(ruleset_version=principles.RULESET_VERSION)
        changed = 0
        batch: list[Assessment] = []
        # Approved records keep the score they were signed off with in their sign-off; the
        # live fields here show what today's ruleset makes of them.
        for assessment in queryset.iterator(chunk_size=BATCH):
            store_result(assessment, principles.score(assessment_to_dict(assessment)))
            batch.append(assessment)
            if len(batch) == BATCH:
                changed += self._save(batch)
                batch = []
        changed += self._save(batch)
        self.stdout.write(
            self.style.SUCCESS(
                f"Scored {changed} assessment(s) with ruleset {principles.RULESET_VERSION}."
            )
        )

    @staticmethod
    def _save(batch: list[Assessment]) -> int:
        Assessment.objects.bulk_update(batch, STORED_FIELDS)
        return len(batch)
