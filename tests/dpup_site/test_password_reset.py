"""Password reset by e-mail, and sessions that end after a working day idle."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _ask_for_reset(client, email):
    return client.post(reverse("password_reset"), {"email": email})


def test_the_sign_in_page_links_to_the_reset(client):
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()


def test_a_reset_link_is_e_mailed_and_sets_a_new_password(client, people, settings):
    settings.SITE_URL = "https://dpup.example.govt.nz"
    response = _ask_for_reset(client, "ana@example.org.nz")
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@example.org.nz"]
    assert message.subject == "Reset your DPUP assessments password"
    link = re.search(
        r"https://dpup\.example\.govt\.nz(/accounts/password/reset/\S+/)", str(message.body)
    )
    assert link, message.body

    # Django swaps the token for a session key and redirects to a URL without it.
    form_url = client.get(link.group(1))["Location"]
    page = client.get(form_url)
    assert "Choose a new password" in page.content.decode()
    new = "kōwhai-in-spring-2026"
    done = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert done["Location"] == reverse("password_reset_complete")
    people.analyst.refresh_from_db()
    assert people.analyst.check_password("kōwhai-in-spring-2026")
    # The link works once.
    again = client.get(link.group(1), follow=True).content.decode()
    assert "This link no longer works" in again


def test_the_reset_page_does_not_tell_whether_an_address_has_an_account(client, people):
    known = _ask_for_reset(client, "ana@example.org.nz")
    unknown = _ask_for_reset(client, "nobody@example.org.nz")
    assert len(mail.outbox) == 1
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    page = client.get(known["Location"]).content.decode()
    assert "If an account uses the address you entered" in page


def test_the_link_uses_the_site_address_not_the_host_header(client, people, settings):
    settings.SITE_URL = "https://dpup.example.govt.nz"
    settings.ALLOWED_HOSTS = ["*"]
    client.post(
        reverse("password_reset"), {"email": "ana@example.org.nz"}, HTTP_HOST="evil.example"
    )
    assert "evil.example" not in mail.outbox[0].body
    assert "https://dpup.example.govt.nz/accounts/password/reset/" in mail.outbox[0].body


def test_new_passwords_that_do_not_match_are_named_in_the_error_summary(client, people):
    _ask_for_reset(client, "ana@example.org.nz")
    found = re.search(r"(/accounts/password/reset/\S+/)", str(mail.outbox[0].body))
    assert found
    path = found.group(1)
    form_url = client.get(path)["Location"]
    html = client.post(
        form_url, {"new_password1": "kōwhai-in-spring-2026", "new_password2": "different"}
    ).content.decode()
    assert 'id="error-summary"' in html
    assert 'href="#id_new_password2"' in html
    assert re.search(r"<label\s+for=\"id_new_password1\"[^>]*>\s*New password", html)


def test_an_empty_address_is_named_in_the_error_summary(client):
    html = client.post(reverse("password_reset"), {"email": ""}).content.decode()
    assert 'href="#id_email"' in html
    assert "This field is required" in html


def _at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def test_a_session_ends_after_eight_idle_hours_and_activity_extends_it(client, people):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    client.post(reverse("login"), {"username": "ana", "password": PASSWORD})
    start = timezone.now()
    with _at(start + timedelta(hours=7)):
        assert client.get(reverse("home")).status_code == 200
    # Seven hours idle, then a request: the day starts again from there.
    with _at(start + timedelta(hours=14)):
        assert client.get(reverse("home")).status_code == 200
    with _at(start + timedelta(hours=22, minutes=1)):
        response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
