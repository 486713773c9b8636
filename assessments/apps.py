from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate


class AssessmentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "assessments"
    verbose_name = "DPUP assessments"

    def ready(self) -> None:
        from assessments import (
            checks,  # noqa: F401  (registers the deployment checks)
            receivers,  # noqa: F401  (audits sign-ins)
        )
        from assessments.db_guards import reinstall_after_migrate, remove_before_migrate
        from assessments.upgrade import rescore_stale_drafts

        # After an upgrade, drafts scored by an older ruleset are scored again.
        post_migrate.connect(rescore_stale_drafts, sender=self)
        # A table rebuilt by a later migration (SQLite) loses its triggers: make them again.
        post_migrate.connect(reinstall_after_migrate, sender=self)
        # SQLite remakes a table to alter it, which its triggers would fail: off while migrating.
        pre_migrate.connect(remove_before_migrate, sender=self)
