"""Benchmark importing assessments: time per document for 1,000 and for 10,000 documents.

Prints, measured in the same run against a fresh SQLite database (or BENCH_DATABASE_URL):
1. The import of 1,000 documents (one file, the way the command and the page import) per
   document, beside a baseline: inserting the same number of bare Assessment rows one by one
   through the ORM, the floor any import has to pay.
2. The import of 10,000 more (ten files of 1,000 into the same organisation), per document, and
   its ratio to the first: about 1 when the import is linear (reference allocation used to scan
   every reference of the organisation, so each import was slower than the last).
3. Whether 10,000 documents take under 60 s in all (the goal).

Run with `make bench` (or DJANGO_SECRET_KEY=x python bench/bench_import.py [--large N]).
"""

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
WORK = tempfile.mkdtemp(prefix="dpup-bench-import-")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{WORK}/b.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dpup_site.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-secret")

import django  # noqa: E402

django.setup()

from bench_scoring import make_assessment  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from assessments.models import Assessment, Organisation, User  # noqa: E402
from assessments.services import assessments_import  # noqa: E402

FILE_SIZE = 1000
GOAL_SECONDS = 60.0


def documents(count: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    return [make_assessment(rng, n) for n in range(count)]


def import_files(docs: list[dict], owner: User) -> float:
    """Import `docs` in files of FILE_SIZE, as the command does; return seconds."""
    start = time.perf_counter()
    for first in range(0, len(docs), FILE_SIZE):
        assessments_import(documents=docs[first : first + FILE_SIZE], owner=owner)
    return time.perf_counter() - start


def bare_inserts(count: int, owner: User) -> float:
    """The baseline: `count` minimal Assessment rows saved one at a time, in one transaction."""
    start = time.perf_counter()
    with transaction.atomic():
        for n in range(count):
            Assessment(
                organisation=owner.organisation, owner=owner, reference=f"BARE-{n}", title="x"
            ).save()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--large", type=int, default=10_000, help="documents in the large run")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    organisation = Organisation.objects.create(name="Bench Organisation")
    other = Organisation.objects.create(name="Baseline Organisation")
    owner = User.objects.create_user("bench-analyst", organisation=organisation)
    baseline_owner = User.objects.create_user("bench-baseline", organisation=other)

    small = documents(FILE_SIZE, 1)
    baseline = bare_inserts(FILE_SIZE, baseline_owner) / FILE_SIZE
    first = import_files(small, owner) / FILE_SIZE
    print(f"import of {FILE_SIZE:,} documents (20 data items each): {first * 1000:.2f} ms each")
    print(f"baseline, a bare Assessment row saved: {baseline * 1000:.2f} ms each")
    print(f"ratio import / bare row: {first / baseline:.1f}x")

    large = documents(args.large, 2)
    total = import_files(large, owner)
    per = total / args.large
    print(
        f"import of {args.large:,} more into the same organisation: {per * 1000:.2f} ms each, "
        f"{total:.1f} s in all"
    )
    print(
        f"ratio per document, {args.large:,} / first {FILE_SIZE:,}: {per / first:.2f} (1 = linear)"
    )
    verdict = "met" if total * 10_000 / args.large <= GOAL_SECONDS else "NOT met"
    print(f"goal 10,000 documents in under {GOAL_SECONDS:.0f} s: {verdict}")


if __name__ == "__main__":
    main()
