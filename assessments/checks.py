"""System checks for a deployment (`manage.py check --deploy`)."""

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

if TYPE_CHECKING:
    from assessments.consistency import Places


@checks.register(checks.Tags.security, deploy=True)
def site_url_is_set(app_configs: Any, **kwargs: Any) -> list[checks.CheckMessage]:
    if urlsplit(settings.SITE_URL).hostname in ("127.0.0.1", "localhost"):
        return [
            checks.Warning(
                f"DPUP_SITE_URL is {settings.SITE_URL}: links in e-mails would point there.",
                hint="Set DPUP_SITE_URL to the site's address, such as "
                "https://dpup.example.govt.nz.",
                id="dpup.W001",
            )
        ]
    return []


def real_places() -> "Places":
    """Return where the questions really are: the models, the schema and the rules' Snapshot."""
    from assessments.consistency import Places, model_columns, snapshot_names
    from assessments.interchange_validation import NOT_STORED_YET, SCHEMA
    from assessments.models import Assessment, Consultation, DataItem
    from assessments.questionnaire import SECTIONS
    from principles import Snapshot

    rows = {"data_items": DataItem, "consultations": Consultation}
    return Places(
        columns={s.key: model_columns(rows.get(s.key, Assessment)) for s in SECTIONS},
        schema=SCHEMA["properties"],
        snapshot=snapshot_names(Snapshot, SECTIONS),
        pending=NOT_STORED_YET,
    )


@checks.register()
def questionnaire_is_consistent(app_configs: Any, **kwargs: Any) -> list[checks.CheckMessage]:
    """Every question has a column, a schema property and a Snapshot attribute, and back."""
    from assessments.consistency import questionnaire_problems
    from assessments.questionnaire import SECTIONS

    return [
        checks.Error(
            problem,
            hint="Make assessments/questionnaire.py, the model (with a migration), "
            "assessments/schema/assessment.schema.json and principles/snapshot.py agree.",
            id="dpup.E010",
        )
        for problem in questionnaire_problems(SECTIONS, real_places())
    ]
