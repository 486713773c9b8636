"""Background work: rendering the approved record.

With the database backend a `db_worker` process picks the task up; without a worker
(`ImmediateBackend`) it runs inline as soon as it is enqueued.
"""

from django_tasks import task

from assessments.models import Assessment, Status
from assessments.records import record_store


@task()
def render_approved_record(assessment_id: int) -> str:
    """Render and keep the record of an approved version; return its SHA-256."""
    assessment = Assessment.objects.get(pk=assessment_id)
    if assessment.status not in (Status.APPROVED, Status.SUPERSEDED):
        # Only what was signed is stored; a draft record is rendered on request.
        raise ValueError(f"{assessment.reference} v{assessment.version} is not approved.")
    return record_store(assessment=assessment).sha256
