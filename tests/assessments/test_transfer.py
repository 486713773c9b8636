"""Import and export from the browser, and the command-line scorer and rescorer."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

import principles
from assessments.demo import DEMO_DATA
from assessments.models import Assessment
from tests.factories import AssessmentFactory, DataItemFactory

pytestmark = pytest.mark.django_db

GOOD = {
    "schema": "dpup-assessment/1",
    "title": "Kaumātua housing",
    "purpose": {"statement": ""},
    "data_items": [],
}


def _upload(content: bytes, name: str = "in.json") -> dict:
    return {"file": SimpleUploadedFile(name, content, content_type="application/json")}


def test_analyst_imports_a_file_in_the_browser(client, people):
    client.force_login(people.analyst)
    response = client.post(reverse("assessment_import"), _upload(json.dumps(GOOD).encode()))
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("assessment_detail", args=[assessment.pk])
    assert assessment.title == "Kaumātua housing"
    assert assessment.owner == people.analyst
    assert assessment.readiness == "not_ready"
    assert list(assessment.audit_events.values_list("action", "actor")) == [
        ("imported", people.analyst.pk)
    ]


def test_invalid_upload_names_each_problem_by_json_path_and_saves_nothing(client, people):
    bad = {"assessments": [GOOD, {**GOOD, "titel": "typo", "data_items": [{"name": 3}]}]}
    client.force_login(people.analyst)
    response = client.post(reverse("assessment_import"), _upload(json.dumps(bad).encode()))
    html = response.content.decode()
    assert response.status_code == 400
    assert "<code>$.assessments[1].titel</code>" in html
    assert "<code>$.assessments[1].data_items[0].name</code>" in html
    assert "The file was not imported: 2 problems to fix" in html
    assert not Assessment.objects.exists()


def test_upload_that_is_not_json(client, people):
    client.force_login(people.analyst)
    response = client.post(reverse("assessment_import"), _upload(b"{not json"))
    assert response.status_code == 400
    assert "<code>$</code>" in response.content.decode()


@pytest.mark.parametrize(("who", "expected"), [("officer", 403), ("manager", 403)])
def test_only_analysts_import(client, people, who, expected):
    client.force_login(getattr(people, who))
    assert client.get(reverse("assessment_import")).status_code == expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [("analyst", 200), ("analyst2", 200), ("officer", 200), ("manager", 200), ("outsider", 404)],
)
def test_download_one_assessment_as_json(client, people, who, expected):
    assessment = AssessmentFactory.create(organisation=people.organisation, owner=people.analyst)
    DataItemFactory.create(assessment=assessment, name="Iwi affiliation")
    client.force_login(getattr(people, who))
    response = client.get(reverse("assessment_export", args=[assessment.pk]))
    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Disposition"] == (
            f'attachment; filename="{assessment.reference}.json"'
        )
        doc = json.loads(response.content)
        assert doc["reference"] == assessment.reference
        assert doc["data_items"][0]["name"] == "Iwi affiliation"


def test_browser_export_then_import_into_another_organisation_round_trips(client, people):
    source = next(DEMO_DATA.glob("*.json"))
    client.force_login(people.analyst)
    client.post(reverse("assessment_import"), _upload(source.read_bytes()))
    exported = json.loads(
        client.get(reverse("assessment_export", args=[Assessment.objects.get().pk])).content
    )
    for key in ("reference", "organisation"):
        exported.pop(key)
    client.force_login(people.outsider)
    client.post(reverse("assessment_import"), _upload(json.dumps(exported).encode()))
    again = Assessment.objects.get(organisation=people.other_organisation)
    second = json.loads(client.get(reverse("assessment_export", args=[again.pk])).content)
    for key in ("reference", "organisation"):
        second.pop(key)
    assert second == exported


def test_assess_prints_the_rules_json_document_and_saves_nothing(tmp_path):
    out = StringIO()
    files = sorted(DEMO_DATA.glob("*.json"))
    bundle = tmp_path / "all.json"
    bundle.write_text(json.dumps({"assessments": [json.loads(f.read_text()) for f in files]}))
    call_command("assess", str(bundle), "--json", stdout=out)
    payload = json.loads(out.getvalue())
    assert list(payload) == ["results"]
    assert len(payload["results"]) == 3
    first = payload["results"][0]
    assert list(first) == [
        "title",
        "sensitivity",
        "ruleset",
        "readiness",
        "overall_score",
        "principles",
    ]
    assert list(first["principles"]) == list(principles.PRINCIPLES)
    assert first["principles"]["he_tangata"]["name"] == "He Tāngata"
    finding = first["principles"]["he_tangata"]["findings"][0]
    assert list(finding)[:5] == ["rule", "status", "severity", "basis", "message"]
    assert "fields" not in finding
    assert {r["readiness"] for r in payload["results"]} == {"ready", "needs_work", "not_ready"}
    assert not Assessment.objects.exists()


def test_assess_prints_a_readable_table_by_default():
    out = StringIO()
    call_command("assess", str(next(DEMO_DATA.glob("over-65*.json"))), stdout=out)
    text = out.getvalue()
    assert "Readiness: ready" in text
    assert "He Tāngata" in text
    assert "HT-01" in text


def test_assess_refuses_an_invalid_file_with_exit_status_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**GOOD, "purpose": {"statment": "x"}}))
    err = StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("assess", str(bad), stderr=err)
    assert refused.value.returncode == 2
    assert f"{bad}: $.purpose.statment: unknown field" in err.getvalue()
    assert "$.purpose.statement: missing required field" in err.getvalue()


def test_assess_missing_file(tmp_path):
    with pytest.raises(CommandError) as refused:
        call_command("assess", str(Path(tmp_path) / "none.json"), stderr=StringIO())
    assert refused.value.returncode == 2


def test_rescore_recomputes_stale_stored_scores(people):
    fresh = AssessmentFactory.create(organisation=people.organisation, owner=people.analyst)
    Assessment.objects.filter(pk=fresh.pk).update(
        ruleset_version="2000.0", overall_score=1, readiness="ready"
    )
    out = StringIO()
    call_command("rescore", "--stale-only", stdout=out)
    fresh.refresh_from_db()
    assert fresh.ruleset_version == principles.RULESET_VERSION
    assert fresh.readiness == "not_ready"
    assert fresh.overall_score != 1
    assert "Scored 1 assessment(s)" in out.getvalue()
    call_command("rescore", "--stale-only", stdout=out)
    assert "Scored 0 assessment(s)" in out.getvalue()
