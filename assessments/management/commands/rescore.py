"""Score stored assessments again, after the ruleset changed."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

import principles
from assessments.scoring import assessments_rescore


class Command(BaseCommand):
    help = (
        "Recompute and store the score of every assessment with the current ruleset. Signed "
        "snapshots keep the score and ruleset version they were signed with."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--stale-only",
            action="store_true",
            help="only those scored by another ruleset version, or never scored",
        )
        parser.add_argument(
            "--drafts-only",
            action="store_true",
            help="leave approved and superseded assessments' live scores as they are",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Approved records keep the score they were signed off with in their sign-off; unless
        # --drafts-only, their live fields show what today's ruleset makes of them.
        scored = assessments_rescore(
            stale_only=options["stale_only"], include_frozen=not options["drafts_only"]
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Scored {scored} assessment(s) with ruleset {principles.RULESET_VERSION}."
            )
        )
