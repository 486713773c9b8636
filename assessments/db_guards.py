"""Triggers with which the database itself keeps what was signed as it was signed.

The models refuse these changes too, with friendly messages; the triggers are the guarantee,
whatever reaches the database: a bulk update, `bulk_create`, raw SQL, a stale process.

- Audit events, snapshots, sign-offs, stored records and review reminders are append-only.
- An approved or superseded assessment keeps its content: only its status may move on (approved
  to superseded, never back), and its review date and stored scores under today's ruleset may
  change (`MUTABLE_WHEN_FROZEN`). It is never deleted.
- The rows of an approved or superseded assessment (data items, consultations, review comments)
  are never added to, changed or removed.

The triggers are made by a migration and made again after every `migrate` (post_migrate): on
SQLite, a later migration that rebuilds a table would otherwise drop them silently. A database
error (IntegrityError) names the table and what was refused.

SQLite's test flush (`DELETE FROM` every table, after a transactional test) would be refused
too, so SQLite's triggers stand down while the table `dpup_guard_pause` holds a row; the test
suite sets it just before a flush and post_migrate clears it. PostgreSQL flushes with TRUNCATE,
which row triggers do not see, so it has no such switch.
"""

from collections.abc import Iterable
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

FROZEN = ("approved", "superseded")
APPEND_ONLY = ("AuditEvent", "Snapshot", "SignOff", "StoredRecord", "ReviewReminder")
ROWS = ("DataItem", "Consultation", "Comment")
PAUSE_TABLE = "dpup_guard_pause"
_FROZEN_SQL = ", ".join(f"'{status}'" for status in FROZEN)


def _mutable_columns(assessment: Any) -> list[str]:
    from assessments.models.assessment import MUTABLE_WHEN_FROZEN

    names = {*MUTABLE_WHEN_FROZEN, "updated_at"}
    return [f.column for f in assessment._meta.concrete_fields if f.name in names]


def _content_columns(assessment: Any) -> list[str]:
    mutable = set(_mutable_columns(assessment))
    return [f.column for f in assessment._meta.concrete_fields if f.column not in mutable]


def _tables(get_model: Any) -> tuple[str, list[str], list[str], Any]:
    assessment = get_model("assessments", "Assessment")
    append_only = [get_model("assessments", name)._meta.db_table for name in APPEND_ONLY]
    rows = [get_model("assessments", name)._meta.db_table for name in ROWS]
    return assessment._meta.db_table, append_only, rows, assessment


def _postgresql(get_model: Any) -> list[str]:
    table, append_only, rows, assessment = _tables(get_model)
    mutable = "ARRAY[" + ", ".join(f"'{c}'" for c in _mutable_columns(assessment)) + "]"
    refuse = "USING ERRCODE = 'integrity_constraint_violation'"
    statements = [
        f"""CREATE OR REPLACE FUNCTION dpup_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'dpup: % rows are never changed or deleted (% refused)',
    TG_TABLE_NAME, TG_OP {refuse};
END $$""",
        f"""CREATE OR REPLACE FUNCTION dpup_frozen_assessment() RETURNS trigger LANGUAGE plpgsql
AS $$
BEGIN
  IF OLD.status NOT IN ({_FROZEN_SQL}) THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'dpup: signed-off assessment % is never deleted', OLD.id {refuse};
  END IF;
  IF NOT (NEW.status = OLD.status OR (OLD.status = 'approved' AND NEW.status = 'superseded'))
  THEN
    RAISE EXCEPTION 'dpup: signed-off assessment % cannot move from % to %',
      OLD.id, OLD.status, NEW.status {refuse};
  END IF;
  IF (to_jsonb(NEW) - {mutable}) IS DISTINCT FROM (to_jsonb(OLD) - {mutable}) THEN
    RAISE EXCEPTION 'dpup: signed-off assessment % cannot change', OLD.id {refuse};
  END IF;
  RETURN NEW;
END $$""",
        f"""CREATE OR REPLACE FUNCTION dpup_frozen_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (TG_OP <> 'INSERT' AND EXISTS (
        SELECT 1 FROM {table} WHERE id = OLD.assessment_id AND status IN ({_FROZEN_SQL})))
     OR (TG_OP <> 'DELETE' AND EXISTS (
        SELECT 1 FROM {table} WHERE id = NEW.assessment_id AND status IN ({_FROZEN_SQL})))
  THEN
    RAISE EXCEPTION 'dpup: rows of a signed-off assessment never change (% on % refused)',
      TG_OP, TG_TABLE_NAME {refuse};
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$""",
    ]
    triggers = [
        (t, "dpup_append_only", "UPDATE OR DELETE", "dpup_append_only") for t in append_only
    ]
    triggers.append((table, "dpup_frozen", "UPDATE OR DELETE", "dpup_frozen_assessment"))
    triggers += [
        (t, "dpup_frozen_rows", "INSERT OR UPDATE OR DELETE", "dpup_frozen_rows") for t in rows
    ]
    for on, name, events, function in triggers:
        statements.append(f'DROP TRIGGER IF EXISTS {name} ON "{on}"')
        statements.append(
            f'CREATE TRIGGER {name} BEFORE {events} ON "{on}" '
            f"FOR EACH ROW EXECUTE FUNCTION {function}()"
        )
    return statements


