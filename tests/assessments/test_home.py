import pytest
from django.urls import reverse

from assessments.te_reo import mark_te_reo
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SECTIONS = {"analyst-actions", "officer-actions", "manager-actions", "staff-actions"}


@pytest.mark.parametrize(
    ("who", "role_label", "section"),
    [
        ("analyst", "Analyst", "analyst-actions"),
        ("officer", "Privacy officer", "officer-actions"),
        ("manager", "Manager", "manager-actions"),
    ],
)
def test_home_shows_person_organisation_role_and_their_actions(
    client, people, who, role_label, section
):
    user = getattr(people, who)
    client.force_login(user)
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert user.username in html
    assert mark_te_reo("Ōtautahi Whānau Services") in html  # lang="mi" on Ōtautahi, Whānau
    assert role_label in html
    assert f'id="{section}"' in html
    for other in SECTIONS - {section}:
        assert f'id="{other}"' not in html


def test_outsider_sees_only_their_own_organisation(client, people):
    client.force_login(people.outsider)
    html = client.get(reverse("home")).content.decode()
    assert mark_te_reo("Tai Tokerau Family Trust") in html
    assert "Ōtautahi" not in html


def test_person_with_several_roles_sees_each(client, people):
    people.officer.groups.add(*people.manager.groups.all())
    client.force_login(people.officer)
    html = client.get(reverse("home")).content.decode()
    assert 'id="officer-actions"' in html
    assert 'id="manager-actions"' in html


def test_person_without_organisation_or_role_is_told_what_to_do(client):
    user = UserFactory.create(organisation=None)
    client.force_login(user)
    html = client.get(reverse("home")).content.decode()
    assert "ask an administrator to add you to your organisation" in html
    assert "ask an administrator for a role" in html


@pytest.mark.parametrize(
    ("who", "shown", "hidden"),
    [
        ("analyst", ["my_work"], ["review_queue", "portfolio"]),
        ("officer", ["review_queue", "portfolio"], ["my_work"]),
        ("manager", ["portfolio"], ["my_work", "review_queue"]),
    ],
)
def test_navigation_offers_each_role_its_pages(client, people, who, shown, hidden):
    client.force_login(getattr(people, who))
    html = client.get(reverse("home")).content.decode()
    for name in shown:
        assert f'href="{reverse(name)}"' in html
    for name in hidden:
        assert f'class="nav-link" href="{reverse(name)}"' not in html
