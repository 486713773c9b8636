"""factory_boy factories shared by the tests."""

import factory
from django.contrib.auth.models import Group

from assessments.models import Organisation, User
from assessments.roles import Role

PASSWORD = "correct-horse-battery"


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisation {n}")


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org.nz")
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def roles(
        self: User, create: bool, extracted: tuple[Role, ...] | None, **kwargs: object
    ) -> None:
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=[role.label for role in extracted]))
