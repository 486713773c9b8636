"""The interchange format: validation with JSON paths, import, export and the snapshot."""

import json
import os
from copy import deepcopy
from pathlib import Path
from typing import Any

import pytest
from django.db import models
from jsonschema import Draft202012Validator

from assessments.interchange import (
    ROW_MODELS,
    SCHEMA,
    SCHEMA_ID,
    InvalidDocument,
    Problem,
    assessment_import,
    assessment_to_dict,
    assessments_import,
    canonical_json,
    documents_from_data,
    export_document,
    load_documents,
    snapshot_queryset,
    validate,
)
from assessments.interchange_validation import STORED_PROPERTIES
from assessments.models import Assessment, Consultation, DataItem
from assessments.references import assessment_save_new

REPO = Path(__file__).resolve().parents[2]
SHARED_SCHEMA = REPO.parent / "shared" / "dpup" / "assessment.schema.json"


def minimal(**extra: Any) -> dict[str, Any]:
    """Return the smallest valid assessment, with `extra` top-level keys added."""
    return {
        "schema": SCHEMA_ID,
        "title": "Kai for whānau",
        "purpose": {"statement": "Deliver food parcels to whānau who ask for them."},
        "data_items": [],
        **extra,
    }


def full() -> dict[str, Any]:
    """Return an assessment using sections, rows, dates, nulls and justifications."""
    return minimal(
        reference="KAI-7",
        initiative_kind="service",
        summary="Food parcels, delivered.",
        purpose={
            "statement": "Deliver food parcels.",
            "beneficiaries": ["whanau", "communities"],
            "legal_basis": "Privacy Act 2020, IPP 1",
        },
        data_items=[
            {"name": "Address", "identifying": True, "retention": "P2Y"},
            {
                "name": "Dietary needs",
                "sensitive": True,
                "source": "existing",
                "consistent_with_original_purpose": None,
                "shared_with": ["Te Whatu Ora", "Foodbank"],
            },
            {"name": "Household size", "consistent_with_original_purpose": False},
        ],
        minimisation={"identifying_needed": True},
        transparency={"when_told": "after", "reason_not_told": "Urgent deliveries."},
        groups={"maori": True, "pacific": True, "other": "Kaumātua"},
        consultations=[
            {"party": "iwi_maori", "depth": "co_design", "date": "2025-03-31"},
            {"party": "privacy_officer", "summary": "Checked the notice."},
        ],
        justifications={"MW-02": "Told afterwards because deliveries are urgent.", "HT-04": "x"},
    )


def paths(problems: list[Problem]) -> list[str]:
    return [problem.path for problem in problems]


# The schema and the model


def test_project_schema_copy_equals_the_shared_contract():
    if not SHARED_SCHEMA.exists():
        # CI always has shared/ beside the checkout; a developer's clone elsewhere may not.
        assert not os.environ.get("CI"), f"CI needs the shared contract at {SHARED_SCHEMA}"
        pytest.skip(f"no shared/ beside this checkout ({SHARED_SCHEMA} is missing)")
    ours = json.loads((REPO / "assessments" / "schema" / "assessment.schema.json").read_text())
    assert ours == json.loads(SHARED_SCHEMA.read_text(encoding="utf-8"))
    assert SCHEMA == ours
    assert SCHEMA["$id"] == SCHEMA_ID
    Draft202012Validator.check_schema(SCHEMA)


def _schema_fields() -> list[tuple[type[models.Model], str, dict[str, Any]]]:
    """Return (model, field name, property schema) for every value the schema can hold."""
    pairs: list[tuple[type[models.Model], str, dict[str, Any]]] = []
    for key, prop in STORED_PROPERTIES.items():
        if key in ("schema", "organisation"):
            continue
        if key in ROW_MODELS:
            for name, sub in prop["items"]["properties"].items():
                pairs.append((ROW_MODELS[key], name, sub))
        elif prop.get("type") == "object" and "properties" in prop:
            for name, sub in prop["properties"].items():
                pairs.append((Assessment, f"{key}_{name}", sub))
        else:
            pairs.append((Assessment, key, prop))
    return pairs


