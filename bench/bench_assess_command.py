"""Benchmark `manage.py assess` end to end: read a file of 1,000 assessments, validate, score.

Prints, in one run: the command's time per assessment (file read, JSON parse, validation,
scoring and the printed table, all but the interpreter's start), the engine alone on the same
documents, and the same validation with the full jsonschema validator (what the command used
before the compiled validator) as a baseline, with ratios. Goal: at most 1 ms per assessment.

Run with `make bench` (or DJANGO_SECRET_KEY=x python bench/bench_assess_command.py).
"""

import json
import os
import random
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dpup_site.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-secret")

import django  # noqa: E402

django.setup()

from bench_scoring import make_assessment  # noqa: E402
from django.core.management import call_command  # noqa: E402

import principles  # noqa: E402
from assessments.interchange_reading import read_documents  # noqa: E402
from assessments.interchange_validation import _VALIDATOR  # noqa: E402

DOCUMENTS = 1000
REPEATS = 5
GOAL_MS = 1.0


def per_document_ms(run, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) / DOCUMENTS * 1000


def main() -> None:
    rng = random.Random(2026)
    docs = [make_assessment(rng, n) for n in range(DOCUMENTS)]
    path = Path(tempfile.mkdtemp(prefix="dpup-bench-assess-")) / "assessments.json"
    path.write_text(json.dumps({"assessments": docs}, ensure_ascii=False), encoding="utf-8")

    def command() -> None:
        call_command("assess", str(path), stdout=StringIO())

    def command_json() -> None:
        call_command("assess", str(path), json=True, stdout=StringIO())

    raw = path.read_bytes()
    command()  # warm up
    ours = per_document_ms(command)
    as_json = per_document_ms(command_json)
    reading = per_document_ms(lambda: read_documents(raw))
    engine = per_document_ms(lambda: [principles.score(doc) for doc in docs])
    full = per_document_ms(lambda: [list(_VALIDATOR.iter_errors(doc)) for doc in docs])
    print(f"manage.py assess, {DOCUMENTS:,} assessments of 20 data items: {ours:.3f} ms each")
    print(f"manage.py assess --json: {as_json:.3f} ms each (the table's text wrapping left out)")
    print(f"reading and validating the file alone: {reading:.3f} ms each")
    print(f"the engine alone (principles.score): {engine:.3f} ms each")
    print(f"baseline, full jsonschema validation alone: {full:.3f} ms each")
    print(f"ratio command / engine: {ours / engine:.2f}x")
    print(f"ratio reading and validating / full-validation baseline: {reading / full:.3f}x")
    print(f"goal <= {GOAL_MS} ms per assessment: {'met' if ours <= GOAL_MS else 'NOT met'}")


if __name__ == "__main__":
    main()
