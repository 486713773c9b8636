"""Import and export assessments in the interchange format (assessment.schema.json).

`assessment_to_dict` is the one snapshot of an assessment: export, the scorer, the PDF record and
the sign-off hash are all made from it. The model mirrors the schema (section `purpose`, key
`statement` -> field `purpose_statement`), so both directions walk the schema's own property
lists and a key added to the schema needs no change here, only a model field.
"""

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from django.db import IntegrityError, models, transaction

import principles
from assessments.canonical import canonical_json
from assessments.interchange_reading import load_documents, read_documents
from assessments.interchange_validation import (
    NOT_STORED_YET,
    SCHEMA,
    SCHEMA_ID,
    STORED_PROPERTIES,
    Document,
    InvalidDocument,
    Problem,
    documents_from_data,
    json_path,
    located_documents,
    validate,
)
from assessments.models import Assessment, Consultation, DataItem, Organisation, User
from assessments.models.fields import nfc
from assessments.references import assessment_save_new, references_next, references_taken

__all__ = [
    "SCHEMA",
    "SCHEMA_ID",
    "Document",
    "InvalidDocument",
    "Problem",
    "assessment_import",
    "assessment_to_dict",
    "assessments_import",
    "canonical_json",
    "documents_from_data",
    "export_document",
    "load_documents",
    "located_documents",
    "read_documents",
    "snapshot_queryset",
    "validate",
]

PROPERTIES = STORED_PROPERTIES
ORGANISATION = "organisation"
REFERENCE = "reference"
# Lists of objects in the schema are rows of their own, kept in order by `position`.
ROW_MODELS: dict[str, type[models.Model]] = {
    "data_items": DataItem,
    "consultations": Consultation,
}


def _is_section(prop: Mapping[str, Any]) -> bool:
    return prop.get("type") == "object" and "properties" in prop


def _nullable(prop: Mapping[str, Any]) -> bool:
    types = prop.get("type")
    if None in prop.get("enum", ()):
        return True
    return types == "null" or (isinstance(types, list) and "null" in types)


def _to_json(value: Any) -> Any:
    """Return a fresh JSON value, so that callers never share the model's own lists."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _to_json(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_to_json(item) for item in value]
    return value


def _from_json(value: Any, prop: Mapping[str, Any]) -> Any:
    # Text needs no care here: the model fields store it in NFC.
    return date.fromisoformat(value) if prop.get("format") == "date" else value


def _object_dict(source: object, properties: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Return every property read from `source`, leaving out None where null is not allowed."""
    result = {}
    for key, prop in properties.items():
        value = getattr(source, prefix + key)
        if value is not None or _nullable(prop):
            result[key] = _to_json(value)
    return result


def assessment_to_dict(
    assessment: Assessment, *, rows: Mapping[str, Iterable[models.Model]] | None = None
) -> dict[str, Any]:
    """Return the canonical interchange document of an assessment.

    Every key of the schema, in the schema's order. Reads `organisation`, `data_items` and
    `consultations` through the instance, so select_related and prefetch_related save queries.
    `rows` gives the data items and consultations instead, for an assessment not saved yet.
    """
    doc: dict[str, Any] = {}
    for key, prop in PROPERTIES.items():
        if "const" in prop:
            doc[key] = prop["const"]
        elif key == ORGANISATION:
            doc[key] = assessment.organisation.name
        elif key in ROW_MODELS:
            # .all() rather than a filter, so that a prefetch is used; Meta orders by position.
            found = rows[key] if rows is not None else getattr(assessment, key).all()
            doc[key] = [_object_dict(row, prop["items"]["properties"]) for row in found]
        elif _is_section(prop):
            doc[key] = _object_dict(assessment, prop["properties"], prefix=f"{key}_")
        else:
            doc[key] = _to_json(getattr(assessment, key))
    return doc


def snapshot_queryset() -> "models.QuerySet[Assessment]":
    """Return assessments with everything assessment_to_dict reads, in three queries in all."""
    return Assessment.objects.select_related("organisation").prefetch_related(*ROW_MODELS)


def export_document(assessments: Iterable[Assessment]) -> dict[str, list[dict[str, Any]]]:
    """Return {"assessments": [...]}, one canonical document per assessment, in the given order."""
    return {"assessments": [assessment_to_dict(assessment) for assessment in assessments]}


def _assessment_fields(doc: Mapping[str, Any]) -> dict[str, Any]:
    """Map a document's top-level values and sections to Assessment field values."""
    values: dict[str, Any] = {}
    for key, value in doc.items():
        prop = PROPERTIES[key]
        if "const" in prop or key in (ORGANISATION, *ROW_MODELS):
            continue
        if _is_section(prop):
            sub = prop["properties"]
            values.update({f"{key}_{k}": _from_json(v, sub[k]) for k, v in value.items()})
        else:
            values[key] = _from_json(value, prop)
    # An empty reference cannot be unique, so it is treated as absent and one is assigned.
    if not values.get(REFERENCE):
        values.pop(REFERENCE, None)
    return values


