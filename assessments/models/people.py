"""Organisations (agencies and NGOs) and the people who work in them."""

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models

from assessments.roles import Role


class Organisation(models.Model):
    """A social-sector agency or NGO; its assessments are visible only to its own people."""

    name = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who signs in; belongs to one organisation and holds roles through groups."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="members",
        null=True,
        blank=True,
        help_text="Staff who only administer the site may have none.",
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    @cached_property
    def roles(self) -> frozenset[Role]:
        """Return the roles this person holds (reads groups once; prefetch them for lists)."""
        found = (Role.from_group_name(group.name) for group in self.groups.all())
        return frozenset(role for role in found if role is not None)

    def has_role(self, role: Role) -> bool:
        return role in self.roles

    @property
    def role_labels(self) -> list[str]:
        return [role.label for role in Role if role in self.roles]

    def __str__(self) -> str:
        return self.get_full_name() or self.username
