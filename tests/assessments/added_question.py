"""Run alone (`python -m tests.assessments.added_question`): add one free-text question to
Stewardship the way a developer would (the questionnaire, a model column with its migration,
and the schema) and print, as JSON, where the question and its answer then appear.

It runs in a fresh interpreter because the forms and pages are built from the questionnaire
when they are imported; here the question is in place before anything is imported. Nothing
else is touched: no form, view, template, presenter or record code is told about it.
"""

import io
import json
import os
import sys

LABEL = "Notes from the last stewardship review"
ANSWER = "Reviewed in March by the data steward; nothing kept past its date."


def add_question() -> None:
    from assessments import questionnaire

    stewardship = questionnaire.SECTION_BY_KEY["stewardship"]
    added = questionnaire.Question("review_notes", LABEL, questionnaire.Kind.LONG_TEXT, limit=2000)
    # The questionnaire as a developer would edit it: one more question in the section.
    object.__setattr__(stewardship, "questions", (*stewardship.questions, added))


def add_column() -> None:
    """The schema's property, the model field declared the way the others are, and its
    (throwaway) migration."""
    from django.db import connection

    from assessments.db_guards import reinstall_after_migrate, remove_before_migrate
    from assessments.interchange_validation import SCHEMA

    SCHEMA["properties"]["stewardship"]["properties"]["review_notes"] = {
        "type": "string",
        "maxLength": 2000,
    }

    from assessments.models import Assessment
    from assessments.models.fields import answer_field

    field = answer_field("stewardship", "review_notes")
    field.contribute_to_class(Assessment, "stewardship_review_notes")
    Assessment._meta._expire_cache()  # type: ignore[attr-defined]
    # As `migrate` does: the database guards stand aside while SQLite remakes the table.
    remove_before_migrate(None, using=connection.alias)
    with connection.schema_editor() as editor:
        editor.add_field(Assessment, field)
    reinstall_after_migrate(None, using=connection.alias)


def main() -> dict[str, object]:
    os.environ.pop("DATABASE_URL", None)  # An in-memory SQLite of its own.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dpup_site.settings")
    add_question()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    settings.SECURE_SSL_REDIRECT = False
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)
    add_column()

    import pypdf
    from django.urls import reverse

    from assessments.diff import diff_documents
    from assessments.interchange import assessment_to_dict
    from assessments.records import record_document, record_pdf
    from assessments.roles import Role
    from tests.factories import AssessmentFactory, OrganisationFactory, UserFactory

    organisation = OrganisationFactory.create()
    analyst = UserFactory.create(organisation=organisation, roles=[Role.ANALYST])
    assessment = AssessmentFactory.create(
        organisation=organisation, owner=analyst, stewardship_review_notes=ANSWER
    )
    client = Client()
    client.force_login(analyst)
    form = client.get(reverse("assessment_edit", args=[assessment.pk])).content.decode()
    page = client.get(reverse("assessment_detail", args=[assessment.pk])).content.decode()
    pdf = pypdf.PdfReader(io.BytesIO(record_pdf(record_document(assessment), assessment)))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)
    exported = assessment_to_dict(assessment)
    before = json.loads(json.dumps(exported))
    before["stewardship"]["review_notes"] = "Not reviewed yet."
    changes = diff_documents(before, exported)
    return {
        "form_field": 'name="stewardship_review_notes"' in form,
        "form_label": LABEL in form,
        "form_value": ANSWER in form,
        "page": LABEL in page and ANSWER in page,
        "pdf": LABEL in text and ANSWER in text,
        "export": exported["stewardship"].get("review_notes"),
        "diff": [(c.where, c.old, c.new) for c in changes],
    }


if __name__ == "__main__":
    json.dump(main(), sys.stdout)
