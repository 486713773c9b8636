"""Organisation references such as DPUP-2026-0007: unique within the organisation, any case.

The next number comes from a counter row per organisation and year, taken under a row lock, so
that giving one is a constant number of queries however many assessments exist (a scan of every
reference made an import of n assessments quadratic).
"""

import re
from collections.abc import Collection

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from assessments.models import Assessment, Organisation, ReferenceCounter

PREFIX = "DPUP"
ATTEMPTS = 5


def references_taken(
    *, organisation: Organisation, references: set[str]
) -> "QuerySet[Assessment, str]":
    """Return those of `references` already used in `organisation`, compared in lower case.

    Uses the unique index on (lower(reference), organisation, version).
    """
    return (
        Assessment.objects.annotate(reference_lower=Lower("reference"))
        .filter(
            organisation=organisation,
            reference_lower__in={reference.lower() for reference in references},
        )
        .values_list("reference", flat=True)
    )


def _highest_number(organisation: Organisation, stem: str) -> int:
    """The highest NNNN of STEM-NNNN in use: read once, when a year's counter is first made."""
    pattern = re.compile(rf"{re.escape(stem)}(\d+)", re.IGNORECASE)
    taken = Assessment.objects.filter(
        organisation=organisation, reference__istartswith=stem
    ).values_list("reference", flat=True)
    return max((int(m.group(1)) for ref in taken if (m := pattern.fullmatch(ref))), default=0)


def _locked_counter(organisation: Organisation, year: int, stem: str) -> ReferenceCounter:
    counters = ReferenceCounter.objects.select_for_update()
    counter = counters.filter(organisation=organisation, year=year).first()
    if counter is not None:
        return counter
    try:
        with transaction.atomic():
            return ReferenceCounter.objects.create(
                organisation=organisation,
                year=year,
                last_number=_highest_number(organisation, stem),
            )
    except IntegrityError:
        # Another writer made it first; wait for its lock.
        return counters.get(organisation=organisation, year=year)


@transaction.atomic
def references_next(
    *,
    organisation: Organisation,
    count: int,
    avoid: Collection[str] = (),
    year: int | None = None,
) -> list[str]:
    """Take the next `count` unused references DPUP-YEAR-NNNN in `organisation`, in order.

    One lock, one look-up and one update however many are taken. The numbers are taken for
    good (the counter row stays locked until the caller's transaction ends): a number whose
    insert is rolled back is not given again, as with a sequence. References given by hand
    (in the database, or in `avoid`, compared in lower case) are skipped.
    """
    year = year or timezone.localdate().year
    stem = f"{PREFIX}-{year}-"
    counter = _locked_counter(organisation, year, stem)
    avoided = {reference.lower() for reference in avoid}
    taken: list[str] = []
    number = counter.last_number
    while len(taken) < count:
        wanted = count - len(taken)
        batch = [f"{stem}{n:04d}" for n in range(number + 1, number + 1 + wanted)]
        number += wanted
        used = avoided | {
            ref.lower()
            for ref in references_taken(organisation=organisation, references=set(batch))
        }
        taken += [reference for reference in batch if reference.lower() not in used]
    ReferenceCounter.objects.filter(pk=counter.pk).update(last_number=number)
    return taken


def reference_next(*, organisation: Organisation, year: int | None = None) -> str:
    """Take the next unused reference of the form DPUP-YEAR-NNNN in `organisation`."""
    return references_next(organisation=organisation, count=1, year=year)[0]


def assessment_save_new(*, assessment: Assessment) -> Assessment:
    """Insert `assessment`, giving it the next reference when it has none.

    The counter makes two writers' numbers differ; the unique constraint stays the guarantee,
    and a clash with a reference inserted meanwhile by hand takes the next number.
    """
    if assessment.reference:
        assessment.save()
        return assessment
    for attempt in range(ATTEMPTS):
        assessment.reference = reference_next(organisation=assessment.organisation)
        try:
            with transaction.atomic():
                assessment.save()
            return assessment
        except IntegrityError:
            if attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")
