"""Two app servers and two workers on one PostgreSQL, as behind a load balancer.

Starts two gunicorn servers and two `db_worker` processes on the test database, races approvals
of each assessment through both servers (one officer on each), and checks that exactly one
sign-off is recorded, that every approved record is rendered exactly once, and that no request
failed. The session made once is accepted by both servers: they keep nothing of their own.
"""

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from assessments.models import SignOff, Status, StoredRecord
from assessments.roles import Role
from tests.assessments.workflow_helpers import in_state
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent.parent
ASSESSMENTS = 4
RENDER_TASK = "assessments.tasks.render_approved_record"
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return (
        f"postgres://{quote(db['USER'])}{password}@{db['HOST'] or '127.0.0.1'}"
        f":{db['PORT'] or 5432}/{db['NAME']}"
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(  # noqa: S603
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait_for(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn on {port} stopped: {server.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"gunicorn on {port} did not start within 30 s")


def _request(port: int, method: str, path: str, cookie: str, body: str = "") -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    conn.request(method, path, body=body or None, headers=headers)
    response = conn.getresponse()
    text = response.read().decode()
    conn.close()
    return response.status, text


def _session(user) -> str:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


@pytest.mark.django_db(transaction=True)
def test_two_servers_and_two_workers_sign_off_once_and_render_each_record_once(people):
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: several processes share one database (CI runs it).")
    second_officer = UserFactory.create(
        organisation=people.organisation, roles=(Role.PRIVACY_OFFICER,)
    )
    assessments = [in_state(people, Status.SUBMITTED) for _ in range(ASSESSMENTS)]
    env = {
        **os.environ,
        "DJANGO_DEBUG": "false",
        # Every machine shares the key, or a session made on one is refused by another.
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",  # No TLS proxy in front here.
        "DATABASE_URL": _database_url(),
        "DPUP_TASK_WORKER": "true",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    # Production settings serve hashed static files from a manifest, as a deployment does after
    # collectstatic; a clean clone has none until this runs.
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    ports = [_free_port(), _free_port()]
    processes = [
        _start(["-m", "gunicorn", "--workers=2", f"--bind=127.0.0.1:{port}", "dpup_site.wsgi"], env)
        for port in ports
    ]
    try:
        for port, server in zip(ports, processes, strict=True):
            _wait_for(port, server)
        officers = [people.officer, second_officer]
        # Each officer's session, made once and used on the server that did not make it.
        cookies = [_session(officer) for officer in officers]
        statuses: list[int] = []
        lock = threading.Lock()

        def approve(port: int, cookie: str, pk: int) -> None:
            status, page = _request(port, "GET", f"/assessments/{pk}/", cookie)
            assert status == 200, page[-500:]
            token = CSRF_TOKEN.search(page).group(1)  # type: ignore[union-attr]
            csrf_cookie = f"{cookie}; {settings.CSRF_COOKIE_NAME}={token}"
            body = urlencode({"csrfmiddlewaretoken": token, "comment": "Approved on evidence."})
            move = f"/assessments/{pk}/move/approve/"
            status, _ = _request(port, "POST", move, csrf_cookie, body)
            with lock:
                statuses.append(status)

        for assessment in assessments:
            racers = [
                threading.Thread(target=approve, args=(port, cookie, assessment.pk))
                for port, cookie in zip(ports, cookies, strict=True)
            ]
            for racer in racers:
                racer.start()
            for racer in racers:
                racer.join()

        # One approval won each race; the other was refused in words (409), nothing failed.
        assert sorted(statuses) == [302] * ASSESSMENTS + [409] * ASSESSMENTS, statuses
        for assessment in assessments:
            assert SignOff.objects.filter(assessment=assessment).count() == 1
            assessment.refresh_from_db()
            assert assessment.status == Status.APPROVED

        workers = [
            _start(["manage.py", "db_worker", "--no-reload", "--interval=0.2"], env)
            for _ in range(2)
        ]
        processes += workers
        deadline = time.monotonic() + 40
        while StoredRecord.objects.count() < ASSESSMENTS and time.monotonic() < deadline:
            time.sleep(0.5)
        assert StoredRecord.objects.count() == ASSESSMENTS
        renders = DBTaskResult.objects.filter(task_path=RENDER_TASK)
        assert sorted(r.args_kwargs["args"][0] for r in renders) == sorted(
            a.pk for a in assessments
        )
        assert {r.status for r in renders} == {TaskResultStatus.SUCCESSFUL}
        # Each render was taken by one worker, once.
        assert [len(r.worker_ids) for r in renders] == [1] * ASSESSMENTS
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            process.wait(timeout=30)
