"""Settings for several machines: the worker by default in production, the pool read strictly."""

import secrets

from tests.dpup_site.test_settings import run_manage

SHOW = (
    "from django.conf import settings; d = settings.DATABASES['default']; "
    "print(settings.TASKS['default']['BACKEND'], settings.SESSION_ENGINE, "
    "d.get('OPTIONS', {}).get('pool'), d['CONN_MAX_AGE'])"
)
PRODUCTION = {"DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": secrets.token_urlsafe(50)}
POSTGRES = {"DATABASE_URL": "postgres://dpup@db.example:5432/dpup"}


def _show(**env: str) -> tuple[int, str]:
    result = run_manage("shell", "--no-imports", "-c", SHOW, **env)
    return result.returncode, (result.stdout + result.stderr).strip()


def test_production_renders_in_the_worker_by_default_and_debug_inline():
    code, production = _show(**PRODUCTION)
    assert code == 0, production
    assert production.startswith("django_tasks_db.DatabaseBackend ")
    _, debug = _show(DJANGO_DEBUG="true")
    assert debug.startswith("django_tasks.backends.immediate.ImmediateBackend ")
    # Either can still be chosen outright.
    _, inline = _show(**PRODUCTION, DPUP_TASK_WORKER="false")
    assert inline.startswith("django_tasks.backends.immediate.ImmediateBackend ")


def test_sessions_live_in_the_database_so_any_web_process_can_answer():
    _, shown = _show(**PRODUCTION)
    assert " django.contrib.sessions.backends.db " in shown


def test_the_pool_is_off_by_default_and_set_from_the_environment():
    _, off = _show(**PRODUCTION, **POSTGRES)
    assert off.endswith(" None 60")
    code, on = _show(
        **PRODUCTION,
        **POSTGRES,
        DJANGO_DB_POOL="true",
        DJANGO_DB_POOL_MIN_SIZE="1",
        DJANGO_DB_POOL_MAX_SIZE="8",
    )
    assert code == 0, on
    # A pool replaces persistent connections, which Django refuses alongside it.
    assert on.endswith(" {'min_size': 1, 'max_size': 8, 'timeout': 10} 0")


def test_pool_settings_that_make_no_sense_stop_start_up_with_the_reason():
    for env, words in [
        ({"DJANGO_DB_POOL": "yes"}, 'DJANGO_DB_POOL must be "true" or "false"'),
        ({"DJANGO_DB_POOL": "true", "DJANGO_DB_POOL_MAX_SIZE": "ten"}, "must be a whole number"),
        (
            {
                "DJANGO_DB_POOL": "true",
                "DJANGO_DB_POOL_MIN_SIZE": "9",
                "DJANGO_DB_POOL_MAX_SIZE": "2",
            },
            "DJANGO_DB_POOL_MIN_SIZE <= DJANGO_DB_POOL_MAX_SIZE",
        ),
        ({"DJANGO_DB_POOL": "true", "DJANGO_DB_POOL_TIMEOUT": "0"}, "DJANGO_DB_POOL_TIMEOUT"),
    ]:
        code, shown = _show(**PRODUCTION, **POSTGRES, **env)
        assert code != 0 and words in shown, (env, shown[-400:])
    code, sqlite = _show(**PRODUCTION, DJANGO_DB_POOL="true")
    assert code != 0 and "DJANGO_DB_POOL=true needs a PostgreSQL DATABASE_URL" in sqlite
