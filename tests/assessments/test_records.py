"""The PDF record: what it says, how it is made, and what the renderer refuses to fetch."""

import hashlib
import io
import json
from pathlib import Path
from typing import Any

import pypdf
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from assessments.demo import DEMO_DATA
from assessments.models import AuditAction, AuditEvent, Status, StoredRecord
from assessments.pdf import StaticOnlyFetcher, html_to_pdf
from assessments.records import record_html, record_pdf
from assessments.tasks import render_approved_record
from assessments.workflow import assessment_transition
from tests.assessments.workflow_helpers import in_state

NAVIGATOR = json.loads((DEMO_DATA / "whanau-navigator-programme.json").read_text("utf-8"))
SECTION_HEADINGS = [
    "About the initiative",
    "Purpose and benefit",
    "Data items",
    "Data minimisation",
    "Transparency and choice",
    "Access and correction",
    "Stewardship",
    "Sharing value",
    "Groups concerned",
    "Who was involved",
    "The five Principles: scores and findings",
    "Review comments",
    "Sign-off",
    "Audit trail",
]


def _reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in _reader(pdf).pages)


def test_draft_record_from_a_file_has_every_section_macrons_and_the_draft_mark():
    pdf = record_pdf(NAVIGATOR)
    text = _text(pdf)
    for heading in SECTION_HEADINGS:
        assert heading in text, heading
    for words in ["He Tāngata", "Manaakitanga", "Mana Whakahaere", "Kaitiakitanga"]:
        assert words in text
    assert "Mahitahitanga" in text
    assert "whānau" in text
    assert "DRAFT" in text
    assert "HT-04" in text and "Not met" in text
    assert "Page 1 of" in text


def test_record_is_tagged_with_language_and_embedded_fonts():
    reader = _reader(record_pdf(NAVIGATOR))
    root: Any = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en-NZ"
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for font in resources["/Font"].values():
            font = font.get_object()
            descendant = font.get("/DescendantFonts")
            descriptor = (descendant[0].get_object() if descendant else font)["/FontDescriptor"]
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.get_object())


def _structure_languages(reader: pypdf.PdfReader) -> list[str]:
    """Return the /Lang of every structure element that has one, in document order."""
    found: list[str] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if "/Lang" in node:
            found.append(str(node["/Lang"]))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else []:
            if isinstance(kid.get_object(), dict):
                walk(kid)

    root: Any = reader.trailer["/Root"]
    walk(root["/StructTreeRoot"])
    return found


def test_te_reo_words_are_marked_lang_mi_in_the_pdf_structure():
    html = record_html(NAVIGATOR)
    marked_in_html = html.count('lang="mi"')
    assert marked_in_html > 20  # The five Principle names, at least, wherever they appear.
    languages = _structure_languages(_reader(html_to_pdf(html)))
    assert set(languages) == {"mi"}
    # A word broken across two pages makes two elements, so "at least".
    assert len(languages) >= marked_in_html


def test_macrons_in_every_vowel_render_with_no_missing_glyph(caplog):
    document = json.loads(json.dumps(NAVIGATOR))
    document["title"] = "Āta haere: ĀĒĪŌŪ āēīōū — “quoted” ‘single’ • … ✓"
    text = _text(record_pdf(document))
    assert "Āta haere: ĀĒĪŌŪ āēīōū — “quoted” ‘single’ • … ✓" in text
    assert not [r for r in caplog.records if "notdef" in r.getMessage()]


def test_a_character_no_font_can_draw_is_spelled_out_not_printed_as_a_box(caplog):
    private_use = "\ue000"  # No font has a glyph for it.
    pdf = html_to_pdf(f'<html lang="en"><title>t</title><p>before{private_use}after</p></html>')
    assert "before[U+E000]after" in _text(pdf)
    assert "spelled out as code points" in caplog.text


