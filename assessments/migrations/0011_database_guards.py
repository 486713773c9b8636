"""The database itself keeps signed records as they were signed (assessments/db_guards.py)."""

from django.db import migrations

from assessments.db_guards import install_in_migration


class Migration(migrations.Migration):
    dependencies = [("assessments", "0010_audit_beyond_one_assessment")]

    operations = [migrations.RunPython(install_in_migration, migrations.RunPython.noop)]