def test_every_schema_property_has_a_model_field_that_can_hold_it():
    assert set(ROW_MODELS) == {
        key
        for key, prop in STORED_PROPERTIES.items()
        if prop.get("type") == "array" and prop["items"].get("type") == "object"
    }
    for model, name, prop in _schema_fields():
        field = model._meta.get_field(name)  # FieldDoesNotExist names a missing one
        assert isinstance(field, models.Field)
        where = f"{model.__name__}.{name}"
        if "enum" in prop:
            stored = [value for value, _ in field.choices or []]
            assert stored == [value for value in prop["enum"] if value is not None], where
            assert field.null == (None in prop["enum"]), where
        if "maxLength" in prop:
            assert field.max_length == prop["maxLength"], where
        if "default" in prop:
            assert field.get_default() == prop["default"], where
        if "null" in prop.get("type", []):
            assert field.null, where


def test_beneficiary_values_are_the_model_choices_of_nothing_else():
    # beneficiaries is a JSON list on the model; the schema alone limits its values.
    items = SCHEMA["properties"]["purpose"]["properties"]["beneficiaries"]["items"]
    assert items["enum"] == ["individuals", "whanau", "communities", "iwi", "public"]


# Validation


def test_valid_documents_have_no_problems():
    assert validate(minimal()) == []
    assert validate(full()) == []


def test_unknown_keys_are_named_by_their_own_path():
    doc = minimal(colour="blue")
    doc["purpose"]["statment"] = "typo"
    doc["data_items"] = [{"name": "Address"}, {"name": "Age", "retension": "P1Y"}]
    problems = validate(doc)
    assert paths(problems) == [
        "$.purpose.statment",
        "$.data_items[1].retension",
        "$.colour",
    ]
    statment = problems[0].message
    assert 'unknown field "statment"' in statment
    assert 'did you mean "statement"?' in statment
    assert "statement, benefit, beneficiaries" in statment
    assert 'did you mean "retention"?' in problems[1].message


def test_wrong_type_says_what_was_expected():
    doc = minimal(title=7)
    doc["data_items"] = [{"name": "Age", "identifying": "yes"}]
    doc["minimisation"] = {"identifying_needed": "no"}
    doc["purpose"] = "Food"
    by_path = {p.path: p.message for p in validate(doc)}
    assert by_path["$.title"] == "expected a string (text in double quotes), got the number 7"
    assert by_path["$.data_items[0].identifying"] == 'expected true or false, got the string "yes"'
    assert by_path["$.minimisation.identifying_needed"].startswith("expected true, false or null")
    assert by_path["$.purpose"].startswith("expected an object")


def test_enum_lists_the_allowed_values():
    doc = minimal(initiative_kind="project")
    doc["consultations"] = [{"party": "whanau"}]
    by_path = {p.path: p.message for p in validate(doc)}
    assert by_path["$.initiative_kind"] == (
        '"project" is not one of the allowed values; use one of: policy, service, programme, '
        "intervention, research, other"
    )
    assert "service_users, frontline_workers" in by_path["$.consultations[0].party"]


def test_max_length_gives_the_limit_and_the_length():
    doc = minimal(title="ā" * 201)
    doc["data_items"] = [{"name": "Age", "retention": "x" * 250}]
    by_path = {p.path: p.message for p in validate(doc)}
    assert by_path["$.title"] == "too long: 201 characters, the limit is 200; shorten it"
    assert "250 characters, the limit is 200" in by_path["$.data_items[0].retention"]


def test_missing_required_fields_are_named():
    doc = {"purpose": {}, "data_items": [{"identifying": True}]}
    by_path = {p.path: p.message for p in validate(doc)}
    assert by_path == {
        "$.schema": 'missing required field "schema"; add it with the value "dpup-assessment/1"',
        "$.title": 'missing required field "title"; add it',
        "$.purpose.statement": 'missing required field "statement"; add it',
        "$.data_items[0].name": 'missing required field "name"; add it',
    }


def test_empty_title_schema_version_dates_and_rule_ids():
    doc = minimal(title="", schema="dpup-assessment/2")
    doc["consultations"] = [{"party": "legal", "date": "31/03/2025"}, {"party": "legal"}]
    doc["consultations"][1]["date"] = "2025-02-30"
    doc["justifications"] = {"ht-4": "lower case", "HT-04": 5}
    by_path = {p.path: p.message for p in validate(doc)}
    assert by_path["$.title"] == "must not be empty"
    assert by_path["$.schema"] == 'must be "dpup-assessment/1", got "dpup-assessment/2"'
    assert "write it as YYYY-MM-DD" in by_path["$.consultations[0].date"]
    assert "write it as YYYY-MM-DD" in by_path["$.consultations[1].date"]
    assert by_path['$.justifications["ht-4"]'].startswith('"ht-4" is not a rule id')
    assert by_path['$.justifications["HT-04"]'].startswith("expected a string")


