"""References like DPUP-2026-0007: unique within an organisation, assigned when absent."""

import pytest

from assessments import references
from assessments.models import Assessment
from assessments.references import assessment_save_new, reference_next
from tests.factories import AssessmentFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_next_reference_counts_within_the_organisation_and_year(people):
    assert reference_next(organisation=people.organisation, year=2026) == "DPUP-2026-0001"
    AssessmentFactory.create(organisation=people.organisation, reference="DPUP-2026-0007")
    AssessmentFactory.create(organisation=people.organisation, reference="DPUP-2025-0042")
    AssessmentFactory.create(organisation=people.organisation, reference="OWN-REF-99")
    AssessmentFactory.create(organisation=people.other_organisation, reference="DPUP-2026-0100")
    assert reference_next(organisation=people.organisation, year=2026) == "DPUP-2026-0008"
    assert reference_next(organisation=people.organisation, year=2025) == "DPUP-2025-0043"
    assert reference_next(organisation=people.other_organisation, year=2026) == "DPUP-2026-0101"


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
