"""An import racing another writer for the same reference, over two real database connections."""

import threading
import time

import psycopg
import pytest
from django.db import connection

from assessments.interchange import InvalidDocument
from assessments.models import Assessment
from assessments.services import assessments_import
from tests.assessments.test_interchange import minimal

# Row-level waits on a unique index are what is under test; SQLite locks the whole file, so this
# runs in CI's PostgreSQL pass.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks (CI runs it there)"
    ),
]


def _dsn() -> str:
    settings = connection.settings_dict
    return psycopg.conninfo.make_conninfo(
        dbname=settings["NAME"],
        user=settings["USER"],
        password=settings["PASSWORD"],
        host=settings["HOST"],
        port=settings["PORT"],
    )


def _commit_once_the_import_waits(other: psycopg.Connection, done: threading.Event) -> None:
    """Commit the other writer's row only when the import is blocked on it, so the import has
    already checked the reference (and found it free) before the row becomes visible."""
    watcher = psycopg.connect(_dsn(), autocommit=True)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        waiting = watcher.execute(
            "select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
            "and datname = current_database()"
        ).fetchone()
        if waiting and waiting[0]:
            break
        time.sleep(0.05)
    other.commit()
    watcher.close()
    done.set()


def test_a_reference_taken_between_the_check_and_the_insert_is_a_named_problem(people):
    ours = assessments_import(documents=[minimal()], owner=people.analyst)[0]
    # Another writer copies it as DPUP-RACE-1 and has not committed yet.
    columns = [str(f.column) for f in Assessment._meta.concrete_fields if f.column != "id"]
    copied = ["'DPUP-RACE-1'" if c == "reference" else c for c in columns]
    other = psycopg.connect(_dsn())
    other.execute(
        f"insert into {Assessment._meta.db_table} ({', '.join(columns)}) "  # noqa: S608
        f"select {', '.join(copied)} from {Assessment._meta.db_table} where id = %s",
        [ours.pk],
    )
    done = threading.Event()
    committer = threading.Thread(target=_commit_once_the_import_waits, args=(other, done))
    committer.start()
    try:
        with pytest.raises(InvalidDocument) as refused:
            assessments_import(documents=[minimal(reference="DPUP-RACE-1")], owner=people.analyst)
    finally:
        committer.join(timeout=30)
        other.close()
    assert done.is_set()
    assert [p.path for p in refused.value.problems] == ["$.reference"]
    assert "is already used in Ōtautahi Whānau Services" in refused.value.problems[0].message