def _create(
    doc: Mapping[str, Any], owner: User, organisation: Organisation, reference: str = ""
) -> Assessment:
    # In NFC now, as the fields would store it, so that the score below is of what is stored.
    doc = nfc(dict(doc))
    assessment = Assessment(organisation=organisation, owner=owner, **_assessment_fields(doc))
    assessment.reference = assessment.reference or reference
    rows = {
        key: [
            model(
                assessment=assessment,
                position=position,
                **{
                    k: _from_json(v, PROPERTIES[key]["items"]["properties"][k])
                    for k, v in item.items()
                },
            )
            for position, item in enumerate(doc.get(key, []))
        ]
        for key, model in ROW_MODELS.items()
    }
    # Scored from the instances about to be saved (model defaults filled in), and stored with
    # the insert, rather than read back and written again. (scoring imports this module.)
    from assessments.scoring import store_result

    store_result(assessment, principles.score(assessment_to_dict(assessment, rows=rows)))
    assessment_save_new(assessment=assessment)
    for key, model in ROW_MODELS.items():
        model._default_manager.bulk_create(rows[key])
    return assessment


def _as_documents(documents: Sequence[Mapping[str, Any] | Document]) -> list[Document]:
    """Give plain dicts the paths they would have in a file holding just them."""
    single = len(documents) == 1
    return [
        doc
        if isinstance(doc, Document)
        else Document(dict(doc), "$" if single else json_path(["assessments", index]))
        for index, doc in enumerate(documents)
    ]


def _place(document: Document) -> str:
    return f"{document.file} at {document.root}" if document.file else document.root


def _import_problems(documents: list[Document], organisation: Organisation) -> list[Problem]:
    """Refuse references already taken or repeated, and documents of another organisation."""
    problems: list[Problem] = []
    given = {
        index: nfc(doc.data[REFERENCE])
        for index, doc in enumerate(documents)
        if isinstance(doc.data.get(REFERENCE), str) and doc.data[REFERENCE]
    }
    # Compared in lower case, as the database's unique index compares them.
    taken = {
        reference.lower()
        for reference in references_taken(organisation=organisation, references=set(given.values()))
    }
    first: dict[str, Document] = {}
    for index, document in enumerate(documents):
        problems += [
            Problem(
                json_path([key], document.root),
                f"{what} cannot be imported yet: this version of the product does not store "
                f'it, and would lose it; remove "{key}" to import the rest',
                document.file,
            )
            for key, what in NOT_STORED_YET.items()
            if key in document.data
        ]
        path = json_path([REFERENCE], document.root)
        reference = given.get(index)
        key = reference.lower() if reference is not None else None
        if key in taken:
            message = (
                f'reference "{reference}" is already used in {organisation.name}; change it, or '
                "leave it out to have the next free reference assigned (references are compared "
                "whatever their case)"
            )
            problems.append(Problem(path, message, document.file))
        elif key is not None and key in first:
            message = (
                f'reference "{reference}" is also given at {_place(first[key])}; give each '
                "assessment its own reference, or leave it out to have one assigned (references "
                "are compared whatever their case)"
            )
            problems.append(Problem(path, message, document.file))
        elif key is not None:
            first[key] = document
        named = document.data.get(ORGANISATION)
        if isinstance(named, str) and nfc(named) != nfc(organisation.name):
            message = (
                f'names the organisation "{named}", but the owner belongs to '
                f'"{organisation.name}"; remove the "{ORGANISATION}" key to import into '
                f'"{organisation.name}", or import as a member of "{named}"'
            )
            problems.append(
                Problem(json_path([ORGANISATION], document.root), message, document.file)
            )
    return problems


def assessments_import(
    *, documents: Sequence[Mapping[str, Any] | Document], owner: User
) -> list[Assessment]:
    """Create one assessment per document, all or none, owned by `owner` in their organisation.

    Raise InvalidDocument listing every problem of every document, and save nothing, when any
    document is invalid, reuses a reference or names another organisation.
    """
    organisation = owner.organisation
    if organisation is None:
        raise ValueError(f"{owner.username} belongs to no organisation, so cannot own imports")
    located = _as_documents(documents)
    problems = [
        Problem(problem.path, problem.message, document.file)
        for document in located
        for problem in validate(document.data, root=document.root)
    ]
    problems += _import_problems(located, organisation)
    if problems:
        raise InvalidDocument(problems)
    with transaction.atomic():
        given = [doc.data[REFERENCE] for doc in located if doc.data.get(REFERENCE)]
        # All the references to assign, in one go, skipping those given in this import.
        assigned = iter(
            references_next(organisation=organisation, count=len(located) - len(given), avoid=given)
            if len(given) < len(located)
            else []
        )
        created = [
            _create_unless_taken(
                document,
                owner,
                organisation,
                "" if document.data.get(REFERENCE) else next(assigned),
            )
            for document in located
        ]
        through = Assessment.editors.through
        through.objects.bulk_create(
            through(assessment_id=assessment.pk, user_id=owner.pk) for assessment in created
        )
    return created


def _create_unless_taken(
    document: Document, owner: User, organisation: Organisation, reference: str
) -> Assessment:
    try:
        with transaction.atomic():
            return _create(document.data, owner, organisation, reference)
    except IntegrityError:
        # Someone else took a given reference after it was checked: say so, as the check would.
        problems = _import_problems([document], organisation)
        if problems:
            raise InvalidDocument(problems) from None
        raise


def assessment_import(*, doc: Mapping[str, Any], owner: User) -> Assessment:
    """Create one assessment from a document; raise InvalidDocument if it cannot be imported."""
    return assessments_import(documents=[doc], owner=owner)[0]
