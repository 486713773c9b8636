"""Demonstration data for a development machine: organisations and one user per role."""

import json
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import Group
from django.db import transaction

from assessments.models import Assessment, Organisation, User
from assessments.roles import Role
from assessments.services import assessments_import

DEMO_PASSWORD = "dpup-demo"  # noqa: S105 - a published demo login, refused outside DEBUG
DEMO_DATA = Path(__file__).resolve().parent / "demo_data"
DEMO_ORGANISATION = "Ōtautahi Whānau Services"
OTHER_ORGANISATION = "Tai Tokerau Family Trust"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    organisation: str
    roles: tuple[Role, ...]


DEMO_LOGINS = (
    DemoLogin("analyst", DEMO_ORGANISATION, (Role.ANALYST,)),
    DemoLogin("analyst2", DEMO_ORGANISATION, (Role.ANALYST,)),
    DemoLogin("officer", DEMO_ORGANISATION, (Role.PRIVACY_OFFICER,)),
    DemoLogin("manager", DEMO_ORGANISATION, (Role.MANAGER,)),
    DemoLogin("outsider", OTHER_ORGANISATION, (Role.ANALYST,)),
)


@transaction.atomic
def demo_seed() -> tuple[DemoLogin, ...]:
    """Create (or bring back to their demo state) the demo organisations and users."""
    organisations = {
        name: Organisation.objects.get_or_create(name=name)[0]
        for name in (DEMO_ORGANISATION, OTHER_ORGANISATION)
    }
    groups = {role: Group.objects.get(name=role.label) for role in Role}
    for login in DEMO_LOGINS:
        user, _ = User.objects.get_or_create(username=login.username)
        user.organisation = organisations[login.organisation]
        user.first_name = login.username.capitalize()
        user.email = f"{login.username}@example.org.nz"
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set([groups[role] for role in login.roles])
    demo_assessments_seed(owner=User.objects.get(username="analyst"))
    return DEMO_LOGINS


def demo_assessments_seed(*, owner: User) -> list[Assessment]:
    """Import the example assessments written from the DPUP texts, once each (by title)."""
    documents = [
        json.loads(path.read_text(encoding="utf-8")) for path in sorted(DEMO_DATA.glob("*.json"))
    ]
    present = set(
        Assessment.objects.filter(organisation=owner.organisation).values_list("title", flat=True)
    )
    missing = [doc for doc in documents if doc["title"] not in present]
    return assessments_import(documents=missing, owner=owner) if missing else []
