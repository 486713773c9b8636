import pytest
from django.contrib.auth.models import Group

from assessments.roles import Role


@pytest.mark.django_db
def test_migrate_creates_a_group_for_every_role():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Analyst", "Privacy officer", "Manager"} <= names
    assert {role.label for role in Role} <= names


def test_role_found_from_its_group_name():
    assert Role.from_group_name("Privacy officer") is Role.PRIVACY_OFFICER
    assert Role.from_group_name("Auditor") is None


@pytest.mark.django_db
def test_user_roles_read_from_groups(people):
    assert people.officer.roles == {Role.PRIVACY_OFFICER}
    assert people.officer.has_role(Role.PRIVACY_OFFICER)
    assert not people.officer.has_role(Role.ANALYST)
    assert people.manager.role_labels == ["Manager"]
