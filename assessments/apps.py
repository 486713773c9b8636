from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "assessments"
    verbose_name = "DPUP assessments"

    def ready(self) -> None:
        from assessments import (
            checks,  # noqa: F401  (registers the deployment checks)
            receivers,  # noqa: F401  (audits sign-ins)
        )
