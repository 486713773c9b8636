from assessments.models.assessment import (
    EDITABLE_STATUSES,
    FROZEN_STATUSES,
    Assessment,
    Consultation,
    DataItem,
    Readiness,
    Status,
)
from assessments.models.guards import ImmutableRecord
from assessments.models.people import Organisation, User
from assessments.models.rendering import RecordRenderFailure
from assessments.models.workflow import (
    AuditAction,
    AuditEvent,
    Comment,
    ReviewReminder,
    SignOff,
    Snapshot,
    SnapshotKind,
    StoredRecord,
)

__all__ = [
    "EDITABLE_STATUSES",
    "FROZEN_STATUSES",
    "AuditAction",
    "AuditEvent",
    "Comment",
    "RecordRenderFailure",
    "ImmutableRecord",
    "ReviewReminder",
    "SignOff",
    "Snapshot",
    "SnapshotKind",
    "StoredRecord",
    "Assessment",
    "Consultation",
    "DataItem",
    "Organisation",
    "Readiness",
    "Status",
    "User",
]
