import pytest
from django.core.management import CommandError, call_command

from assessments.demo import DEMO_ORGANISATION, DEMO_PASSWORD, OTHER_ORGANISATION
from assessments.models import Assessment, Organisation, User
from assessments.roles import Role

pytestmark = pytest.mark.django_db


def test_seed_demo_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only with DJANGO_DEBUG=true"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_seed_demo_creates_the_demo_people(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    expected = {
        "analyst": (DEMO_ORGANISATION, {Role.ANALYST}),
        "analyst2": (DEMO_ORGANISATION, {Role.ANALYST}),
        "officer": (DEMO_ORGANISATION, {Role.PRIVACY_OFFICER}),
        "manager": (DEMO_ORGANISATION, {Role.MANAGER}),
        "outsider": (OTHER_ORGANISATION, {Role.ANALYST}),
    }
    for username, (organisation, roles) in expected.items():
        user = User.objects.get(username=username)
        assert user.organisation is not None
        assert user.organisation.name == organisation
        assert user.roles == roles
        assert user.check_password(DEMO_PASSWORD)
    printed = capsys.readouterr().out
    assert "analyst    / dpup-demo" in printed


def test_seed_demo_twice_changes_nothing(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    before = (
        Organisation.objects.count(),
        User.objects.count(),
        sorted(User.groups.through.objects.values_list("user__username", "group__name")),
    )
    officer = User.objects.get(username="officer")
    officer.set_password("changed-by-hand")
    officer.save()
    call_command("seed_demo")
    after = (
        Organisation.objects.count(),
        User.objects.count(),
        sorted(User.groups.through.objects.values_list("user__username", "group__name")),
    )
    assert before == after == (2, 5, before[2])
    assert Assessment.objects.count() == 3


def test_seed_demo_adds_example_assessments_at_each_readiness(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    examples = Assessment.objects.filter(organisation__name=DEMO_ORGANISATION)
    assert {a.readiness for a in examples} == {"ready", "needs_work", "not_ready"}
    assert all(a.owner.username == "analyst" and a.data_items.count() >= 5 for a in examples)
    assert any("over 65" in a.title.lower() or "65" in a.title for a in examples)
    assert User.objects.get(username="officer").check_password(DEMO_PASSWORD)


def test_demo_analyst_can_sign_in(settings, client):
    settings.DEBUG = True
    call_command("seed_demo")
    response = client.post("/accounts/login/", {"username": "analyst", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
