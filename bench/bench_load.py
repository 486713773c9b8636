"""Load every page of the site at 10,000 assessments, beside a bare Django view.

Run from the repository root with `make bench-load` (not part of `make bench` or CI: it takes
a few minutes and wants PostgreSQL). It:

1. fills the database named by BENCH_DATABASE_URL (or DATABASE_URL) with 10,000 assessments
   in one organisation, by bulk inserts (the load fixture, not the import path), once;
2. starts gunicorn with production settings (2 sync workers) serving the site and a bare view;
3. signs a person in who holds every role (a session row, as the login form would make);
4. runs `wrk -t2 -c16 -d8s --latency` on each page (or a Python load generator when wrk is
   not installed) and prints requests per second, the share of the bare view's, p99 and
   errors, with each page's goal;
5. times one download of the portfolio CSV of all 10,000 rows.

It prints figures and whether each goal is met; it asserts nothing, since machines differ.
"""

import datetime
import http.client
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ASSESSMENTS = 10_000
DATA_ITEMS_ON_SHOWN = 20
ORGANISATION = "Load benchmark organisation"
USERNAME = "load-bench"
PORT = int(os.environ.get("BENCH_PORT", "8765"))
THREADS, CONNECTIONS, SECONDS = 2, 16, 8
P99_GOAL_MS = 250.0
CSV_GOAL_S = 1.0
SEED = 16

ENV = {
    "DJANGO_SETTINGS_MODULE": "bench.load_settings",
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "load-bench-key-not-secret"),
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    # The record renders in the worker, as in production; no worker runs during the load.
    "DPUP_TASK_WORKER": "true",
}
# As the TLS proxy in front would say; keeps the production redirect to https quiet.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


@dataclass(frozen=True)
class Result:
    requests_per_second: float
    p99_ms: float
    errors: int
    requests: int


def _database_url() -> str:
    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL")
    if not url:
        sys.exit(
            "Set BENCH_DATABASE_URL (or DATABASE_URL) to a PostgreSQL database the benchmark may "
            "fill, e.g. postgres://postgres@127.0.0.1:5432/dpup"
        )
    return url


def _setup_django(database_url: str) -> None:
    os.environ.update(ENV, DATABASE_URL=database_url)
    import django

    django.setup()


# The fixture ---------------------------------------------------------------------------------


def make_fixture() -> tuple[int, int]:
    """Fill the database once; return the shown assessment's id and the person's id."""
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    import principles
    from assessments.models import Assessment, DataItem, Organisation, Readiness, Status, User
    from assessments.roles import Role
    from assessments.scoring import assessment_rescore

    call_command("migrate", verbosity=0)
    organisation, _ = Organisation.objects.get_or_create(name=ORGANISATION)
    user, created = User.objects.get_or_create(
        username=USERNAME, defaults={"organisation": organisation, "first_name": "Load"}
    )
    if created:
        user.set_unusable_password()
        user.save()
        user.groups.set([Group.objects.get_or_create(name=role.label)[0] for role in Role])
    colleagues = [
        User.objects.get_or_create(
            username=f"{USERNAME}-{n}", defaults={"organisation": organisation}
        )[0]
        for n in range(4)
    ]
    existing = Assessment.objects.filter(organisation=organisation)
    if existing.count() >= ASSESSMENTS:
        shown = existing.filter(title__startswith="Shown:").get()
        _vacuum()
        return shown.pk, user.pk

    started = time.perf_counter()
    rng = random.Random(SEED)
    today = timezone.localdate()
    # Mostly the person's own drafts, so that "my work" is at its largest.
    statuses = (
        [Status.DRAFT] * 45
        + [Status.CHANGES_REQUESTED] * 5
        + [Status.SUBMITTED] * 20
        + [Status.APPROVED] * 25
        + [Status.SUPERSEDED] * 5
    )
    rows = []
    for n in range(1, ASSESSMENTS + 1):
        status = rng.choice(statuses)
        mine = status in (Status.DRAFT, Status.CHANGES_REQUESTED) or rng.random() < 0.3
        scored = rng.random() < 0.9
        scores = [rng.randint(20, 100) for _ in range(5)]
        overall = round(sum(scores) / 5)
        rows.append(
            Assessment(
                organisation=organisation,
                owner=user if mine else rng.choice(colleagues),
                reference=f"DPUP-2026-{n:05d}",
                status=status,
                title=f"Whānau support programme {n}",
                initiative_kind="service",
                summary="Home visits for whānau whose children are missing school. " * 4,
                purpose_statement="Match whānau to support services that meet their needs. " * 8,
                next_review_due=today + datetime.timedelta(days=rng.randint(-60, 400))
                if status == Status.APPROVED
                else None,
                # Today's ruleset, so that migrate's rescoring of stale drafts leaves them be.
                ruleset_version=principles.RULESET_VERSION,
                readiness=rng.choice(Readiness.values) if scored else "",
                overall_score=overall if scored else None,
                score_he_tangata=scores[0] if scored else None,
                score_manaakitanga=scores[1] if scored else None,
                score_mana_whakahaere=scores[2] if scored else None,
                score_kaitiakitanga=scores[3] if scored else None,
                score_mahitahitanga=scores[4] if scored else None,
            )
        )
    rows[0].title = "Shown: whānau support with twenty data items"
    rows[0].status = Status.DRAFT
    rows[0].owner = user
    with transaction.atomic():
        existing.delete()
        Assessment.objects.bulk_create(rows, batch_size=1000)
        shown = Assessment.objects.get(organisation=organisation, title__startswith="Shown:")
        DataItem.objects.bulk_create(
            DataItem(
                assessment=shown,
                position=i,
                name=f"Data item {i + 1}",
                description="What it is and where it comes from.",
                justification="Needed to decide which service fits.",
                retention="P2Y",
            )
            for i in range(DATA_ITEMS_ON_SHOWN)
        )
    assessment_rescore(assessment=shown)
    _vacuum()
    print(f"fixture: {ASSESSMENTS:,} assessments made in {time.perf_counter() - started:.1f} s")
    return shown.pk, user.pk


