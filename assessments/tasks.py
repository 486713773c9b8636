"""Background work: rendering the approved record.

With the database backend a `db_worker` process picks the task up (the default in production);
without a worker (`ImmediateBackend`, the development server's default) it runs inline as soon
as it is enqueued. A render that fails is tried again later; when every attempt has failed the
failure is kept where the privacy officers and managers see it (`RecordRenderFailure`).
"""

import datetime
import logging

from django.db.models import F
from django.utils import timezone
from django_tasks import task, task_backends

from assessments.models import Assessment, RecordRenderFailure, Status
from assessments.records import record_store

logger = logging.getLogger(__name__)

# Waits before the second and third attempts: long enough for a passing fault (the database
# restarting, memory running short) to clear, short enough that nobody waits an afternoon.
RETRY_DELAYS = (datetime.timedelta(seconds=30), datetime.timedelta(minutes=5))
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


@task()
def render_approved_record(assessment_id: int, attempt: int = 1) -> str:
    """Render and keep the record of an approved version; return its SHA-256."""
    assessment = Assessment.objects.get(pk=assessment_id)
    if assessment.status not in (Status.APPROVED, Status.SUPERSEDED):
        # Only what was signed is stored; a draft record is rendered on request.
        raise ValueError(f"{assessment.reference} v{assessment.version} is not approved.")
    try:
        return record_store(assessment=assessment).sha256
    except Exception as error:
        _record_failure(assessment_id, attempt, error)
        raise


def _record_failure(assessment_id: int, attempt: int, error: Exception) -> None:
    gave_up = attempt >= MAX_ATTEMPTS
    failure, created = RecordRenderFailure.objects.get_or_create(
        assessment_id=assessment_id,
        defaults={"attempts": 1, "error": repr(error)[:2000], "gave_up": gave_up},
    )
    if not created:
        RecordRenderFailure.objects.filter(pk=failure.pk).update(
            attempts=F("attempts") + 1,
            error=repr(error)[:2000],
            gave_up=gave_up,
            failed_at=timezone.now(),
        )
    logger.error(
        "Rendering the record of assessment %s failed (attempt %s of %s): %r",
        assessment_id,
        attempt,
        MAX_ATTEMPTS,
        error,
    )
    if gave_up:
        return
    retry = render_approved_record
    if task_backends[retry.backend].supports_defer:
        retry = retry.using(run_after=timezone.now() + RETRY_DELAYS[attempt - 1])
    retry.enqueue(assessment_id, attempt + 1)