def _sqlite(get_model: Any) -> list[str]:
    table, append_only, rows, assessment = _tables(get_model)
    running = f"NOT EXISTS (SELECT 1 FROM {PAUSE_TABLE})"
    frozen = f"OLD.status IN ({_FROZEN_SQL})"
    changed = " OR ".join(f'NEW."{c}" IS NOT OLD."{c}"' for c in _content_columns(assessment))
    moved_back = (
        "NOT (NEW.status = OLD.status OR (OLD.status = 'approved' AND NEW.status = 'superseded'))"
    )

    def parent_frozen(row: str) -> str:
        return (
            f"EXISTS (SELECT 1 FROM {table} WHERE id = {row}.assessment_id "
            f"AND status IN ({_FROZEN_SQL}))"
        )

    triggers: list[tuple[str, str, str, str, str]] = []
    for t in append_only:
        message = f"dpup: {t} rows are never changed or deleted"
        triggers.append((f"dpup_{t}_no_update", "UPDATE", t, running, message))
        triggers.append((f"dpup_{t}_no_delete", "DELETE", t, running, message))
    triggers.append(
        (
            "dpup_frozen_update",
            "UPDATE",
            table,
            f"{running} AND {frozen} AND ({moved_back} OR {changed})",
            "dpup: a signed-off assessment cannot change, and its status never goes back",
        )
    )
    triggers.append(
        (
            "dpup_frozen_delete",
            "DELETE",
            table,
            f"{running} AND {frozen}",
            "dpup: a signed-off assessment is never deleted",
        )
    )
    for t in rows:
        message = f"dpup: rows of a signed-off assessment never change ({t})"
        triggers.append((f"dpup_{t}_frozen_insert", "INSERT", t, parent_frozen("NEW"), message))
        triggers.append(
            (
                f"dpup_{t}_frozen_update",
                "UPDATE",
                t,
                f"{parent_frozen('OLD')} OR {parent_frozen('NEW')}",
                message,
            )
        )
        triggers.append(
            (
                f"dpup_{t}_frozen_delete",
                "DELETE",
                t,
                f"{running} AND {parent_frozen('OLD')}",
                message,
            )
        )
    statements = [f"CREATE TABLE IF NOT EXISTS {PAUSE_TABLE} (paused integer NOT NULL)"]
    for name, event, on, when, message in triggers:
        statements.append(f"DROP TRIGGER IF EXISTS {name}")
        statements.append(
            f'CREATE TRIGGER {name} BEFORE {event} ON "{on}" FOR EACH ROW WHEN {when} '
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )
    return statements


def guard_statements(vendor: str, get_model: Any) -> list[str]:
    """Return the SQL that (re)makes every guard on this kind of database."""
    if vendor == "postgresql":
        return _postgresql(get_model)
    if vendor == "sqlite":
        return _sqlite(get_model)
    return []


def install_guards(connection: BaseDatabaseWrapper, get_model: Any) -> None:
    """Make the triggers (again), from the models `get_model` knows: idempotent."""
    _execute(connection, guard_statements(connection.vendor, get_model))


def remove_guards(connection: BaseDatabaseWrapper, get_model: Any) -> None:
    """Drop the triggers: only for tests that make records as an older version left them."""
    statements = guard_statements(connection.vendor, get_model)
    _execute(connection, [s for s in statements if s.startswith("DROP TRIGGER")])


def _execute(connection: BaseDatabaseWrapper, statements: Iterable[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def pause_for_flush(connection: BaseDatabaseWrapper) -> None:
    """Let SQLite's test flush empty the tables; the next post_migrate ends the pause."""
    if connection.vendor == "sqlite":
        _execute(connection, [f"INSERT INTO {PAUSE_TABLE} (paused) VALUES (1)"])


def remove_before_migrate(sender: Any, *, using: str, **kwargs: Any) -> None:
    """pre_migrate: on SQLite, drop the guards while migrations run.

    SQLite alters a table by making a new one and renaming it; the rename re-reads every
    trigger, and one that names the table being remade fails it ("no such table"). The guards
    come back once every migration has run (post_migrate). PostgreSQL alters tables in place.
    """
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'dpup\\_%' "
            "ESCAPE '\\'"
        )
        names = [row[0] for row in cursor.fetchall()]
    _execute(connection, [f'DROP TRIGGER IF EXISTS "{name}"' for name in names])


def install_in_migration(apps: Any, schema_editor: Any) -> None:
    """The migrations' step: PostgreSQL gets the guards here, SQLite once migrate is done."""
    if schema_editor.connection.vendor != "sqlite":
        install_guards(schema_editor.connection, apps.get_model)


def reinstall_after_migrate(sender: Any, *, using: str, apps: Any = None, **kwargs: Any) -> None:
    """post_migrate: make the guards again (a rebuilt SQLite table has lost them)."""
    from django.apps import apps as global_apps
    from django.db import connections

    from assessments.upgrade import database_is_migrated

    if not database_is_migrated(using):
        return
    connection = connections[using]
    install_guards(connection, global_apps.get_model)
    if connection.vendor == "sqlite":
        _execute(connection, [f"DELETE FROM {PAUSE_TABLE}"])
