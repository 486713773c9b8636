"""After `migrate`, bring drafts scored by an older ruleset up to today's.

This is a post_migrate handler rather than a data migration: rescoring runs today's scorer on
today's models, and a data migration replayed on an older database (before later migrations
add their columns and tables) would read columns that do not exist yet. After every migration
has run, the models and the database agree. Signed records keep the score they were signed with.
"""

from typing import Any

from django.apps import AppConfig
from django.db import connections
from django.db.migrations.executor import MigrationExecutor

import principles
from assessments.scoring import assessments_rescore


def database_is_migrated(using: str) -> bool:
    """Say whether every migration the code knows of has been applied to the database."""
    executor = MigrationExecutor(connections[using])
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


def rescore_stale_drafts(
    sender: AppConfig, *, using: str, verbosity: int = 1, **kwargs: Any
) -> int:
    """Rescore every assessment not yet signed whose score another ruleset made."""
    # `migrate app 0003` also sends post_migrate; today's models do not fit that database.
    if not database_is_migrated(using):
        return 0
    scored = assessments_rescore(stale_only=True, include_frozen=False, using=using)
    stdout = kwargs.get("stdout")
    if scored and verbosity >= 1 and stdout is not None:
        stdout.write(
            f"  Rescored {scored} assessment(s) not yet signed with ruleset "
            f"{principles.RULESET_VERSION}.\n"
        )
    return scored
