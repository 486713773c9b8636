"""factory_boy factories shared by the tests."""

import factory
from django.contrib.auth.models import Group

from assessments.models import Assessment, Consultation, DataItem, Organisation, User
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
            # get_or_create: transactional tests flush the groups the data migration made.
            self.groups.set([Group.objects.get_or_create(name=role.label)[0] for role in extracted])


class AssessmentFactory(factory.django.DjangoModelFactory[Assessment]):
    class Meta:
        model = Assessment
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    owner = factory.SubFactory(UserFactory, organisation=factory.SelfAttribute("..organisation"))
    reference = factory.Sequence(lambda n: f"DPUP-2026-{n + 1:04d}")
    title = factory.Sequence(lambda n: f"Whānau support programme {n}")
    initiative_kind = "service"
    purpose_statement = "Match whānau to support services that meet their needs."


class DataItemFactory(factory.django.DjangoModelFactory[DataItem]):
    class Meta:
        model = DataItem

    assessment = factory.SubFactory(AssessmentFactory)
    position = factory.Sequence(lambda n: n)
    name = factory.Sequence(lambda n: f"Data item {n}")
    justification = "Needed to decide which service fits."
    retention = "P2Y"


class ConsultationFactory(factory.django.DjangoModelFactory[Consultation]):
    class Meta:
        model = Consultation

    assessment = factory.SubFactory(AssessmentFactory)
    position = factory.Sequence(lambda n: n)
    party = "privacy_officer"
    depth = "review"
    summary = "Reviewed the data items."
