"""Approving never waits for the PDF: the page says it is being prepared, failures are retried
and, when every attempt fails, shown to the privacy officers and managers."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from assessments import tasks
from assessments.models import RecordRenderFailure, Status, StoredRecord
from assessments.tasks import MAX_ATTEMPTS, render_approved_record
from assessments.workflow import assessment_transition
from tests.assessments.workflow_helpers import in_state

PREPARING = "The signed record is being prepared"
FAILED = "The signed record could not be prepared"


def _approve(people):
    assessment = in_state(people, Status.SUBMITTED)
    assessment_transition(
        assessment=assessment, actor=people.officer, target=Status.APPROVED, comment="Yes."
    )
    return assessment


def _page(client, user, assessment) -> str:
    client.force_login(user)
    return client.get(reverse("assessment_detail", args=[assessment.pk])).content.decode()


def _broken_renderer(monkeypatch) -> list[int]:
    calls: list[int] = []

    def fail(*, assessment):
        calls.append(assessment.pk)
        raise OSError("fontconfig cache is unreadable")

    monkeypatch.setattr(tasks, "record_store", fail)
    return calls


# db_worker closes a connection it finds inside a transaction, as a test's would be.
@pytest.mark.django_db(transaction=True)
def test_the_page_says_the_record_is_being_prepared_until_the_worker_stores_it(
    client, people, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assessment = _approve(people)
    download = reverse("assessment_record", args=[assessment.pk])
    for user in (people.analyst, people.officer, people.manager):
        html = _page(client, user, assessment)
        assert PREPARING in html and download not in html

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    assert StoredRecord.objects.filter(assessment=assessment).exists()
    html = _page(client, people.analyst, assessment)
    assert PREPARING not in html
    assert f'href="{download}"' in html and "(draft)" not in html


@pytest.mark.django_db
def test_a_draft_links_its_record_on_demand(client, people):
    assessment = in_state(people, Status.DRAFT)
    html = _page(client, people.analyst, assessment)
    assert PREPARING not in html
    assert reverse("assessment_record", args=[assessment.pk]) in html and "(draft)" in html


@pytest.mark.django_db
def test_a_render_that_keeps_failing_is_retried_then_shown_to_officers_and_managers(
    client, people, monkeypatch, django_capture_on_commit_callbacks
):
    calls = _broken_renderer(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        assessment = _approve(people)  # Inline backend: every retry runs at once.

    assert calls == [assessment.pk] * MAX_ATTEMPTS
    failure = RecordRenderFailure.objects.get(assessment=assessment)
    assert failure.attempts == MAX_ATTEMPTS and failure.gave_up
    assert "fontconfig cache is unreadable" in failure.error
    for user in (people.officer, people.manager):
        html = _page(client, user, assessment)
        assert FAILED in html and "fontconfig cache is unreadable" in html
        assert f"after {MAX_ATTEMPTS} attempts" in html
        # The way to try again by hand: the download renders and keeps the record.
        assert reverse("assessment_record", args=[assessment.pk]) in html
    assert FAILED not in _page(client, people.analyst, assessment)


@pytest.mark.django_db
def test_a_render_that_fails_once_and_then_works_leaves_the_record_linked(
    client, people, monkeypatch, django_capture_on_commit_callbacks
):
    real = tasks.record_store
    calls: list[int] = []

    def flaky(*, assessment):
        calls.append(assessment.pk)
        if len(calls) == 1:
            raise OSError("out of memory")
        return real(assessment=assessment)

    monkeypatch.setattr(tasks, "record_store", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        assessment = _approve(people)
    assert len(calls) == 2
    assert StoredRecord.objects.filter(assessment=assessment).exists()
    assert not RecordRenderFailure.objects.get(assessment=assessment).gave_up
    html = _page(client, people.officer, assessment)
    assert FAILED not in html and PREPARING not in html


@pytest.mark.django_db(transaction=True)
def test_with_a_worker_a_failed_render_is_queued_again_for_later(people, settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    _broken_renderer(monkeypatch)
    assessment = _approve(people)
    before = timezone.now()

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    first, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert first.status == TaskResultStatus.FAILED
    assert retry.status == TaskResultStatus.READY  # Not run yet: it waits its turn.
    assert retry.args_kwargs == {"args": [assessment.pk, 2], "kwargs": {}}
    assert retry.run_after >= before + datetime.timedelta(seconds=25)
    failure = RecordRenderFailure.objects.get(assessment=assessment)
    assert failure.attempts == 1 and not failure.gave_up


@pytest.mark.django_db(transaction=True)
def test_approving_with_a_worker_renders_nothing_in_the_request(
    client, people, settings, monkeypatch
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    calls = _broken_renderer(monkeypatch)
    assessment = in_state(people, Status.SUBMITTED)
    client.force_login(people.officer)
    response = client.post(
        reverse("assessment_move", args=[assessment.pk, "approve"]),
        {"comment": "Approved on the evidence given."},
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == Status.APPROVED
    assert calls == []  # The PDF is the worker's job, not the request's.
    queued = DBTaskResult.objects.get()
    assert queued.status == TaskResultStatus.READY
    assert queued.task_path == f"{render_approved_record.module_path}"
