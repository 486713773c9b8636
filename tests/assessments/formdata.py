"""Build the POST body the assessment form sends, as a browser would."""

from typing import Any

from assessments.models import Assessment

FORM_DEFAULTS: dict[str, Any] = {
    "title": "Whānau support programme",
    "initiative_kind": "service",
    "transparency_when_told": "before",
    "minimisation_identifying_needed": "unknown",
}
ITEM_DEFAULTS: dict[str, Any] = {
    "form": "quantitative",
    "source": "new_collection",
    "consistent_with_original_purpose": "unknown",
}
CONSULTATION_DEFAULTS: dict[str, Any] = {"depth": "review"}


def _rows(prefix: str, rows: list[dict[str, Any]], initial: int, defaults: dict[str, Any]):
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in {**defaults, **row}.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def form_data(
    assessment: Assessment | None = None,
    *,
    items: Any = None,
    consultations: Any = None,
    **fields: Any,
) -> dict[str, Any]:
    """Return POST data: the assessment's fields, then data item and consultation rows.

    For an existing assessment, rows that carry "id" are its saved rows (INITIAL_FORMS).
    """
    items = items or []
    consultations = consultations or []
    data = {**FORM_DEFAULTS, **fields}
    if assessment is not None:
        data.setdefault("lock_version", assessment.lock_version)
    data |= _rows("data_items", items, sum("id" in r for r in items), ITEM_DEFAULTS)
    data |= _rows(
        "consultations",
        consultations,
        sum("id" in r for r in consultations),
        CONSULTATION_DEFAULTS,
    )
    return data
