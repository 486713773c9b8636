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
    COMMENT_MAX_LENGTH,
    AuditAction,
    AuditEvent,
    Comment,
    ReferenceCounter,
    ReviewReminder,
    SignOff,
    Snapshot,
    SnapshotKind,
    StoredRecord,
)

__all__ = [
    "COMMENT_MAX_LENGTH",
    "ReferenceCounter",
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
