"""A free-text question added to the questionnaire, the model and the schema, and nowhere else,
is asked on the form and shown on the page, in the PDF, in the export and in the history."""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.assessments.added_question import ANSWER, LABEL

ROOT = Path(__file__).resolve().parents[2]


def test_an_added_question_appears_everywhere_with_no_other_file_changed() -> None:
    env = {**os.environ, "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "test-only")}
    run = subprocess.run(
        [sys.executable, "-m", "tests.assessments.added_question"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    found = json.loads(run.stdout)

    assert found == {
        "form_field": True,
        "form_label": True,
        "form_value": True,
        "page": True,
        "pdf": True,
        "export": ANSWER,
        "diff": [[f"Stewardship › {LABEL}", "Not reviewed yet.", ANSWER]],
    }
