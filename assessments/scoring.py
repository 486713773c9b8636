"""Score assessments with the Principles engine and keep the latest result on the row."""

import principles
from assessments.interchange import assessment_to_dict, snapshot_queryset
from assessments.models import Assessment
from assessments.models.assessment import FROZEN_STATUSES

SCORE_FIELDS = [f"score_{principle}" for principle in principles.PRINCIPLES]
STORED_FIELDS = ["result", "ruleset_version", "readiness", "overall_score", *SCORE_FIELDS]
RESCORE_BATCH = 200


def assessment_result(assessment: Assessment) -> principles.Result | None:
    """Return the stored result, or None when it was never scored."""
    return principles.Result.from_dict(assessment.result) if assessment.result else None


def store_result(assessment: Assessment, result: principles.Result) -> None:
    """Copy `result` onto the assessment's stored-score fields (not saved)."""
    assessment.result = result.to_dict(include_fields=True)
    assessment.ruleset_version = result.ruleset
    assessment.readiness = str(result.readiness)
    assessment.overall_score = result.overall_score
    for principle in principles.PRINCIPLES:
        setattr(assessment, f"score_{principle}", result.principle(principle).score)


def assessment_rescore(*, assessment: Assessment) -> principles.Result:
    """Score the assessment as stored now and save the result beside it.

    Reads the rows afresh: a caller's prefetched rows may predate the save that changed them.
    """
    fresh = snapshot_queryset().get(pk=assessment.pk)
    result = principles.score(assessment_to_dict(fresh))
    store_result(assessment, result)
    # Scoring is not an edit: leave updated_at and lock_version alone.
    assessment.save(update_fields=STORED_FIELDS)
    return result


def assessments_rescore(
    *, stale_only: bool = False, include_frozen: bool = True, using: str = "default"
) -> int:
    """Score stored assessments again with today's ruleset; return how many were scored.

    `stale_only` leaves those already scored by today's ruleset; without `include_frozen`,
    approved and superseded records keep their live score too. A signed snapshot is never
    touched either way: it keeps the result and ruleset version it was signed with.
    """
    queryset = snapshot_queryset().using(using).order_by("pk")
    if stale_only:
        queryset = queryset.exclude(ruleset_version=principles.RULESET_VERSION)
    if not include_frozen:
        queryset = queryset.exclude(status__in=FROZEN_STATUSES)
    scored = 0
    batch: list[Assessment] = []
    for assessment in queryset.iterator(chunk_size=RESCORE_BATCH):
        store_result(assessment, principles.score(assessment_to_dict(assessment)))
        batch.append(assessment)
        if len(batch) == RESCORE_BATCH:
            scored += _save(batch, using)
            batch = []
    return scored + _save(batch, using)


def _save(batch: list[Assessment], using: str) -> int:
    # Scoring is not an edit: only the stored-score fields are written.
    Assessment.objects.using(using).bulk_update(batch, STORED_FIELDS)
    return len(batch)