def test_repeated_list_entries_and_too_many_entries():
    doc = minimal()
    doc["purpose"]["beneficiaries"] = ["iwi", "public", "iwi"]
    doc["data_items"] = [{"name": f"Item {n}"} for n in range(501)]
    by_path = {p.path: p.message for p in validate(doc)}
    assert by_path["$.purpose.beneficiaries"].startswith('"iwi" is listed more than once')
    assert by_path["$.data_items"] == "too many entries: 501, the limit is 500; remove some"


def test_text_the_database_cannot_store_is_refused():
    doc = minimal(summary="nul\x00here")
    doc["data_items"] = [{"name": "half \ud800 pair"}]
    by_path = {p.path: p.message for p in validate(doc)}
    assert "\\u0000" in by_path["$.summary"]
    assert "\\ud800" in by_path["$.data_items[0].name"]


def test_limits_apply_to_text_as_stored_in_nfc():
    # Two spellings of one word are distinct in the file but equal once stored in NFC.
    doc = minimal()
    doc["data_items"] = [{"name": "Iwi", "shared_with": ["Ngāti Porou", "Nga\u0304ti Porou"]}]
    [problem] = validate(doc)
    assert problem.path == "$.data_items[0].shared_with"
    assert "after Unicode NFC normalisation" in problem.message


def test_every_problem_is_reported_at_once_in_document_order():
    doc = minimal(title="", initiative_kind="x", extra=1)
    doc["data_items"] = [{"name": ""}, {"name": "ok", "form": "?"}]
    # minimal() puts the extra keys after data_items.
    assert paths(validate(doc)) == [
        "$.title",
        "$.data_items[0].name",
        "$.data_items[1].form",
        "$.initiative_kind",
        "$.extra",
    ]


def test_wrapper_paths_and_wrapper_keys():
    bad = minimal(title="")
    data = {"assessments": [minimal(), bad, {"title": "x"}], "version": 2}
    with pytest.raises(InvalidDocument) as raised:
        documents_from_data(data)
    assert paths(raised.value.problems) == [
        "$.version",
        "$.assessments[1].title",
        "$.assessments[2].schema",
        "$.assessments[2].purpose",
        "$.assessments[2].data_items",
    ]
    assert str(raised.value).splitlines()[1] == "$.assessments[1].title: must not be empty"


def test_documents_from_data_accepts_one_object_or_a_wrapper():
    assert documents_from_data(minimal()) == [minimal()]
    assert documents_from_data({"assessments": [minimal(), full()]}) == [minimal(), full()]
    assert documents_from_data({"assessments": []}) == []
    with pytest.raises(InvalidDocument) as raised:
        documents_from_data({"assessments": {"title": "x"}})
    assert paths(raised.value.problems) == ["$.assessments"]
    with pytest.raises(InvalidDocument) as raised:
        documents_from_data([minimal()])
    assert raised.value.problems[0].message.startswith("expected an assessment object")


def test_invalid_json_names_line_and_column():
    with pytest.raises(InvalidDocument) as raised:
        load_documents(b'{\n  "title": "x"\n  "schema": 1\n}')
    [problem] = raised.value.problems
    assert problem.path == "$"
    assert "line 3, column 3" in problem.message


def test_non_utf8_is_refused_and_a_byte_order_mark_is_not():
    with pytest.raises(InvalidDocument) as raised:
        load_documents('{\n"title": "café"}'.encode("latin-1"))
    assert "not UTF-8 text: byte 0xe9 on line 2" in raised.value.problems[0].message
    text = json.dumps(minimal(), ensure_ascii=False)
    assert load_documents(b"\xef\xbb\xbf" + text.encode()) == [minimal()]
    assert load_documents(text) == [minimal()]


def test_a_key_given_twice_is_a_problem_with_the_others():
    raw = '{"schema": "dpup-assessment/1", "title": "a", "title": "b", "data_items": []}'
    with pytest.raises(InvalidDocument) as raised:
        load_documents(raw)
    assert paths(raised.value.problems) == ["$.title", "$.purpose"]
    assert "more than once" in raised.value.problems[0].message


# Import


@pytest.fixture
def ana(people):
    return people.analyst


