"""`manage.py screen FILE [--json]`: SCREENING.md's document, or each problem by JSON path."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from principles.screening import QUESTION_IDS

ALL_NO = dict.fromkeys(QUESTION_IDS, "no")

# SCREENING.md's example output, for SQ-01 and SQ-02 answered yes and the rest no.
DOCUMENTED = {
    "results": [
        {
            "version": "2026.1",
            "outcomes": {
                "dpup_assessment": {"status": "required", "because": ["SQ-01", "SQ-02"]},
                "expected_sensitivity": {"status": "moderate", "because": ["SQ-02"]},
                "privacy_impact_assessment": {"status": "not_indicated", "because": []},
                "algorithm_impact_assessment": {"status": "not_indicated", "because": []},
                "maori_data_engagement": {"status": "not_indicated", "because": []},
            },
        }
    ]
}


def run(tmp_path: Path, content: object | bytes, *args: str) -> tuple[str, str]:
    path = tmp_path / "screenings.json"
    raw = content if isinstance(content, bytes) else json.dumps(content).encode()
    path.write_bytes(raw)
    out, err = StringIO(), StringIO()
    call_command("screen", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize("wrapped", [True, False])
def test_json_is_screening_md_document(tmp_path, wrapped):
    screening = {"answers": {**ALL_NO, "SQ-01": "yes", "SQ-02": "yes"}}
    content = {"screenings": [screening]} if wrapped else screening
    out, err = run(tmp_path, content, "--json")
    assert json.loads(out) == DOCUMENTED
    assert err == ""


def test_several_screenings_with_version_and_date_and_unanswered_questions(tmp_path):
    content = {
        "screenings": [
            {"answers": {}, "version": "2026.1", "date": "2026-03-01"},
            {"answers": {"SQ-01": "no"}},
        ]
    }
    results = json.loads(run(tmp_path, content, "--json")[0])["results"]
    everything_unsure = results[0]["outcomes"]
    assert everything_unsure["dpup_assessment"]["because"] == list(QUESTION_IDS)
    assert everything_unsure["expected_sensitivity"] == {
        "status": "high",
        "because": ["SQ-02", "SQ-06", "SQ-07"],
    }
    # Only SQ-01 answered (no): the rest count as unsure, so only the other assessments show.
    outcomes = results[1]["outcomes"]
    assert outcomes["dpup_assessment"] == {"status": "not_needed", "because": []}
    assert outcomes["expected_sensitivity"] == {"status": "none", "because": []}
    assert outcomes["maori_data_engagement"] == {"status": "recommended", "because": ["SQ-08"]}
    assert json.loads(run(tmp_path, {"screenings": []}, "--json")[0]) == {"results": []}


def test_text_form_reads_as_words(tmp_path):
    given = {**ALL_NO, "SQ-01": "yes", "SQ-02": "yes", "SQ-05": "unsure"}
    out, _ = run(tmp_path, {"answers": given})
    assert "Screening 1 (screening version 2026.1)" in out
    assert "  SQ-05 Unsure: will it be shared with another agency" in out
    assert "  Privacy Impact Assessment: recommended" in out
    assert "Because you answered yes to: will it identify people. And you were unsure about:" in out
    assert "Decided by an unsure answer to SQ-05: find out" in out
    assert "not_indicated" not in out and "Algorithm Impact Assessment: not indicated" in out


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            {"answers": {"SQ-13": "yes"}},
            ['$.answers["SQ-13"]: unknown question id "SQ-13"'],
        ),
        (
            {"answers": {"sq-01": "yes"}},
            ['$.answers["sq-01"]: unknown question id "sq-01"'],
        ),
        (
            {"screenings": [{"answers": {"SQ-01": "Yes", "SQ-02": True, "SQ-03": None}}]},
            [
                '$.screenings[0].answers["SQ-01"]: the text "Yes" is not an answer; answer yes, '
                "no or unsure",
                '$.screenings[0].answers["SQ-02"]: true is not an answer',
                '$.screenings[0].answers["SQ-03"]: null is not an answer',
            ],
        ),
        ({"answers": ["yes"]}, ["$.answers: expected an object of answers, got a list"]),
        ({}, ['$.answers: missing required field "answers"']),
        ([], ['$: expected a screening object {"answers": {...}}, got a list']),
        (
            {"screenings": {"answers": {}}},
            ["$.screenings: expected a list of screenings, got an object"],
        ),
        (
            {"screenings": [{"answers": {}}, 3], "extra": 1},
            [
                '$.extra: unknown field "extra" beside "screenings"',
                '$.screenings[1]: expected a screening object {"answers": {...}}, got the number 3',
            ],
        ),
        (
            {"answers": {}, "when": "now", "version": 2026, "date": "31/03/2026"},
            [
                '$.when: unknown field "when"',
                '$.version: expected a version such as "2026.1"',
                "$.date: expected a date written YYYY-MM-DD",
            ],
        ),
        (b'{"answers": {"SQ-01": "yes",}}', ["$: not valid JSON: ", "at line 1, column 29"]),
        (
            b'{"answers": {"SQ-01": "yes", "SQ-02": "no", "SQ-01": "no"}}',
            ['$.answers["SQ-01"]: "SQ-01" is given more than once in this object; keep only one'],
        ),
        (
            b'{"answers": {"SQ-01": "maybe"}, "answers": {}}',
            ['$.answers: "answers" is given more than once'],
        ),
        (b'{"answers": {"SQ-01": "\xe9"}}', ["$: the file is not UTF-8 text: byte 0xe9 on line 1"]),
    ],
)
def test_invalid_answers_are_named_by_json_path(tmp_path, content, expected):
    path = tmp_path / "bad.json"
    path.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())
    err = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("screen", str(path), "--json", stdout=StringIO(), stderr=err)
    assert error.value.returncode == 2
    lines = err.getvalue().splitlines()
    assert len(lines) == len(expected) or expected[0].startswith("$: ")
    for fragment in expected:
        assert any(f"{path}: " in line and fragment in line for line in lines), (fragment, lines)
    assert "Traceback" not in err.getvalue()


def test_missing_file_is_refused_not_a_traceback(tmp_path):
    err = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("screen", str(tmp_path / "none.json"), stderr=err)
    assert error.value.returncode == 2
    assert "$: cannot read the file: No such file or directory" in err.getvalue()


def test_exit_status_from_the_shell(tmp_path):
    import subprocess
    import sys

    good = tmp_path / "good.json"
    good.write_text(json.dumps({"answers": ALL_NO}), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"answers": {"SQ-01": "maybe"}}), encoding="utf-8")
    manage = Path(__file__).resolve().parents[2] / "manage.py"
    ok = subprocess.run(
        [sys.executable, str(manage), "screen", str(good), "--json"], capture_output=True, text=True
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["results"][0]["outcomes"]["dpup_assessment"]["status"] == (
        "not_needed"
    )
    command = [sys.executable, str(manage), "screen", str(bad)]
    no = subprocess.run(command, capture_output=True, text=True)
    assert no.returncode == 2
    assert '$.answers["SQ-01"]: the text "maybe" is not an answer' in no.stderr
    assert "Traceback" not in no.stderr