def test_typed_markup_and_urls_are_printed_not_fetched():
    hostile = {
        **NAVIGATOR,
        "title": 'Hui <img src="http://attacker.example/x.png"> notes',
        "purpose": {
            **NAVIGATOR["purpose"],
            "statement": '<link rel="stylesheet" href="file:///etc/passwd"> '
            '<style>@import url("https://attacker.example/a.css");</style> and '
            '<iframe src="ftp://attacker.example/f"></iframe>',
        },
    }
    fetcher = StaticOnlyFetcher()
    text = _text(record_pdf(hostile, fetcher=fetcher))
    assert '<img src="http://attacker.example/x.png">' in text.replace("\n", " ")
    assert "file:///etc/passwd" in text
    assert fetcher.refused == []
    assert fetcher.served == ["dpup-static:/css/record.css"]


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:8000/admin/",
        "https://example.com/logo.png",
        "ftp://example.com/f",
        "dpup-static:/../../settings.py",
        "dpup-static:/no/such/file.css",
    ],
)
def test_the_fetcher_refuses_everything_but_static_files_and_data(url):
    fetcher = StaticOnlyFetcher()
    html = (
        f'<html lang="en"><head><title>t</title></head>'
        f'<body><img src="{url}" alt="x"></body></html>'
    )
    html_to_pdf(html, fetcher=fetcher)
    assert fetcher.refused == [url]
    assert fetcher.served == []


def test_the_fetcher_serves_data_urls_and_static_files():
    fetcher = StaticOnlyFetcher()
    pixel = "data:image/gif;base64,R0lGODlhAQABAAAAACw="
    html_to_pdf(
        f'<html lang="en"><head><title>t</title><link rel="stylesheet" '
        f'href="dpup-static:/css/record.css"></head><body><img src="{pixel}" alt=""></body></html>',
        fetcher=fetcher,
    )
    assert fetcher.refused == []
    assert fetcher.served[0] == "dpup-static:/css/record.css"
    assert fetcher.served[1].startswith("data:image/gif")


