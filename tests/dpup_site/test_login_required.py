"""Every page but the sign-in pages needs a login."""

import pytest

from tests.urlwalk import walk

# Signing in, and getting back in after forgetting a password, need no session.
PUBLIC = {
    "login",
    "admin:login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}
URLS = sorted(walk(), key=lambda url: url.path)


def test_the_walk_finds_the_project_and_admin_urls():
    names = {url.name for url in URLS}
    assert {"home", "login", "logout", "password_change", "admin:index"} <= names
    assert len(URLS) > 20


@pytest.mark.django_db
@pytest.mark.parametrize("url", [u for u in URLS if u.name not in PUBLIC], ids=lambda u: u.name)
def test_anonymous_visitor_is_sent_to_sign_in(client, url):
    response = client.get(url.path)
    assert response.status_code == 302, f"{url.path} answered {response.status_code}"
    assert response["Location"].startswith(("/accounts/login/", "/admin/login/"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/accounts/login/",
        "/admin/login/",
        "/accounts/password/reset/",
        "/accounts/password/reset/sent/",
        "/accounts/password/reset/complete/",
    ],
)
def test_sign_in_pages_are_open(client, path):
    assert client.get(path).status_code == 200
