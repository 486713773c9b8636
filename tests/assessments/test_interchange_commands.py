"""The import_assessments and export_assessments management commands."""

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError
from django.db import connections

from assessments.interchange import SCHEMA, validate
from assessments.models import Assessment, DataItem
from assessments.roles import Role
from tests.assessments.test_interchange import full, minimal
from tests.factories import OrganisationFactory, UserFactory


def write(path: Path, data: Any) -> str:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def run(name: str, *args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(name, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(name: str, *args: str) -> tuple[CommandError, str]:
    err = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command(name, *args, stdout=StringIO(), stderr=err)
    return raised.value, err.getvalue()


# import_assessments


def test_import_prints_each_reference_and_title(people, tmp_path):
    one = write(tmp_path / "one.json", full())
    many = write(tmp_path / "many.json", {"assessments": [minimal(reference="A-1"), minimal()]})
    out, _ = run("import_assessments", one, many, "--owner", "ana")
    lines = out.splitlines()
    assert lines[:2] == ["KAI-7  Kai for whānau", "A-1  Kai for whānau"]
    assert lines[2].startswith("DPUP-")
    assert "Imported 3 assessment(s) into Ōtautahi Whānau Services" in lines[3]
    assert Assessment.objects.filter(organisation=people.organisation).count() == 3


def test_an_invalid_second_file_saves_nothing_from_the_first(people, tmp_path):
    good = write(tmp_path / "good.json", full())
    bad_data = {"assessments": [minimal(), minimal(title="", colour="red")]}
    bad_data["assessments"][0]["purpose"]["statment"] = "typo"
    bad = write(tmp_path / "bad.json", bad_data)
    error, err = refused("import_assessments", good, bad, "--owner", "ana")
    assert error.returncode == 2
    assert "nothing was imported" in str(error)
    assert err.splitlines() == [
        f'{bad}: $.assessments[0].purpose.statment: unknown field "statment"; check its '
        'spelling (did you mean "statement"?). Allowed here: statement, benefit, '
        "beneficiaries, risks, legal_basis, not_used_for, oversight",
        f"{bad}: $.assessments[1].title: must not be empty",
        f'{bad}: $.assessments[1].colour: unknown field "colour"; check its spelling. Allowed '
        "here: " + ", ".join(SCHEMA["properties"]),
    ]
    assert not Assessment.objects.exists()
    assert not DataItem.objects.exists()


def test_problems_of_every_file_are_listed(people, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"title": "x",}', encoding="utf-8")
    wrong = write(tmp_path / "wrong.json", minimal(initiative_kind="project"))
    missing = str(tmp_path / "missing.json")
    _, err = refused("import_assessments", str(broken), wrong, missing, "--owner", "ana")
    lines = err.splitlines()
    assert lines[0].startswith(f"{broken}: $: not valid JSON:")
    assert "line 1, column 15" in lines[0]
    assert lines[1].startswith(f'{wrong}: $.initiative_kind: "project" is not one of')
    assert lines[2] == f"{missing}: $: cannot read the file: No such file or directory"


def test_references_repeated_across_files_or_taken_are_refused(people, tmp_path):
    run(
        "import_assessments", write(tmp_path / "a.json", minimal(reference="T-1")), "--owner", "ana"
    )
    first = write(tmp_path / "first.json", minimal(reference="NEW"))
    second = write(
        tmp_path / "second.json",
        {"assessments": [minimal(reference="T-1"), minimal(reference="NEW")]},
    )
    error, err = refused("import_assessments", first, second, "--owner", "ben")
    assert error.returncode == 2
    lines = err.splitlines()
    assert lines[0].startswith(f'{second}: $.assessments[0].reference: reference "T-1" is already')
    assert lines[1].startswith(f'{second}: $.assessments[1].reference: reference "NEW" is also')
    assert f"given at {first} at $;" in lines[1]
    assert Assessment.objects.count() == 1


def test_organisation_mismatch_is_refused(people, tmp_path):
    theirs = write(tmp_path / "theirs.json", minimal(organisation="Tai Tokerau Family Trust"))
    _, err = refused("import_assessments", theirs, "--owner", "ana")
    assert err.startswith(f"{theirs}: $.organisation: names the organisation")
    assert run("import_assessments", theirs, "--owner", "otto")[0].startswith("DPUP-")


def test_owner_must_exist_and_belong_to_an_organisation(people, tmp_path):
    path = write(tmp_path / "a.json", minimal())
    error, _ = refused("import_assessments", path, "--owner", "nobody")
    assert str(error) == 'There is no user "nobody".'
    people.analyst.organisation = None
    people.analyst.save()
    error, _ = refused("import_assessments", path, "--owner", "ana")
    assert "belongs to no organisation" in str(error)


# export_assessments


@pytest.fixture
def stored(people, tmp_path):
    """Two assessments in the analyst's organisation and one, sharing a reference, outside it."""
    ours = {"assessments": [full(), minimal(reference="KAI-8", title="Second")]}
    run("import_assessments", write(tmp_path / "ours.json", ours), "--owner", "ana")
    theirs = minimal(reference="KAI-8", title="Theirs")
    run("import_assessments", write(tmp_path / "theirs.json", theirs), "--owner", "otto")
    return people


def export(*args: str) -> dict[str, Any]:
    out, _ = run("export_assessments", *args, "-o", "-")
    assert out.endswith("}\n")
    return json.loads(out)


def titles(document: dict[str, Any]) -> list[str]:
    return [doc["title"] for doc in document["assessments"]]


def test_export_everything_or_one_organisation(stored):
    # By organisation name, then reference ("Tai" sorts before "Ō" by code point).
    assert titles(export()) == ["Theirs", "Kai for whānau", "Second"]
    assert titles(export("--organisation", "Tai Tokerau Family Trust")) == ["Theirs"]
    everything = export("--organisation", "Ōtautahi Whānau Services")
    assert titles(everything) == ["Kai for whānau", "Second"]
    assert list(everything) == ["assessments"]
    for doc in everything["assessments"]:
        assert validate(doc) == []


def test_export_by_reference_keeps_the_order_given(stored):
    org = ("--organisation", "Ōtautahi Whānau Services")
    picked = export("--reference", "KAI-8", "--reference", "KAI-7", *org)
    assert titles(picked) == ["Second", "Kai for whānau"]
    assert titles(export("--reference", "KAI-7", "--reference", "KAI-7")) == ["Kai for whānau"]


def test_a_reference_with_a_macron_is_refused_naming_the_form_references_take(people, tmp_path):
    # Schema 2026: references are ASCII, so they survive file names and e-mail subjects.
    path = write(tmp_path / "a.json", minimal(reference="WHĀNAU-1"))
    _, printed = refused("import_assessments", path, "--owner", "ana")
    assert "$.reference" in printed
    assert "ASCII letters, digits" in printed


def test_export_refuses_unknown_or_ambiguous_references(stored):
    error, _ = refused("export_assessments", "--reference", "NOPE", "-o", "-")
    assert error.returncode == 2
    assert str(error) == 'No assessment has the reference "NOPE".'
    error, _ = refused("export_assessments", "--reference", "KAI-8", "-o", "-")
    assert error.returncode == 2
    assert "choose one with --organisation" in str(error)
    assert "Tai Tokerau Family Trust" in str(error)
    error, _ = refused(
        "export_assessments",
        "--reference",
        "KAI-7",
        "--organisation",
        "Tai Tokerau Family Trust",
        "-o",
        "-",
    )
    assert str(error) == 'No assessment has the reference "KAI-7".'
    error, _ = refused("export_assessments", "--organisation", "Nobody", "-o", "-")
    assert str(error) == 'There is no organisation named "Nobody".'


def test_export_writes_utf8_indented_json_to_a_file(stored, tmp_path):
    target = tmp_path / "out.json"
    out, _ = run("export_assessments", "--reference", "KAI-7", "-o", str(target))
    assert out.strip() == f"Exported 1 assessment(s) to {target}."
    text = target.read_bytes().decode("utf-8")
    assert text.startswith('{\n  "assessments": [\n    {\n      "schema": "dpup-assessment/1"')
    assert "whānau" in text
    assert text.endswith("}\n")


def test_export_to_an_unwritable_place_is_refused(stored, tmp_path):
    error, _ = refused("export_assessments", "-o", str(tmp_path / "no" / "such" / "dir.json"))
    assert error.returncode == 2
    assert "No such file or directory" in str(error)


def test_export_then_import_elsewhere_gives_the_same_document(stored, tmp_path):
    target = tmp_path / "out.json"
    run("export_assessments", "--organisation", "Ōtautahi Whānau Services", "-o", str(target))
    exported = json.loads(target.read_text(encoding="utf-8"))
    for doc in exported["assessments"]:
        del doc["organisation"]
    again = write(tmp_path / "again.json", exported)
    # Into a new organisation: assessments are never deleted (their audit trail keeps
    # them), so the same references cannot be imported into the same one again.
    elsewhere = OrganisationFactory.create(name="Hauraki Whānau Trust")
    UserFactory.create(username="hana", organisation=elsewhere, roles=[Role.ANALYST])
    run("import_assessments", again, "--owner", "hana")
    assert export("--organisation", "Hauraki Whānau Trust") == {
        "assessments": [
            doc | {"organisation": "Hauraki Whānau Trust"} for doc in exported["assessments"]
        ]
    }


def test_export_query_count_does_not_grow_with_rows(stored, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        export()


def test_manage_py_exits_with_status_2(people, tmp_path, capsys, monkeypatch):
    # call_command raises CommandError; manage.py turns it into the exit status. It also closes
    # every connection afterwards, which would end the test's transaction on PostgreSQL.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    bad = write(tmp_path / "bad.json", {"title": 1})
    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", "import_assessments", bad, "--owner", "ana"]).execute()
    assert exited.value.code == 2
    assert f"{bad}: $.title: expected a string" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        ManagementUtility(
            ["manage.py", "export_assessments", "--reference", "X", "-o", "-"]
        ).execute()
    assert exited.value.code == 2
