"""Settings are strict: what cannot be understood stops start-up with a clear message."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from dpup_site.env import env_bool, env_int, env_list, env_url

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("true", True), ("false", False), ("TRUE", True), (" False ", False), ("", True)],
)
def test_env_bool_reads_true_and_false(monkeypatch, raw, expected):
    monkeypatch.setenv("DPUP_FLAG", raw)
    assert env_bool("DPUP_FLAG", default=True) is expected


def test_env_bool_unset_gives_default(monkeypatch):
    monkeypatch.delenv("DPUP_FLAG", raising=False)
    assert env_bool("DPUP_FLAG", default=False) is False


@pytest.mark.parametrize("raw", ["yes", "1", "on", "ture", "0"])
def test_env_bool_refuses_anything_else(monkeypatch, raw):
    monkeypatch.setenv("DPUP_FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match='DPUP_FLAG must be "true" or "false"'):
        env_bool("DPUP_FLAG", default=False)


def test_env_list_and_int(monkeypatch):
    monkeypatch.setenv("DPUP_HOSTS", " a.example.nz, b.example.nz ,,")
    assert env_list("DPUP_HOSTS", default=[]) == ["a.example.nz", "b.example.nz"]
    monkeypatch.setenv("DPUP_N", "twelve")
    with pytest.raises(ImproperlyConfigured, match="DPUP_N must be a whole number"):
        env_int("DPUP_N", default=1)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://dpup.example.govt.nz/", "https://dpup.example.govt.nz"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("https://example.nz/dpup/", "https://example.nz/dpup"),
    ],
)
def test_env_url_reads_the_site_address(monkeypatch, raw, expected):
    monkeypatch.setenv("DPUP_SITE_URL", raw)
    assert env_url("DPUP_SITE_URL", default="http://x") == expected


@pytest.mark.parametrize(
    "raw", ["dpup.example.govt.nz", "ftp://example.nz", "https://", "https://a.nz/?x=1"]
)
def test_env_url_refuses_what_is_not_a_site_address(monkeypatch, raw):
    monkeypatch.setenv("DPUP_SITE_URL", raw)
    with pytest.raises(ImproperlyConfigured, match="DPUP_SITE_URL must be the site's address"):
        env_url("DPUP_SITE_URL", default="http://x")


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run manage.py in a fresh interpreter with only the given Django variables set."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_missing_secret_key_with_debug_off_stops_start_up():
    result = run_manage("check", DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is not true" in result.stderr


def test_debug_defaults_to_off_so_the_key_is_required():
    result = run_manage("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_bad_debug_value_stops_start_up():
    result = run_manage("check", DJANGO_DEBUG="yes", DJANGO_SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert 'DJANGO_DEBUG must be "true" or "false", not \'yes\'' in result.stderr


def test_development_server_needs_no_key():
    result = run_manage("check", DJANGO_DEBUG="true")
    assert result.returncode == 0, result.stderr


def test_production_settings_pass_the_deployment_checklist():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="dpup.example.govt.nz",
        DPUP_SITE_URL="https://dpup.example.govt.nz",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_the_deployment_checklist_asks_for_the_site_address():
    result = run_manage(
        "check",
        "--deploy",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="dpup.example.govt.nz",
    )
    assert "dpup.W001" in result.stderr + result.stdout
    assert "Set DPUP_SITE_URL" in result.stderr + result.stdout


def test_a_task_worker_is_chosen_by_environment_and_inline_is_the_default():
    show = "from django.conf import settings; print(settings.TASKS['default']['BACKEND'])"
    inline = run_manage("shell", "--no-imports", "-c", show, DJANGO_DEBUG="true")
    assert inline.stdout.strip() == "django_tasks.backends.immediate.ImmediateBackend"
    worker = run_manage(
        "shell", "--no-imports", "-c", show, DJANGO_DEBUG="true", DPUP_TASK_WORKER="true"
    )
    assert worker.stdout.strip() == "django_tasks_db.DatabaseBackend", worker.stderr
    typo = run_manage("shell", "-c", show, DJANGO_DEBUG="true", DPUP_TASK_WORKER="1")
    assert typo.returncode != 0
    assert 'DPUP_TASK_WORKER must be "true" or "false"' in typo.stderr
