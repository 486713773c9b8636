"""Import refuses early and politely: limits said in words, problems named by JSON path, never
a 500 whatever bytes are uploaded, and never a body read whole when it is past the limit."""

import json
from io import BytesIO, StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test.client import BOUNDARY, MULTIPART_CONTENT, FakePayload, encode_multipart
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.interchange_reading import read_documents
from assessments.interchange_validation import MAX_DEPTH, InvalidDocument
from assessments.models import Assessment
from assessments.views import transfer
from assessments.views.transfer import MAX_BODY_BYTES

pytestmark = pytest.mark.django_db

GOOD = {
    "schema": "dpup-assessment/1",
    "title": "Kaumātua housing",
    "purpose": {"statement": ""},
    "data_items": [],
}


def _post(client, content: bytes):
    upload = SimpleUploadedFile("in.json", content, content_type="application/json")
    return client.post(reverse("assessment_import"), {"file": upload})


def _problems(raw: bytes) -> list[str]:
    with pytest.raises(InvalidDocument) as refused:
        read_documents(raw, file="f.json")
    return [str(problem) for problem in refused.value.problems]


def test_a_file_of_100000_empty_objects_is_one_short_problem(client, people):
    # The reproduction: 292 KB answered with a 53 MB page of 400,011 problems.
    client.force_login(people.analyst)
    response = _post(client, json.dumps({"assessments": [{}] * 100_000}).encode())
    html = response.content.decode()
    assert response.status_code == 400
    assert "holds 100,000 assessments; a file holds at most 1,000" in html
    assert len(response.content) < 100_000


def test_the_problem_list_stops_at_100_and_counts_the_rest(client, people):
    client.force_login(people.analyst)
    response = _post(client, json.dumps({"assessments": [{}] * 300}).encode())
    html = response.content.decode()
    assert response.status_code == 400
    assert "The file was not imported: 1,200 problems to fix" in html or (
        "The file was not imported: 1200 problems to fix" in html
    )
    assert html.count('<li><a href="#id_file">') == 100
    assert "And 1100 more problems not listed here" in html


def test_the_command_lists_100_problems_and_counts_the_rest(people, tmp_path):
    path = tmp_path / "many.json"
    path.write_text(json.dumps({"assessments": [{}] * 30}))
    err = StringIO()
    with pytest.raises(CommandError, match="120 problem"):
        call_command("import_assessments", str(path), owner=people.analyst.username, stderr=err)
    lines = err.getvalue().splitlines()
    assert len(lines) == 101
    assert lines[-1] == "... and 20 more problem(s) not listed."


def test_nesting_deeper_than_the_schema_allows_is_named_by_path():
    deep = b"[" * 100_000 + b"]" * 100_000
    assert _problems(deep) == [
        "f.json: $[0][0][0][0][0][0][0]: nested too deeply: an assessment file goes at most "
        f"{MAX_DEPTH} objects and lists deep, and this one goes further here; check the brackets"
    ]
    item = {"name": "a", "shared_with": json.loads("[" * 500 + "]" * 500)}
    nested = json.dumps({"assessments": [{**GOOD, "data_items": [item]}]}).encode()
    (problem,) = _problems(nested)
    assert problem.startswith("f.json: $.assessments[0].data_items[0].shared_with[0][0]: nested")


def test_the_deepest_valid_document_is_accepted():
    mitigation = {"action": "Train the staff"}
    risk = {"description": "Misuse", "mitigations": [mitigation]}
    assert MAX_DEPTH == 7
    # risks are not stored yet, so the import refuses them, but not for their depth.
    doc = json.dumps({"assessments": [{**GOOD, "risks": [risk]}]}).encode()
    assert read_documents(doc)[0].data["risks"] == [risk]


@pytest.mark.parametrize(
    ("number", "words"),
    [
        ("9" * 5000, "the number 999999999999… (5,000 characters) is out of range"),
        ("1e999", "the number 1e999 is out of range"),
        ("-9007199254740993", "the number -9007199254740993 is out of range"),
        ("NaN", "NaN is not JSON"),
        ("-Infinity", "-Infinity is not JSON"),
    ],
)
def test_numbers_out_of_range_are_named_by_path(number, words):
    raw = b'{"assessments": [{"schema": "dpup-assessment/1", "title": ' + number.encode()
    raw += b', "purpose": {"statement": ""}, "data_items": []}]}'
    (problem,) = _problems(raw)
    assert problem.startswith(f"f.json: $.assessments[0].title: {words}")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            b'{"schema": "dpup-assessment/1", "title": "x", "initiative_kind": "\\udc00", '
            b'"purpose": {"statement": ""}, "data_items": []}',
            "f.json: $.initiative_kind: contains the character \\udc00, which cannot be stored",
        ),
        (
            b'{"schema": "dpup-assessment/1", "title": "x", "ti\\ud800": "x", '
            b'"purpose": {"statement": ""}, "data_items": []}',
            'f.json: $["ti\\ud800"]: this key contains the character \\ud800',
        ),
    ],
)
def test_lone_surrogates_in_keys_and_enum_values_are_a_400_naming_the_path(
    client, people, raw, expected
):
    assert any(problem.startswith(expected) for problem in _problems(raw))
    client.force_login(people.analyst)
    response = _post(client, raw)
    assert response.status_code == 400
    assert "which cannot be stored" in response.content.decode()


