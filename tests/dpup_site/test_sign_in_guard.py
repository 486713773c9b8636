"""Guessing passwords: lockout per account and per address, on the site and the admin."""

from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from assessments.models import AuditAction, AuditEvent
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LIMIT = settings.AXES_FAILURE_LIMIT


def _sign_in(client, username, password, address="127.0.0.1", url=None):
    return client.post(
        url or reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def _signed_in(response):
    return response.status_code == 302 and response["Location"] == reverse("home")


def test_many_wrong_passwords_then_the_right_one_is_refused(client, people):
    # The reproduction: 200 wrong passwords, then the right one used to work.
    for _ in range(200):
        _sign_in(client, "ana", "wrong")
    response = _sign_in(client, "ana", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_limit_is_per_account_from_any_address(client, people):
    for n in range(LIMIT):
        _sign_in(client, "ana", "wrong", address=f"10.0.0.{n + 1}")
    assert _sign_in(client, "ana", PASSWORD, address="10.0.1.1").status_code == 429
    # Someone else at one of those addresses is not affected.
    assert _signed_in(_sign_in(client, "ben", PASSWORD, address="10.0.0.1"))


def test_the_limit_is_per_address_for_any_account(client, people):
    for n in range(LIMIT):
        _sign_in(client, f"guess{n}", "wrong", address="203.0.113.9")
    assert _sign_in(client, "ana", PASSWORD, address="203.0.113.9").status_code == 429
    assert _signed_in(_sign_in(client, "ana", PASSWORD, address="198.51.100.1"))


def test_fewer_failures_than_the_limit_then_success_starts_the_count_again(client, people):
    for _ in range(LIMIT - 1):
        _sign_in(client, "ana", "wrong")
    assert _signed_in(_sign_in(client, "ana", PASSWORD))
    client.logout()
    for _ in range(LIMIT - 1):
        _sign_in(client, "ana", "wrong")
    assert _signed_in(_sign_in(client, "ana", PASSWORD))


def test_the_admin_sign_in_is_locked_too(client, people):
    people.manager.is_staff = True
    people.manager.is_superuser = True
    people.manager.save()
    url = reverse("admin:login")
    for _ in range(LIMIT):
        _sign_in(client, "mere", "wrong", url=url)
    response = _sign_in(client, "mere", PASSWORD, url=url)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_says_what_happened_in_words(client, people):
    for _ in range(LIMIT):
        _sign_in(client, "ana", "wrong")
    response = _sign_in(client, "ana", PASSWORD)
    html = response.content.decode()
    assert response.status_code == 429
    assert "<h1" in html and "Sign-in paused" in html
    assert "paused for 1 hour" in html
    assert 'role="alert"' in html
    assert reverse("password_reset") in html


def test_the_reset_command_in_the_readme_lifts_the_lock(client, people):
    for _ in range(LIMIT):
        _sign_in(client, "ana", "wrong", address="10.0.0.1")
    assert _sign_in(client, "ana", PASSWORD, address="10.0.0.2").status_code == 429
    call_command("axes_reset_username", "ana", verbosity=0)
    assert _signed_in(_sign_in(client, "ana", PASSWORD, address="10.0.0.2"))
    readme = (settings.BASE_DIR / "README.md").read_text(encoding="utf-8")
    assert "manage.py axes_reset_username" in readme


def test_sign_ins_failures_and_lockouts_are_audit_events(client, people):
    assert _signed_in(_sign_in(client, "ana", PASSWORD, address="10.0.0.7"))
    signed_in = AuditEvent.objects.get(action=AuditAction.SIGNED_IN)
    assert signed_in.actor == people.analyst
    assert signed_in.organisation == people.organisation
    assert signed_in.assessment is None
    assert signed_in.data == {"method": "password", "address": "10.0.0.7"}
    client.logout()

    for _ in range(LIMIT):
        _sign_in(client, "ben", "wrong", address="10.0.0.8")
    failed = AuditEvent.objects.filter(action=AuditAction.SIGN_IN_FAILED)
    assert failed.count() == LIMIT
    first = failed.first()
    assert first is not None
    assert first.actor == people.analyst2
    assert first.organisation == people.organisation
    assert first.data == {"username": "ben", "address": "10.0.0.8", "method": "password"}
    lockout = AuditEvent.objects.get(action=AuditAction.LOCKED_OUT)
    assert lockout.actor == people.analyst2
    assert lockout.data == {"username": "ben", "address": "10.0.0.8"}

    # The right password while locked is refused, and recorded as refused.
    _sign_in(client, "ben", PASSWORD, address="10.0.0.8")
    assert AuditEvent.objects.filter(action=AuditAction.LOCKED_OUT).count() == 2
    assert not AuditEvent.objects.filter(action=AuditAction.SIGNED_IN, actor=people.analyst2)


def test_a_failed_sign_in_as_nobody_is_recorded_with_no_organisation(client, people):
    _sign_in(client, "nobody-here", "wrong")
    event = AuditEvent.objects.get(action=AuditAction.SIGN_IN_FAILED)
    assert event.actor is None
    assert event.organisation is None
    assert event.data["username"] == "nobody-here"


def test_behind_one_proxy_the_address_is_the_one_the_proxy_saw(client, people, settings):
    settings.DPUP_TRUSTED_PROXIES = 1
    # Everyone arrives from the proxy (10.0.0.1); a forged left-hand entry changes nothing.
    for n in range(LIMIT):
        client.post(
            reverse("login"),
            {"username": f"guess{n}", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.9",
        )
    locked = client.post(
        reverse("login"),
        {"username": "ana", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert locked.status_code == 429
    elsewhere = client.post(
        reverse("login"),
        {"username": "ana", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert _signed_in(elsewhere)
    assert AuditEvent.objects.filter(action=AuditAction.SIGNED_IN).get().data["address"] == (
        "198.51.100.7"
    )


def test_a_lock_lasts_an_hour_and_tries_during_it_do_not_extend_it(client, people):
    start = timezone.now()
    with _at(start):
        for _ in range(LIMIT):
            _sign_in(client, "ana", "wrong")
    with _at(start + timedelta(minutes=59)):
        assert _sign_in(client, "ana", PASSWORD).status_code == 429
    with _at(start + timedelta(minutes=61)):
        assert _signed_in(_sign_in(client, "ana", PASSWORD))


@contextmanager
def _at(moment):
    # Axes reads the clock through names it imported itself.
    with (
        mock.patch("django.utils.timezone.now", return_value=moment),
        mock.patch("axes.attempts.now", return_value=moment),
        mock.patch("axes.handlers.proxy.now", return_value=moment),
    ):
        yield
