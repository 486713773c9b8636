"""The roles people hold in their organisation, each backed by a Django group."""

from django.db import models


class Role(models.TextChoices):
    """A role; the label is also the name of the Django group that grants it."""

    ANALYST = "analyst", "Analyst"
    PRIVACY_OFFICER = "privacy_officer", "Privacy officer"
    MANAGER = "manager", "Manager"

    @classmethod
    def from_group_name(cls, name: str) -> "Role | None":
        for role in cls:
            if role.label == name:
                return role
        return None