@pytest.mark.django_db
def test_approved_record_is_stored_after_commit_and_served_as_stored(
    client, people, django_capture_on_commit_callbacks
):
    assessment = in_state(people, Status.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        assessment_transition(
            assessment=assessment,
            actor=people.officer,
            target=Status.APPROVED,
            comment="Signed off: only published counts are used.",
        )
    stored = StoredRecord.objects.get(assessment=assessment)
    assert stored.sha256 == hashlib.sha256(bytes(stored.pdf)).hexdigest()
    text = _text(bytes(stored.pdf))
    assert "DRAFT" not in text
    assert "Signed off: only published counts are used." in text
    assert assessment.sign_off.snapshot.sha256 in text.replace("\n", "")

    client.force_login(people.manager)
    response = client.get(reverse("assessment_record", args=[assessment.pk]))
    assert response.status_code == 200
    assert response.content == bytes(stored.pdf)
    assert response["ETag"] == f'"{stored.sha256}"'
    assert f'filename="{assessment.reference}-v1.pdf"' in response["Content-Disposition"]
    again = client.get(
        reverse("assessment_record", args=[assessment.pk]), HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert again.status_code == 304
    downloads = AuditEvent.objects.filter(
        assessment=assessment, action=AuditAction.RECORD_DOWNLOADED
    )
    assert [(e.actor, e.data["sha256"], e.data["from_cache"]) for e in downloads] == [
        (people.manager, stored.sha256, False),
        (people.manager, stored.sha256, True),
    ]
    assert StoredRecord.objects.count() == 1


@pytest.fixture
def approved_with_a_worker(people, settings):
    """An assessment approved while a worker is configured, its record not rendered yet."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assessment = in_state(people, Status.SUBMITTED)
    assessment_transition(
        assessment=assessment, actor=people.officer, target=Status.APPROVED, comment="Yes."
    )
    return assessment


def _run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


# db_worker closes a connection it finds inside a transaction, as a test's would be.
@pytest.mark.django_db(transaction=True)
def test_with_a_worker_the_approved_record_waits_in_the_queue_until_db_worker_renders_it(
    client, people, approved_with_a_worker
):
    assessment = approved_with_a_worker
    # The approval committed without rendering anything: the task waits for a worker.
    assert not StoredRecord.objects.exists()
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "assessments.tasks.render_approved_record"
    assert queued.args_kwargs == {"args": [assessment.pk], "kwargs": {}}
    assert queued.status == TaskResultStatus.READY

    _run_worker()

    stored = StoredRecord.objects.get(assessment=assessment)
    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.SUCCESSFUL
    assert queued.return_value == stored.sha256 == hashlib.sha256(bytes(stored.pdf)).hexdigest()
    client.force_login(people.manager)
    response = client.get(reverse("assessment_record", args=[assessment.pk]))
    assert response.content == bytes(stored.pdf)


@pytest.mark.django_db(transaction=True)
def test_an_approved_record_not_yet_rendered_by_the_worker_is_rendered_and_kept_on_download(
    client, people, approved_with_a_worker
):
    client.force_login(people.manager)
    response = client.get(reverse("assessment_record", args=[approved_with_a_worker.pk]))
    stored = StoredRecord.objects.get(assessment=approved_with_a_worker)
    assert response.content == bytes(stored.pdf)
    # The worker comes later and keeps the record already stored rather than a second one.
    _run_worker()
    assert StoredRecord.objects.get().sha256 == stored.sha256
    assert DBTaskResult.objects.get().return_value == stored.sha256


@pytest.mark.django_db
def test_the_render_task_refuses_a_version_that_is_not_approved(people):
    assessment = in_state(people, Status.SUBMITTED)
    result = render_approved_record.enqueue(assessment.pk)  # inline: no worker configured
    assert result.status == TaskResultStatus.FAILED
    assert not StoredRecord.objects.exists()


@pytest.mark.django_db
def test_draft_record_renders_on_demand_and_each_download_is_audited(client, people):
    assessment = in_state(people, Status.DRAFT)
    client.force_login(people.analyst)
    response = client.get(reverse("assessment_record", args=[assessment.pk]))
    assert response.status_code == 200
    assert "DRAFT" in _text(response.content)
    assert "-DRAFT.pdf" in response["Content-Disposition"]
    assert not StoredRecord.objects.exists()
    event = AuditEvent.objects.get(action=AuditAction.RECORD_DOWNLOADED)
    assert event.data["kind"] == "draft"


@pytest.mark.django_db
def test_render_pdf_command_from_a_file_and_a_reference(people, tmp_path):
    out = tmp_path / "file.pdf"
    call_command(
        "render_pdf", "--file", str(DEMO_DATA / "over-65-population-map.json"), "-o", str(out)
    )
    assert "Mapping the over-65 population" in _text(out.read_bytes())
    assessment = in_state(people, Status.DRAFT)
    out2 = tmp_path / "stored.pdf"
    call_command("render_pdf", "--reference", assessment.reference, "-o", str(out2))
    assert assessment.reference in _text(out2.read_bytes())
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "dpup-assessment/1"}')
    with pytest.raises(CommandError) as refused:
        call_command("render_pdf", "--file", str(bad), "-o", str(tmp_path / "x.pdf"))
    assert refused.value.returncode == 2
    with pytest.raises(CommandError):
        call_command("render_pdf", "--reference", "NOPE-1", "-o", str(Path(tmp_path) / "y.pdf"))


def test_two_hundred_data_items_render_with_no_row_split_across_pages():
    from weasyprint import HTML

    from assessments.pdf import STATIC_BASE
    from assessments.records import record_html

    base = NAVIGATOR["data_items"]
    many = {
        **NAVIGATOR,
        "data_items": [
            {**base[i % len(base)], "name": f"Item {i + 1:03d} {base[i % len(base)]['name']}"}
            for i in range(200)
        ],
    }
    document = HTML(
        string=record_html(many), base_url=STATIC_BASE, url_fetcher=StaticOnlyFetcher()
    ).render()
    pages_of_row: dict[int, set[int]] = {}

    def walk(box, page_number, in_header=False):
        # A table's header row repeats on every page by design; body rows must not split.
        in_header = in_header or bool(getattr(box, "is_header", False))
        if type(box).__name__ == "TableRowBox" and not in_header:
            pages_of_row.setdefault(id(box.element), set()).add(page_number)
        for child in getattr(box, "children", []):
            walk(child, page_number, in_header)

    for number, page in enumerate(document.pages):
        walk(page._page_box, number)
    split = [pages for pages in pages_of_row.values() if len(pages) > 1]
    assert split == []
    assert len(pages_of_row) > 200  # every data item row, and the findings rows
    text = "".join(page.extract_text() for page in _reader(document.write_pdf()).pages)
    assert "Item 001" in text and "Item 200" in text
