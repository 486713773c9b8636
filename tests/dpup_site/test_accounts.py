"""Sign in, sign out and change password, as a person would."""

import pytest
from django.urls import reverse

from assessments.te_reo import mark_te_reo
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_sign_in_with_good_password_lands_on_home(client, people):
    response = client.post(reverse("login"), {"username": "ana", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    home = client.get(reverse("home")).content.decode()
    assert mark_te_reo("Ōtautahi Whānau Services") in home


def test_sign_in_with_bad_password_shows_error_summary_and_keeps_username(client, people):
    response = client.post(reverse("login"), {"username": "ana", "password": "wrong"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in html
    assert "Please enter a correct username and password" in html
    assert 'value="ana"' in html


def test_sign_out_is_a_post_and_ends_the_session(client, people):
    client.force_login(people.analyst)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_change_password(client, people):
    client.force_login(people.analyst)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-much-longer-passphrase",
            "new_password2": "a-much-longer-passphrase",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    people.analyst.refresh_from_db()
    assert people.analyst.check_password("a-much-longer-passphrase")


def test_change_password_error_names_the_field(client, people):
    client.force_login(people.analyst)
    response = client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": "x", "new_password2": "y"},
    )
    html = response.content.decode()
    assert 'href="#id_old_password"' in html
    assert "Old password" in html