def test_import_creates_rows_in_order_with_positions(ana):
    assessment = assessment_import(doc=full(), owner=ana)
    assert assessment.reference == "KAI-7"
    assert assessment.organisation == ana.organisation
    assert assessment.owner == ana
    assert list(assessment.editors.all()) == [ana]
    assert [(d.position, d.name) for d in assessment.data_items.all()] == [
        (0, "Address"),
        (1, "Dietary needs"),
        (2, "Household size"),
    ]
    assert [c.party for c in assessment.consultations.all()] == ["iwi_maori", "privacy_officer"]
    assert assessment.purpose_beneficiaries == ["whanau", "communities"]
    assert assessment.transparency_when_told == "after"


def test_import_assigns_a_reference_when_absent(ana):
    first = assessment_import(doc=minimal(), owner=ana)
    second = assessment_import(doc=minimal(), owner=ana)
    assert first.reference.startswith("DPUP-")
    assert second.reference != first.reference


@pytest.mark.parametrize("reference", ["", " KAI-1", "KAI 1", "KAI\u20111", "Kāi-1", "-KAI"])
def test_a_reference_outside_the_schema_pattern_is_refused_in_words(ana, reference):
    with pytest.raises(InvalidDocument) as raised:
        assessment_import(doc=minimal(reference=reference), owner=ana)
    [problem] = raised.value.problems
    assert problem.path == "$.reference"
    assert "ASCII letters, digits" in problem.message
    assert "^[" not in problem.message  # words, not the regular expression


@pytest.mark.parametrize("key", ["risks", "screening"])
def test_an_import_carrying_what_is_not_stored_yet_is_refused_at_its_path(ana, key):
    values: dict[str, Any] = {
        "risks": [{"description": "Re-identification of a whānau"}],
        "screening": {"answers": {"SQ-01": "yes"}},
    }
    document = minimal(**{key: values[key]})
    assert validate(document) == []  # valid under the schema, but it would be lost
    with pytest.raises(InvalidDocument) as raised:
        assessment_import(doc=document, owner=ana)
    [problem] = raised.value.problems
    assert problem.path == f"$.{key}"
    assert "cannot be imported yet" in problem.message
    assert not Assessment.objects.exists()


def test_when_people_are_told_may_be_left_unanswered(ana):
    document = minimal(transparency={"when_told": None, "how_people_told": "A letter."})
    assessment = assessment_import(doc=document, owner=ana)
    assert assessment.transparency_when_told is None
    assert assessment_to_dict(assessment)["transparency"]["when_told"] is None


def test_given_references_are_saved_before_assigned_ones(ana):
    # Assigned references count up from what exists; a given one later in the file must not
    # be taken by an earlier assessment that had none.
    reference = minimal()
    first = assessment_import(doc=reference, owner=ana)
    stem, number = first.reference.rsplit("-", 1)
    following = f"{stem}-{int(number) + 1:04d}"
    created = assessments_import(documents=[minimal(), minimal(reference=following)], owner=ana)
    assert created[1].reference == following
    assert created[0].reference == f"{stem}-{int(number) + 2:04d}"


def test_duplicate_references_are_refused(ana):
    assessment_import(doc=minimal(reference="KAI-1"), owner=ana)
    documents = [minimal(reference="KAI-1"), minimal(reference="KAI-2"), minimal()]
    documents.append(minimal(reference="KAI-2"))
    with pytest.raises(InvalidDocument) as raised:
        assessments_import(documents=documents, owner=ana)
    assert paths(raised.value.problems) == [
        "$.assessments[0].reference",
        "$.assessments[3].reference",
    ]
    assert "already used in Ōtautahi Whānau Services" in raised.value.problems[0].message
    assert "also given at $.assessments[1]" in raised.value.problems[1].message
    assert Assessment.objects.count() == 1


def test_a_reference_of_another_organisation_is_free(people):
    assessment_import(doc=minimal(reference="KAI-1"), owner=people.outsider)
    assert assessment_import(doc=minimal(reference="KAI-1"), owner=people.analyst).pk


def test_organisation_must_be_the_owners(people):
    with pytest.raises(InvalidDocument) as raised:
        assessment_import(
            doc=minimal(organisation="Tai Tokerau Family Trust"), owner=people.analyst
        )
    [problem] = raised.value.problems
    assert problem.path == "$.organisation"
    assert 'remove the "organisation" key' in problem.message
    assert 'import as a member of "Tai Tokerau Family Trust"' in problem.message
    own = minimal(organisation="Ōtautahi Wha\u0304nau Services")  # NFC-equal to the owner's
    assert assessment_import(doc=own, owner=people.analyst).pk


