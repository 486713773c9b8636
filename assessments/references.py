"""Organisation references such as DPUP-2026-0007: unique within the organisation."""

import re

from django.db import IntegrityError, transaction
from django.utils import timezone

from assessments.models import Assessment, Organisation

PREFIX = "DPUP"
ATTEMPTS = 5


def reference_next(*, organisation: Organisation, year: int | None = None) -> str:
    """Return the next unused reference of the form DPUP-YEAR-NNNN in `organisation`."""
    year = year or timezone.localdate().year
    stem = f"{PREFIX}-{year}-"
    pattern = re.compile(rf"^{re.escape(stem)}(\d+)$")
    taken = Assessment.objects.filter(
        organisation=organisation, reference__startswith=stem
    ).values_list("reference", flat=True)
    numbers = [int(m.group(1)) for ref in taken if (m := pattern.match(ref))]
    return f"{stem}{max(numbers, default=0) + 1:04d}"


def assessment_save_new(*, assessment: Assessment) -> Assessment:
    """Insert `assessment`, giving it the next reference when it has none.

    Two people creating at the same moment can pick the same number; the unique constraint
    refuses the second, which then takes the next one.
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
