"""Review comments of a signed version stay as they were signed (assessments/db_guards.py)."""

from django.db import migrations

from assessments.db_guards import install_in_migration


class Migration(migrations.Migration):
    dependencies = [("assessments", "0011_database_guards")]

    operations = [migrations.RunPython(install_in_migration, migrations.RunPython.noop)]
