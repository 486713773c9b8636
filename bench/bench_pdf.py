"""Benchmark the PDF record. Prints figures and ratios to baselines measured in the same run.

1. Render time of a typical record (20 data items) against WeasyPrint alone rendering the same
   HTML (goal: ratio <= 1.25).
2. Serving a stored approved record against rendering it afresh (goal: >= 50x faster).
3. Memory growth over 200 renders in one process, after the first 10 (goal: < 50 MB).

Run with `make bench` (or DJANGO_SECRET_KEY=x python bench/bench_pdf.py [--renders N]).
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = tempfile.mkdtemp(prefix="dpup-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{WORK}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dpup_site.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-secret")
os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "false"

import warnings  # noqa: E402

import django  # noqa: E402

# WeasyPrint's and WhiteNoise's warnings are not figures.
warnings.filterwarnings("ignore", message="No directory at")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from weasyprint import HTML  # noqa: E402

from assessments import pdf_tags  # noqa: E402
from assessments.models import Organisation, Status, User  # noqa: E402
from assessments.pdf import PDF_VARIANT, STATIC_BASE, StaticOnlyFetcher  # noqa: E402
from assessments.records import record_html, record_pdf, record_store  # noqa: E402
from assessments.roles import Role  # noqa: E402
from assessments.services import assessments_import  # noqa: E402
from assessments.workflow import assessment_transition  # noqa: E402

DEMO = ROOT / "assessments" / "demo_data" / "over-65-population-map.json"


def typical_document(items: int = 20) -> dict:
    """The ready example, with its data items repeated (renamed) up to `items`."""
    doc = json.loads(DEMO.read_text(encoding="utf-8"))
    base = doc["data_items"]
    doc["data_items"] = [
        {**base[i % len(base)], "name": f"{base[i % len(base)]['name']} ({i + 1})"}
        for i in range(items)
    ]
    return doc


def median_seconds(run: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def approved_assessment(doc: dict):
    call_command("migrate", verbosity=0)
    from django.contrib.auth.models import Group

    organisation = Organisation.objects.create(name="Bench Organisation")
    analyst = User.objects.create_user("bench-analyst", organisation=organisation)
    officer = User.objects.create_user("bench-officer", organisation=organisation)
    analyst.groups.add(Group.objects.get(name=Role.ANALYST.label))
    officer.groups.add(Group.objects.get(name=Role.PRIVACY_OFFICER.label))
    assessment = assessments_import(documents=[doc], owner=analyst)[0]
    assessment_transition(assessment=assessment, actor=analyst, target=Status.SUBMITTED)
    assessment_transition(
        assessment=assessment, actor=officer, target=Status.APPROVED, comment="Bench sign-off."
    )
    record_store(assessment=assessment)
    return assessment, officer


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--renders", type=int, default=200, help="renders for the memory test")
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()

    doc = typical_document()
    html = record_html(doc)
    record_pdf(doc)  # warm fonts and caches for both

    def weasyprint_alone() -> bytes | None:
        # Without our mending of the tagging step, so the baseline is WeasyPrint's own.
        with pdf_tags.uninstalled():
            document = HTML(string=html, base_url=STATIC_BASE, url_fetcher=StaticOnlyFetcher())
            return document.write_pdf(pdf_variant=PDF_VARIANT)

    # Interleaved, so that whatever else the machine does slows both alike.
    ours_times, alone_times = [], []
    for _ in range(args.repeats):
        ours_times.append(median_seconds(lambda: record_pdf(doc), 1))
        alone_times.append(median_seconds(weasyprint_alone, 1))
    ours, alone = statistics.median(ours_times), statistics.median(alone_times)
    ratio = ours / alone
    print(f"record of 20 data items: median {ours * 1000:.0f} ms (context, template and render)")
    print(f"WeasyPrint alone on the same HTML: median {alone * 1000:.0f} ms")
    verdict = "met" if ratio <= 1.25 else "NOT met"
    print(f"ratio record / WeasyPrint alone: {ratio:.2f} (goal <= 1.25: {verdict})")

    assessment, officer = approved_assessment(doc)
    client = Client()
    client.force_login(officer)
    url = reverse("assessment_record", args=[assessment.pk])
    assert client.get(url).status_code == 200
    served = median_seconds(lambda: client.get(url), max(args.repeats, 21))
    fresh = median_seconds(lambda: record_pdf(doc, assessment), args.repeats)
    speedup = fresh / served
    print(f"serve stored approved record (whole request): median {served * 1000:.1f} ms")
    print(f"render the same record afresh: median {fresh * 1000:.0f} ms")
    verdict = "met" if speedup >= 50 else "NOT met"
    print(f"stored is {speedup:.0f}x faster (goal >= 50x: {verdict})")

    for _ in range(10):
        record_pdf(doc)
    after_ten = rss_mb()
    for _ in range(args.renders - 10):
        record_pdf(doc)
    growth = rss_mb() - after_ten
    total = after_ten + growth
    print(f"memory: {after_ten:.0f} MB after 10 renders, {total:.0f} MB after {args.renders}")
    verdict = "met" if growth < 50 else "NOT met"
    print(f"growth after the first 10: {growth:.1f} MB (goal < 50 MB: {verdict})")


if __name__ == "__main__":
    main()