def _vacuum() -> None:
    """Give the planner its statistics and the visibility map, as autovacuum would in time."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE assessments_assessment")


def session_cookie(user_id: int) -> str:
    """Sign the person in as the login form does: a session row in the database."""
    from django.conf import settings
    from django.test import Client

    from assessments.models import User

    client = Client()
    client.force_login(User.objects.get(pk=user_id))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


# The server ----------------------------------------------------------------------------------


def start_gunicorn(database_url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, **ENV, "DATABASE_URL": database_url}
    if not (ROOT / "staticfiles" / "staticfiles.json").exists():  # Slow (compression): once.
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers=2",
            "--worker-class=sync",
            f"--bind=127.0.0.1:{PORT}",
            "--log-level=warning",
            "dpup_site.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", PORT), timeout=1).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit("gunicorn did not start within 30 s")


def stop(server: subprocess.Popen[bytes]) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def fetch(path: str, cookie: str) -> tuple[int, bytes, float]:
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    connection.request("GET", path, headers={"Cookie": cookie, **PROXY_HEADERS})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body, time.perf_counter() - started


# The load ------------------------------------------------------------------------------------


def _wrk_ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def load_with_wrk(path: str, cookie: str) -> Result:
    completed = subprocess.run(  # noqa: S603
        [
            shutil.which("wrk") or "wrk",
            f"-t{THREADS}",
            f"-c{CONNECTIONS}",
            f"-d{SECONDS}s",
            "--latency",
            "--timeout=10s",
            "-H",
            f"Cookie: {cookie}",
            *(arg for name, value in PROXY_HEADERS.items() for arg in ("-H", f"{name}: {value}")),
            f"http://127.0.0.1:{PORT}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    out = completed.stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p99 = _wrk_ms(re.search(r"99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    if socket_errors := re.search(r"Socket errors: (.*)", out):
        errors += sum(int(n) for n in re.findall(r"\d+", socket_errors.group(1)))
    return Result(rps, p99, errors, requests)


def load_with_python(path: str, cookie: str) -> Result:
    """The fallback: CONNECTIONS threads, each a keep-alive connection, for SECONDS."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + SECONDS

    def worker() -> None:
        nonlocal errors
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Cookie": cookie, **PROXY_HEADERS})
                response = connection.getresponse()
                response.read()
                failed = response.status >= 400
            except (OSError, http.client.HTTPException):
                failed = True
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
            with lock:
                latencies.append(time.perf_counter() - started)
                errors += failed
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    p99 = statistics.quantiles(latencies, n=100)[98] * 1000 if len(latencies) > 1 else 0.0
    return Result(len(latencies) / elapsed, p99, errors, len(latencies))


