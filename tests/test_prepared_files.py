"""The admin's reports and documents are prepared by a task worker: the button queues the file,
its page waits with a progress bar, and «Мои файлы» keeps it for its owner alone, who gets it
only while they may still have it. A worker started later finds the queued file."""

import datetime
import io
import logging
from unittest import mock

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.core.files.storage import storages
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from tests.people_builders import (
    CURATORS,
    login_client,
    make_mentee,
    make_mentor,
    make_pair,
    school,
)
from tests.prepared_files import DOWNLOAD_LINK, download_link, prepared
from tests.test_background_import import DATABASE_TASKS, run_worker
from wagtail_mentorship.access.storage import PRIVATE_STORAGE
from wagtail_mentorship.downloads import kinds
from wagtail_mentorship.downloads.tasks import start
from wagtail_mentorship.importing.audit import EXPORT_ACTION
from wagtail_mentorship.models import Mentee, MentorshipPair, PersonalDataLogEntry, PreparedFile

MENTEES_BASE = reverse("wagtailsnippets_wagtail_mentorship_mentee:base_export")
MY_FILES = reverse("wagtail_mentorship_prepared_files")


def names_in(response) -> set:
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = sheet.iter_rows(values_only=True)
    return {dict(zip(header, row, strict=False))["ФИО"] for row in rows}


def my_files(client) -> BeautifulSoup:
    response = client.get(MY_FILES)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def curator(db, django_user_model):
    client = login_client(django_user_model, CURATORS, "curator")
    make_mentee("Ученикова Анна")
    return client


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_a_file_waits_for_a_worker_and_then_for_its_owner_in_my_files(admin_client):
    # A superuser: the groups of the migrations are gone from a flushed database.
    curator = admin_client
    Mentee.objects.create(full_name="Ученикова Анна", organization=school())
    response = curator.get(MENTEES_BASE)
    page_url = response["Location"]
    page = curator.get(page_url).content.decode()
    assert "Файл готовится" in page and 'role="progressbar"' in page
    assert 'data-status="queued"' in page and 'http-equiv="refresh"' in page
    assert download_link(curator, page_url) is None
    listed = my_files(curator)
    assert "В очереди" in listed.select_one('tr[data-status="queued"]').get_text()
    assert not PersonalDataLogEntry.objects.filter(action=EXPORT_ACTION).exists()

    run_worker()  # started after the click, as on a server whose worker was busy

    # The curator comes back later: the list offers the file, named as the base is.
    link = my_files(curator).select_one(f'tr[data-status="done"] {DOWNLOAD_LINK}')
    assert link.get_text(strip=True) == "База для повторного импорта (xlsx)"
    download = curator.get(link["href"])
    assert download["Content-Disposition"].startswith("attachment;")
    assert names_in(download) == {"Ученикова Анна"}
    page = curator.get(page_url).content.decode()
    assert "Файл готов" in page and 'http-equiv="refresh"' not in page
    assert PersonalDataLogEntry.objects.filter(action=EXPORT_ACTION).count() == 1


def test_only_its_owner_sees_and_downloads_a_file(curator, admin_client, django_user_model):
    response = curator.get(MENTEES_BASE)
    page_url = response["Location"]
    download_url = download_link(curator, page_url)
    other = login_client(django_user_model, CURATORS, "other-curator")
    for stranger in (other, admin_client):  # a superuser too: the file is personal
        assert stranger.get(page_url).status_code == 404
        assert stranger.get(download_url).status_code == 404
        assert download_url not in stranger.get(MY_FILES).content.decode()
    assert curator.get(download_url).status_code == 200


def test_the_download_checks_the_owners_rights_again(curator):
    """The plan of a pair that moved to another school is no longer the curator's to get."""
    pair = make_pair(make_mentor("Учителева Ольга"), [Mentee.objects.get()])
    plan = reverse(MentorshipPair.snippet_viewset.get_url_name("plan_docx"), args=[pair.pk])
    download_url = download_link(curator, curator.get(plan)["Location"])
    assert curator.get(download_url).status_code == 200
    MentorshipPair.objects.filter(pk=pair.pk).update(organization=school("МБОУ «СОШ № 7»"))
    refused = curator.get(download_url)  # Wagtail's answer to a denied page: back home
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")


def stored(prepared_file) -> list:
    """The private storage's files of ``prepared_file``, whole or not."""
    storage, folder = storages[PRIVATE_STORAGE], "wagtail_mentorship/downloads"
    names = storage.listdir(folder)[1] if storage.exists(folder) else []
    return [name for name in names if name.startswith(str(prepared_file.pk))]


def test_a_failing_file_says_why_in_russian_and_stores_nothing(curator, caplog):
    with (
        mock.patch(
            "wagtail_mentorship.downloads.kinds.write_xlsx", side_effect=OSError("disk full")
        ),
        caplog.at_level(logging.ERROR),
    ):
        response = curator.get(MENTEES_BASE)
    page = curator.get(response["Location"]).content.decode()
    assert 'data-status="failed"' in page and 'role="alert"' in page
    assert "Файл не удалось подготовить. Попробуйте ещё раз" in page
    assert not BeautifulSoup(page, "html.parser").select(DOWNLOAD_LINK)
    assert "failed" in caplog.text and "disk full" in caplog.text
    failed = PreparedFile.objects.get()
    assert failed.status == "failed" and not failed.file and not stored(failed)
    # Nothing was exported: no audit entry says otherwise.
    assert not PersonalDataLogEntry.objects.filter(action=EXPORT_ACTION).exists()


def test_old_files_are_deleted_when_the_list_is_shown(curator, settings):
    settings.WAGTAIL_MENTORSHIP_PREPARED_FILE_DAYS = 3
    prepared(curator, MENTEES_BASE)
    prepared(curator, MENTEES_BASE)
    old, recent = PreparedFile.objects.order_by("created_at")
    PreparedFile.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3, hours=1)
    )
    storage = storages[PRIVATE_STORAGE]
    assert storage.exists(old.file.name)

    listed = my_files(curator)
    assert len(listed.select("tr[data-status]")) == 1
    assert "3 дня" in listed.get_text()
    assert not storage.exists(old.file.name) and storage.exists(recent.file.name)
    assert list(PreparedFile.objects.all()) == [recent]


def test_a_file_is_built_in_the_sites_language_whatever_the_callers(curator):
    """A worker has no request's language: the file is Russian all the same."""
    with translation.override("en"):
        queued = start(curator.user, kinds.BASE, {"target": "mentees", "file_stem": "ученики"})
    queued.refresh_from_db()
    assert queued.filename.startswith("ученики-база-")
    with queued.file.open("rb") as stream:
        assert openpyxl.load_workbook(stream).active.title == "База наставляемых"