def test_import_is_all_or_nothing_and_lists_every_problem(ana):
    documents = [full(), minimal(title=""), minimal(colour="red")]
    with pytest.raises(InvalidDocument) as raised:
        assessments_import(documents=documents, owner=ana)
    assert paths(raised.value.problems) == ["$.assessments[1].title", "$.assessments[2].colour"]
    assert not Assessment.objects.exists()
    assert not DataItem.objects.exists()


def test_a_failure_while_saving_rolls_back_every_assessment(ana, monkeypatch):
    from assessments import interchange

    calls = []

    def failing(*, assessment):
        calls.append(assessment)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return assessment_save_new(assessment=assessment)

    monkeypatch.setattr(interchange, "assessment_save_new", failing)
    with pytest.raises(RuntimeError):
        assessments_import(documents=[full(), minimal(reference="B")], owner=ana)
    assert not Assessment.objects.exists()


def test_owner_without_organisation_is_refused(people):
    people.analyst.organisation = None
    with pytest.raises(ValueError, match="belongs to no organisation"):
        assessment_import(doc=minimal(), owner=people.analyst)


def test_decomposed_macron_is_stored_and_exported_in_nfc(ana):
    decomposed = "Kai for wha\u0304nau"
    assessment = assessment_import(doc=minimal(title=decomposed), owner=ana)
    assessment.refresh_from_db()
    assert assessment.title == "Kai for whānau"
    assert assessment_to_dict(assessment)["title"] == "Kai for wh\u0101nau"


# Export and the snapshot


def test_snapshot_has_every_schema_key_in_schema_order(ana):
    doc = assessment_to_dict(assessment_import(doc=minimal(), owner=ana))
    assert list(doc) == list(STORED_PROPERTIES)
    assert next(iter(doc)) == "schema"
    for key, prop in STORED_PROPERTIES.items():
        if prop.get("type") == "object" and "properties" in prop:
            assert list(doc[key]) == list(prop["properties"])
    assert doc["organisation"] == "Ōtautahi Whānau Services"
    assert doc["initiative_kind"] == "other"
    assert doc["transparency"]["when_told"] is None
    assert doc["minimisation"]["identifying_needed"] is None
    assert validate(doc) == []


def test_snapshot_rows_dates_and_justifications(ana):
    doc = assessment_to_dict(assessment_import(doc=full(), owner=ana))
    item_keys = list(SCHEMA["properties"]["data_items"]["items"]["properties"])
    assert [list(item) for item in doc["data_items"]] == [item_keys] * 3
    assert doc["data_items"][1]["consistent_with_original_purpose"] is None
    assert doc["data_items"][2]["consistent_with_original_purpose"] is False
    assert doc["consultations"] == [
        {"party": "iwi_maori", "depth": "co_design", "summary": "", "date": "2025-03-31"},
        {"party": "privacy_officer", "depth": "review", "summary": "Checked the notice."},
    ]
    assert list(doc["justifications"]) == ["HT-04", "MW-02"]


def test_snapshot_does_not_share_the_models_lists(ana):
    assessment = assessment_import(doc=full(), owner=ana)
    doc = assessment_to_dict(assessment)
    doc["purpose"]["beneficiaries"].append("public")
    assert assessment.purpose_beneficiaries == ["whanau", "communities"]


def test_canonical_json_is_sorted_compact_utf8():
    assert canonical_json({"b": "ā", "a": [1, None]}) == '{"a":[1,null],"b":"ā"}'.encode()


def test_import_then_export_gives_back_every_value(ana):
    given = full()
    exported = assessment_to_dict(assessment_import(doc=deepcopy(given), owner=ana))
    for key, value in given.items():
        if isinstance(value, dict) and key != "justifications":
            assert value.items() <= exported[key].items(), key
        elif key in ROW_MODELS:
            for item, out in zip(value, exported[key], strict=True):
                assert item.items() <= out.items(), key
        else:
            assert exported[key] == value, key


def test_export_document_costs_three_queries_however_many_rows(ana, django_assert_num_queries):
    for number in range(6):
        assessment_import(doc=full() | {"reference": f"R{number}"}, owner=ana)
    with django_assert_num_queries(3):
        exported = export_document(snapshot_queryset())
    assert len(exported["assessments"]) == 6
    assert all(len(doc["data_items"]) == 3 for doc in exported["assessments"])
    assert Consultation.objects.count() == 12