def drain(cookie: str) -> None:
    """Wait until the server has finished the requests the last load left in its queue.

    wrk stops sending when its time is up, but gunicorn still answers what is queued; without
    this, each page would be measured while the server is still busy with the previous one.
    """
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if fetch("/bench/bare/", cookie)[2] < 0.05:
            return
        time.sleep(0.5)


# The run -------------------------------------------------------------------------------------


def pages(shown_id: int) -> list[tuple[str, str, float]]:
    """Each page: its name, its path and its goal as a share of the bare view's requests/s."""
    return [
        ("home", "/", 0.15),
        ("list", "/assessments/", 0.15),
        ("list, page 200", "/assessments/?page=200", 0.15),
        ("list, search", "/assessments/?q=programme+12", 0.15),
        ("list, status, by title", "/assessments/?status=approved&sort=title", 0.15),
        ("list, sorted by score", "/assessments/?sort=-score&page=3", 0.15),
        ("my work", "/my-work/", 0.15),
        ("my work, page 40", "/my-work/?drafts_page=40", 0.15),
        ("review queue", "/review/", 0.15),
        ("portfolio", "/portfolio/", 0.15),
        ("portfolio, narrowed", "/portfolio/?status=approved&readiness=ready&page=5", 0.15),
        ("detail (20 data items)", f"/assessments/{shown_id}/", 0.08),
        ("edit (20 data items)", f"/assessments/{shown_id}/edit/", 0.04),
    ]


def main() -> int:
    database_url = _database_url()
    _setup_django(database_url)
    shown_id, user_id = make_fixture()
    cookie = session_cookie(user_id)
    if shutil.which("wrk"):
        load, tool = load_with_wrk, "wrk"
    else:
        print("wrk is not installed (Debian: sudo apt-get install -y wrk); using Python threads.")
        load, tool = load_with_python, "python"
    server = start_gunicorn(database_url)
    try:
        for _, path, _ in [("bare", "/bench/bare/", 0), *pages(shown_id)]:
            status, body, _ = fetch(path, cookie)  # Warm up, and check each page answers.
            if status != 200:
                print(f"{path} answered {status}: {body[:300]!r}")
                return 1
        # Timed before any load, so that it does not wait behind requests wrk left queued.
        # The first export also fills PostgreSQL's cache; the second is what people then see.
        _, _, cold = fetch("/portfolio.csv?status=all", cookie)
        csv_status, body, seconds = fetch("/portfolio.csv?status=all", cookie)
        csv_rows = body.count(b"\n") - 1
        bare = load("/bench/bare/", cookie)
        drain(cookie)
        print(
            f"\n{tool} -t{THREADS} -c{CONNECTIONS} -d{SECONDS}s, gunicorn 2 sync workers, "
            f"{ASSESSMENTS:,} assessments\n"
        )
        print(
            f"| page | requests/s | share of bare ({bare.requests_per_second:,.0f}/s) | goal "
            f"| p99 | errors | met |"
        )
        print("|---|---|---|---|---|---|---|")
        failed = 0
        for name, path, goal in pages(shown_id):
            result = load(path, cookie)
            drain(cookie)
            share = result.requests_per_second / bare.requests_per_second
            met = share >= goal and result.p99_ms < P99_GOAL_MS and result.errors == 0
            failed += not met
            print(
                f"| {name} | {result.requests_per_second:,.0f} | {share:.1%} | {goal:.0%} "
                f"| {result.p99_ms:.0f} ms | {result.errors} | {'yes' if met else 'NO'} |"
            )
        print(
            f"\nportfolio CSV: {csv_rows:,} rows, {len(body) / 1e6:.1f} MB in {seconds:.2f} s "
            f"(the first, cold: {cold:.2f} s) "
            f"(goal < {CSV_GOAL_S:.0f} s: {'met' if seconds < CSV_GOAL_S else 'NOT met'})"
        )
        failed += csv_status != 200 or seconds >= CSV_GOAL_S
        print(f"\n{failed} goal(s) not met." if failed else "\nEvery goal met.")
    finally:
        stop(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
