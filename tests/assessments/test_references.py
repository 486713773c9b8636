"""References like DPUP-2026-0007: unique within an organisation, assigned when absent."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from assessments import references
from assessments.models import Assessment
from assessments.references import assessment_save_new, reference_next
from tests.factories import AssessmentFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_next_reference_counts_within_the_organisation_and_year(people):
    AssessmentFactory.create(organisation=people.organisation, reference="DPUP-2026-0007")
    AssessmentFactory.create(organisation=people.organisation, reference="dpup-2025-0042")
    AssessmentFactory.create(organisation=people.organisation, reference="OWN-REF-99")
    AssessmentFactory.create(organisation=people.other_organisation, reference="DPUP-2026-0100")
    assert reference_next(organisation=people.organisation, year=2026) == "DPUP-2026-0008"
    assert reference_next(organisation=people.organisation, year=2026) == "DPUP-2026-0009"
    assert reference_next(organisation=people.organisation, year=2025) == "DPUP-2025-0043"
    assert reference_next(organisation=people.other_organisation, year=2026) == "DPUP-2026-0101"
    assert reference_next(organisation=people.organisation, year=2027) == "DPUP-2027-0001"


def test_a_number_given_by_hand_after_the_counter_is_skipped(people):
    assert reference_next(organisation=people.organisation, year=2026) == "DPUP-2026-0001"
    AssessmentFactory.create(organisation=people.organisation, reference="dpup-2026-0002")
    assert reference_next(organisation=people.organisation, year=2026) == "DPUP-2026-0003"


def test_taking_a_reference_reads_a_constant_number_of_rows(people, django_assert_num_queries):
    for n in range(1, 30):
        AssessmentFactory.create(organisation=people.organisation, reference=f"DPUP-2026-{n:04d}")
    reference_next(organisation=people.organisation, year=2026)
    # Lock the counter, check the number is free, move the counter (and the savepoint).
    with django_assert_num_queries(5):
        assert reference_next(organisation=people.organisation, year=2026) == "DPUP-2026-0031"


def test_references_differing_only_in_case_are_refused_by_the_database(people):
    AssessmentFactory.create(organisation=people.organisation, reference="DPUP-2026-0001")
    with pytest.raises(IntegrityError), transaction.atomic():
        AssessmentFactory.create(organisation=people.organisation, reference="dpup-2026-0001")


def test_full_clean_names_a_reference_taken_in_another_case(people):
    AssessmentFactory.create(organisation=people.organisation, reference="DPUP-2026-0001")
    twin = AssessmentFactory.build(
        organisation=people.organisation, owner=people.analyst, reference="dpup-2026-0001"
    )
    with pytest.raises(ValidationError) as refused:
        twin.full_clean()
    assert "already used in the organisation" in str(refused.value)


@pytest.mark.parametrize(
    "reference", ["DPUP-2026-0001\n", "DPUP 2026", "DPUP\u20112026", "-DPUP", "Tāmaki-1", 'a"b']
)
def test_the_model_refuses_references_outside_the_pattern(people, reference):
    bad = AssessmentFactory.build(
        organisation=people.organisation, owner=people.analyst, reference=reference
    )
    with pytest.raises(ValidationError) as refused:
        bad.full_clean()
    assert "only ASCII letters, digits and . _ / -" in str(refused.value.message_dict["reference"])
    with pytest.raises(ValidationError):
        bad.save()


def test_the_same_reference_may_be_used_by_two_organisations(people):
    AssessmentFactory.create(organisation=people.organisation, reference="DPUP-2026-0001")
    AssessmentFactory.create(organisation=people.other_organisation, reference="DPUP-2026-0001")
    assert Assessment.objects.filter(reference="DPUP-2026-0001").count() == 2


def test_a_reference_taken_meanwhile_is_retried_with_the_next(people, monkeypatch):
    taken = AssessmentFactory.create(organisation=people.organisation)
    calls = []
    real = references.reference_next

    def stale_first(**kwargs):
        # The first answer is what a racing request would have computed a moment earlier.
        calls.append(kwargs)
        return taken.reference if len(calls) == 1 else real(**kwargs)

    monkeypatch.setattr(references, "reference_next", stale_first)
    new = Assessment(
        organisation=people.organisation, owner=people.analyst, title="Racing", reference=""
    )
    assessment_save_new(assessment=new)
    assert len(calls) == 2
    assert new.pk is not None
    assert new.reference != taken.reference


def test_given_reference_is_kept(people):
    org = OrganisationFactory.create()
    new = Assessment(organisation=org, owner=people.analyst, title="t", reference="OURS-1")
    assert assessment_save_new(assessment=new).reference == "OURS-1"
