"""Large imports run as tasks: the preview and the confirmation of a file with more rows than
WAGTAIL_MENTORSHIP_BACKGROUND_IMPORT_ROWS are queued, a worker started later runs them, and
the curator finds the result on the upload's page. Small files stay immediate."""

import functools
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from tests.people_builders import CURATORS, login_client
from tests.test_import_admin import MENTEES, MENTORS, upload
from wagtail_mentorship.importing import pipeline
from wagtail_mentorship.importing import progress as task_progress
from wagtail_mentorship.importing.background import FAILURE_MESSAGE
from wagtail_mentorship.models import Mentee, Mentor, SpreadsheetImport

Step, Status = SpreadsheetImport.TaskStep, SpreadsheetImport.TaskStatus

DATABASE_TASKS = {**settings.TASKS, "imports": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def in_russian(text) -> str:
    """A new string as the curator reads it: Russian once translated, English until then."""
    with translation.override("ru"):
        return str(text)


def mentees_csv(count: int) -> bytes:
    lines = ["ФИО;Класс"] + [f"Ученикова Анна {i};7А" for i in range(count)]
    return "\n".join(lines).encode()


def run_worker():
    call_command("db_worker", "--backend=imports", "--batch", "--no-startup-delay", "--no-reload")


def progress(client, url) -> str:
    html = client.get(url).content.decode()
    assert 'role="progressbar"' in html and "aria-valuenow=" in html
    return html


@pytest.fixture
def small_threshold(settings):
    settings.WAGTAIL_MENTORSHIP_BACKGROUND_IMPORT_ROWS = 5


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_a_large_import_waits_for_a_worker_started_after_the_upload(admin_client, small_threshold):
    pending, preview_url = upload(admin_client, MENTEES, "big.csv", mentees_csv(8))
    assert pending.rows_total == 9  # the header and 8 people

    html = progress(admin_client, preview_url)
    assert 'data-task-status="queued"' in html and 'http-equiv="refresh"' in html
    assert f">{in_russian(Step.PREVIEW.label)}: {in_russian(Status.QUEUED.label).lower()}<" in html

    run_worker()  # the preview
    preview = admin_client.get(preview_url).content.decode()
    assert 'data-count="new">8<' in preview and 'role="progressbar"' not in preview
    assert Mentee.objects.count() == 0

    response = admin_client.post(preview_url, {"action": "confirm"})
    assert response["Location"] == preview_url
    assert 'data-task-status="queued"' in progress(admin_client, preview_url)
    assert Mentee.objects.count() == 0

    run_worker()  # the import
    done = admin_client.get(preview_url).content.decode()
    assert 'data-task-status="done"' in done and "«big.csv»" in done
    assert Mentee.objects.count() == 8
    pending.refresh_from_db()
    assert pending.status == "applied" and pending.rows_done == 9

    # The upload page lists it, with a link to its page.
    listing = admin_client.get(reverse(f"{MENTEES}:import")).content
    assert preview_url.encode() in listing


def test_a_small_import_stays_immediate(admin_client, small_threshold):
    pending, preview_url = upload(admin_client, MENTEES, "small.csv", mentees_csv(3))
    assert not pending.in_background and pending.task_status == ""
    preview = admin_client.get(preview_url).content.decode()
    assert 'data-count="new">3<' in preview and 'role="progressbar"' not in preview
    admin_client.post(preview_url, {"action": "confirm"})
    assert Mentee.objects.count() == 3


def test_a_large_import_on_the_immediate_backend_is_done_at_once(admin_client, small_threshold):
    pending, preview_url = upload(admin_client, MENTEES, "big.csv", mentees_csv(8))
    assert pending.in_background
    assert 'data-count="new">8<' in admin_client.get(preview_url).content.decode()
    admin_client.post(preview_url, {"action": "confirm"})
    assert Mentee.objects.count() == 8
    assert 'data-task-status="done"' in admin_client.get(preview_url).content.decode()


def test_a_failing_task_writes_nothing_and_says_why(admin_client, small_threshold):
    pending, preview_url = upload(admin_client, MENTEES, "big.csv", mentees_csv(8))
    with mock.patch(
        "wagtail_mentorship.importing.audit.record_import", side_effect=RuntimeError("disk")
    ):
        admin_client.post(preview_url, {"action": "confirm"})
    assert Mentee.objects.count() == 0
    pending.refresh_from_db()
    assert pending.status == "pending" and pending.task_status == "failed"
    page = admin_client.get(preview_url).content.decode()
    assert in_russian(FAILURE_MESSAGE) in page
    assert 'data-count="new">8<' in page  # the preview is still there: confirm again
    admin_client.post(preview_url, {"action": "confirm"})
    assert Mentee.objects.count() == 8


def test_another_curator_cannot_see_the_progress(admin_client, django_user_model, settings):
    settings.WAGTAIL_MENTORSHIP_BACKGROUND_IMPORT_ROWS = 1
    owner = login_client(django_user_model, CURATORS, "owner-curator")
    other = login_client(django_user_model, CURATORS, "other-curator")
    with override_settings(TASKS=DATABASE_TASKS):
        _pending, preview_url = upload(owner, MENTORS, "mentors_base.xlsx")
        assert 'data-task-status="queued"' in progress(owner, preview_url)
        assert other.get(preview_url).status_code == 404
        assert other.post(preview_url, {"action": "confirm"}).status_code == 404
    assert Mentor.objects.count() == 0 and SpreadsheetImport.objects.get().task_status == "queued"


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_the_progress_page_moves_while_the_task_runs(admin_client, small_threshold):
    """The import's transaction hides its writes until the end: the page shows the rows the
    task published after each chunk."""
    _pending, preview_url = upload(admin_client, MENTEES, "big.csv", mentees_csv(17))
    seen = []  # the page after each chunk, as the curator's browser reloads it

    publish = task_progress.publish

    def publish_and_look(upload_id, rows_done):
        publish(upload_id, rows_done)
        seen.append(progress(admin_client, preview_url))

    # Chunks of 9 people: the sheet's rows 2–10, then 11–18. (CHUNK_ROWS is datasets()'s
    # default, bound when it was defined: patching the constant would not change it.)
    chunks_of_9 = functools.partial(pipeline.datasets, size=9)
    with (
        mock.patch.object(pipeline, "datasets", chunks_of_9),
        mock.patch.object(task_progress, "publish", publish_and_look),
    ):
        run_worker()  # the preview

    assert len(seen) == 2
    assert 'data-task-status="running"' in seen[0] and 'aria-valuenow="56"' in seen[0]
    assert "Обработано 10 из 18 строк (56\u00a0%)." in seen[0]  # no break before «%»
    assert 'aria-valuenow="100"' in seen[1]
    assert 'data-count="new">17<' in admin_client.get(preview_url).content.decode()


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_the_search_finds_imported_people_once_the_worker_indexed_them(admin_client):
    """The confirmation does not wait for the search index: a task of the same worker adds
    the people it saved, and the listing's search finds them after it ran."""
    _pending, preview_url = upload(admin_client, MENTEES, "small.csv", mentees_csv(3))
    admin_client.post(preview_url, {"action": "confirm"})
    assert Mentee.objects.count() == 3

    def found() -> bool:
        listing = admin_client.get(reverse(f"{MENTEES}:list"), {"q": "Ученикова"})
        return "Ученикова Анна 2" in listing.content.decode()

    assert not found()
    run_worker()
    assert found()