def test_bidi_controls_are_named_by_path():
    doc = {**GOOD, "data_items": [{"name": "Address \u2067x"}]}
    (problem,) = _problems(json.dumps(doc, ensure_ascii=False).encode())
    assert problem.startswith(
        "f.json: $.data_items[0].name: contains the invisible character U+2067 "
        "(RIGHT-TO-LEFT ISOLATE)"
    )


@pytest.mark.parametrize(
    "reference", ["DPUP-2026-0001\n", "DPUP-2026-0001 ", "DPUP\u20112026\u20110001", "Tāmaki"]
)
def test_references_outside_the_pattern_are_refused(reference):
    doc = {**GOOD, "reference": reference}
    (problem,) = _problems(json.dumps(doc).encode())
    assert "only ASCII letters, digits and . _ / -" in problem


def test_a_reference_taken_in_another_case_is_refused(people):
    from assessments.services import assessments_import

    assessments_import(documents=[{**GOOD, "reference": "DPUP-2026-0001"}], owner=people.analyst)
    with pytest.raises(InvalidDocument) as refused:
        assessments_import(
            documents=[{**GOOD, "reference": "dpup-2026-0001"}], owner=people.analyst
        )
    assert "already used in" in str(refused.value)
    with pytest.raises(InvalidDocument, match="also given at"):
        assessments_import(
            documents=[{**GOOD, "reference": "a-1"}, {**GOOD, "reference": "A-1"}],
            owner=people.analyst,
        )


def test_a_body_declared_past_the_limit_is_refused_before_it_is_read(client, people):
    client.force_login(people.analyst)

    class Unreadable(BytesIO):
        def read(self, *args, **kwargs):
            raise AssertionError("the body was read")

    response = client.generic(
        "POST",
        reverse("assessment_import"),
        b"",
        content_type=MULTIPART_CONTENT,
        CONTENT_LENGTH=str(100 * 1024 * 1024),
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413
    assert "larger than the limit of 5 MB" in response.content.decode()


def test_a_body_that_passes_the_limit_as_it_is_read_stops_being_read(client, people, monkeypatch):
    """Where no length is declared up front, the upload handler counts the bytes as they come."""
    monkeypatch.setattr(transfer, "body_length", lambda request: 0)
    read: list[int] = []
    real_read = FakePayload.read

    def counting_read(self, *args, **kwargs):
        data = real_read(self, *args, **kwargs)
        read.append(len(data))
        return data

    monkeypatch.setattr(FakePayload, "read", counting_read)
    client.force_login(people.analyst)
    body = encode_multipart(
        BOUNDARY, {"file": SimpleUploadedFile("big.json", b"x" * (3 * MAX_BODY_BYTES))}
    )
    url = reverse("assessment_import")
    response = client.generic("POST", url, body, content_type=MULTIPART_CONTENT)
    assert response.status_code == 413
    assert "larger than the limit of 5 MB" in response.content.decode()
    assert MAX_BODY_BYTES < sum(read) < 2 * MAX_BODY_BYTES
    assert not Assessment.objects.exists()


def test_a_large_upload_gets_413_with_the_limit_in_words(client, people):
    client.force_login(people.analyst)
    response = _post(client, b" " * (MAX_BODY_BYTES + 1))
    assert response.status_code == 413
    assert "larger than the limit of 5 MB (and 1,000 assessments) a file" in (
        response.content.decode()
    )


def test_the_import_page_still_checks_csrf(people):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(people.analyst)
    upload = SimpleUploadedFile("in.json", json.dumps(GOOD).encode())
    response = strict.post(reverse("assessment_import"), {"file": upload})
    assert response.status_code == 403
    assert not Assessment.objects.exists()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
nearly_valid = st.fixed_dictionaries(
    {"schema": st.just("dpup-assessment/1"), "purpose": st.just({"statement": ""})},
    optional={
        "title": json_values,
        "reference": st.text(max_size=70),
        "data_items": st.lists(st.dictionaries(st.text(max_size=10), json_values), max_size=3),
        "justifications": st.dictionaries(st.text(max_size=6), json_values, max_size=3),
    },
)
uploads = (
    st.binary(max_size=2000)
    | json_values.map(lambda value: json.dumps(value).encode())
    | nearly_valid.map(lambda value: json.dumps(value).encode())
    | nearly_valid.map(lambda value: json.dumps({"assessments": [value, value]}).encode())
)
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(content=uploads)
def test_no_upload_is_a_500(client, people, content):
    client.force_login(people.analyst)
    response = _post(client, content)
    assert response.status_code in (302, 400)
    assert (
        response.status_code == 302
        or b"not imported" in response.content
        or (b"is-invalid" in response.content)
    )
    if response.status_code == 400:
        response.content.decode("utf-8")  # the page can be sent as UTF-8


@FUZZ
@given(content=uploads)
def test_no_file_breaks_the_import_command(people, tmp_path_factory, content):
    path = tmp_path_factory.mktemp("fuzz") / "in.json"
    path.write_bytes(content)
    err = StringIO()
    try:
        call_command(
            "import_assessments",
            str(path),
            owner=people.analyst.username,
            stdout=StringIO(),
            stderr=err,
        )
    except CommandError as refused:
        assert refused.returncode == 2
        err.getvalue().encode("utf-8")
