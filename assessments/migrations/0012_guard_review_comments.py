"""Review comments of a signed version stay as they were signed (assessments/db_guards.py)."""

from django.db import migrations

from assessments.db_guards import install_guards


def install(apps, schema_editor):
    install_guards(schema_editor.connection, apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0011_database_guards")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
