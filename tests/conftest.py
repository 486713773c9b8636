"""The people every permission test speaks of, and settings that keep tests fast."""

from dataclasses import dataclass

import pytest

from assessments.models import Organisation, User
from assessments.roles import Role
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests speak plain HTTP to the test client; production redirects to HTTPS.
    settings.SECURE_SSL_REDIRECT = False
    # Production serves hashed files from collectstatic; tests read the app's static folders.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Production renders records in db_worker; tests run tasks inline unless they start one.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@dataclass(frozen=True)
class People:
    organisation: Organisation
    other_organisation: Organisation
    analyst: User
    analyst2: User
    officer: User
    manager: User
    outsider: User


@pytest.fixture
def people(db) -> People:
    """Alice-and-Bob for this app: one of each role, plus an outsider from another organisation."""
    organisation = OrganisationFactory.create(name="Ōtautahi Whānau Services")
    other = OrganisationFactory.create(name="Tai Tokerau Family Trust")
    return People(
        organisation=organisation,
        other_organisation=other,
        analyst=UserFactory.create(username="ana", organisation=organisation, roles=[Role.ANALYST]),
        analyst2=UserFactory.create(
            username="ben", organisation=organisation, roles=[Role.ANALYST]
        ),
        officer=UserFactory.create(
            username="ofa", organisation=organisation, roles=[Role.PRIVACY_OFFICER]
        ),
        manager=UserFactory.create(
            username="mere", organisation=organisation, roles=[Role.MANAGER]
        ),
        outsider=UserFactory.create(username="otto", organisation=other, roles=[Role.ANALYST]),
    )
