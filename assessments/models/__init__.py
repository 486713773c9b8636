from assessments.models.assessment import (
    EDITABLE_STATUSES,
    Assessment,
    Consultation,
    DataForm,
    DataItem,
    DataSource,
    Depth,
    InitiativeKind,
    Party,
    Readiness,
    Status,
    WhenTold,
)
from assessments.models.people import Organisation, User

__all__ = [
    "EDITABLE_STATUSES",
    "Assessment",
    "Consultation",
    "DataForm",
    "DataItem",
    "DataSource",
    "Depth",
    "InitiativeKind",
    "Organisation",
    "Party",
    "Readiness",
    "Status",
    "User",
    "WhenTold",
]
