"""Benchmark the PDF record at the limits: the largest assessment the schema allows, with the
longest comments, transition comments and sign-off statement the product accepts.

Prints the render time of that record (goal: under 10 s) beside a baseline measured in the same
run: the typical record of 20 data items with short comments. Each text is at its schema
maximum; --items sets the number of data items (the schema allows 500) and --comments the
number of 5,000-character review comments.

Run with `make bench` (or DJANGO_SECRET_KEY=x python bench/bench_record_limits.py).
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = tempfile.mkdtemp(prefix="dpup-bench-limits-")
os.environ["DATABASE_URL"] = f"sqlite:///{WORK}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dpup_site.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-secret")

import warnings  # noqa: E402

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")
django.setup()

from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402

from assessments.interchange_validation import SCHEMA  # noqa: E402
from assessments.models import COMMENT_MAX_LENGTH, Organisation, Status, User  # noqa: E402
from assessments.records import record_document, record_pdf  # noqa: E402
from assessments.reviewing import comment_add  # noqa: E402
from assessments.roles import Role  # noqa: E402
from assessments.services import assessments_import  # noqa: E402
from assessments.workflow import assessment_transition  # noqa: E402

GOAL_SECONDS = 10.0
PROSE = "Whānau are told before anything is collected and may say no at any time. "


def prose(length: int) -> str:
    return (PROSE * (length // len(PROSE) + 1))[:length]


def longest(properties: dict) -> dict:
    """Every string property of an object at its maximum length (enums and lists left out)."""
    return {
        key: prose(prop["maxLength"])
        for key, prop in properties.items()
        if prop.get("type") == "string" and "maxLength" in prop and "format" not in prop
    }


def largest_document(items: int) -> dict:
    props = SCHEMA["properties"]
    item_props = props["data_items"]["items"]["properties"]
    doc: dict = {"schema": "dpup-assessment/1", "title": prose(props["title"]["maxLength"])}
    doc |= {"summary": prose(props["summary"]["maxLength"])}
    for section in ("purpose", "minimisation", "transparency", "access", "stewardship"):
        doc[section] = longest(props[section]["properties"])
    doc["sharing_value"] = longest(props["sharing_value"]["properties"])
    doc["groups"] = longest(props["groups"]["properties"])
    doc["data_items"] = [
        {**longest(item_props), "name": f"Item {n} " + prose(item_props["name"]["maxLength"] - 12)}
        for n in range(items)
    ]
    doc["transparency"]["when_told"] = "before"
    doc["minimisation"]["identifying_needed"] = True
    doc["purpose"]["beneficiaries"] = ["individuals", "whanau"]
    doc["consultations"] = [{"party": "service_users", "summary": prose(5000)}] * 10
    return doc


def people() -> tuple[User, User]:
    call_command("migrate", verbosity=0)
    organisation = Organisation.objects.create(name="Bench Organisation")
    analyst = User.objects.create_user("bench-analyst", organisation=organisation)
    officer = User.objects.create_user("bench-officer", organisation=organisation)
    analyst.groups.add(Group.objects.get(name=Role.ANALYST.label))
    officer.groups.add(Group.objects.get(name=Role.PRIVACY_OFFICER.label))
    return analyst, officer


def with_trail(doc: dict, analyst: User, officer: User, comments: int, length: int):
    """Import `doc`, add review comments and a round of changes, and submit it."""
    assessment = assessments_import(documents=[doc], owner=analyst)[0]
    for n in range(comments):
        comment_add(assessment=assessment, author=analyst, body=f"{n} " + prose(length - 4))
    assessment_transition(assessment=assessment, actor=analyst, target=Status.SUBMITTED)
    assessment_transition(
        assessment=assessment,
        actor=officer,
        target=Status.CHANGES_REQUESTED,
        comment=prose(length),
    )
    return assessment


def render_seconds(assessment) -> float:
    start = time.perf_counter()
    record_pdf(record_document(assessment), assessment)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=SCHEMA["properties"]["data_items"]["maxItems"])
    parser.add_argument("--comments", type=int, default=50)
    args = parser.parse_args()
    analyst, officer = people()

    typical = largest_document(20)
    for item in typical["data_items"]:
        item.update({key: "Short answer." for key in item if key != "name"})
    baseline_assessment = with_trail(typical, analyst, officer, comments=3, length=200)
    render_seconds(baseline_assessment)  # warm fonts and caches
    baseline = render_seconds(baseline_assessment)

    largest = with_trail(
        largest_document(args.items), analyst, officer, args.comments, COMMENT_MAX_LENGTH
    )
    seconds = render_seconds(largest)
    print(f"baseline, a typical record (20 short data items, 3 short comments): {baseline:.2f} s")
    print(
        f"largest record ({args.items} data items and every text at its limit, {args.comments} "
        f"comments of {COMMENT_MAX_LENGTH:,} characters): {seconds:.2f} s"
    )
    print(f"ratio largest / typical: {seconds / baseline:.1f}x")
    print(f"goal under {GOAL_SECONDS:.0f} s: {'met' if seconds < GOAL_SECONDS else 'NOT met'}")


if __name__ == "__main__":
    main()
