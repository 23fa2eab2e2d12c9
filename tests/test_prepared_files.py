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
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone, translation

from tests.people_builders import (
    CURATORS,
    EDITORS,
    login_client,
    make_mentee,
    make_mentor,
    make_pair,
    school,
)
from tests.prepared_files import DOWNLOAD_LINK, click, download_link, prepared
from tests.test_background_import import DATABASE_TASKS, run_worker
from wagtail_mentorship.access.storage import PRIVATE_STORAGE
from wagtail_mentorship.downloads import kinds
from wagtail_mentorship.downloads.tasks import start
from wagtail_mentorship.importing.audit import EXPORT_ACTION
from wagtail_mentorship.models import Mentee, MentorshipPair, PersonalDataLogEntry, PreparedFile
from wagtail_mentorship.models.downloads import STALE_MINUTES
from wagtail_mentorship.privacy.anonymise import anonymise

MENTEES_BASE = reverse("wagtailsnippets_wagtail_mentorship_mentee:base_export")
MY_FILES = reverse("wagtail_mentorship_prepared_files")
REPORT = reverse("wagtail_mentorship_monitoring_report")


def age(prepared_file, **delta) -> None:
    """Makes ``prepared_file`` asked for (and ready) ``delta`` ago."""
    then = timezone.now() - datetime.timedelta(**delta)
    PreparedFile.objects.filter(pk=prepared_file.pk).update(created_at=then, finished_at=then)


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
    response = click(curator, MENTEES_BASE)
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
    download_url = download_link(curator, click(curator, plan)["Location"])
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
        response = click(curator, MENTEES_BASE)
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
    old = PreparedFile.objects.get()
    age(old, minutes=30)  # not the curator's recent file: the button prepares another
    prepared(curator, MENTEES_BASE)
    recent = PreparedFile.objects.exclude(pk=old.pk).get()
    age(old, days=3, hours=1)
    storage = storages[PRIVATE_STORAGE]
    assert storage.exists(old.file.name)

    listed = my_files(curator)
    assert len(listed.select("tr[data-status]")) == 1
    assert "3 дня" in listed.get_text()
    assert not storage.exists(old.file.name) and storage.exists(recent.file.name)
    assert list(PreparedFile.objects.all()) == [recent]


def test_a_file_is_built_in_the_sites_language_whatever_the_callers(curator):
    """A worker has no request's language: the file is Russian all the same."""
    with translation.override("en"), TestCase.captureOnCommitCallbacks(execute=True):
        queued = start(curator.user, kinds.BASE, {"target": "mentees"})
    queued.refresh_from_db()
    assert queued.filename.startswith("наставляемые-база-")
    with queued.file.open("rb") as stream:
        assert openpyxl.load_workbook(stream).active.title == "База наставляемых"


def test_a_curator_moved_to_another_school_gets_no_base_of_the_old_one(curator):
    """The base was built for the old school: the curator's new one does not cover it."""
    page_url = click(curator, MENTEES_BASE)["Location"]
    download_url = download_link(curator, page_url)
    assert curator.get(download_url).status_code == 200
    curator.user.mentorship_organizations.set([school("МБОУ «СОШ № 7»")])
    refused = curator.get(download_url)
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    page = BeautifulSoup(curator.get(page_url).content.decode(), "html.parser")
    assert not page.select(DOWNLOAD_LINK)
    assert "Этот файл больше нельзя скачать" in page.get_text()
    assert not my_files(curator).select(DOWNLOAD_LINK)  # the list offers its page instead


def test_a_report_of_an_organisation_no_longer_the_users_is_refused(curator):
    own = school().pk
    response = click(curator, REPORT, {"organization": own}, post={"export": "xlsx"})
    download_url = download_link(curator, response["Location"])
    assert curator.get(download_url).status_code == 200
    curator.user.mentorship_organizations.set([school("МБОУ «СОШ № 7»")])
    assert curator.get(download_url).status_code == 302


def test_the_ready_file_is_offered_without_a_download_attribute(curator):
    """An error page must not be saved as the file: the response itself is an attachment."""
    page_url = click(curator, MENTEES_BASE)["Location"]
    page = BeautifulSoup(curator.get(page_url).content.decode(), "html.parser")
    assert "Состояние: готово" in page.get_text()
    links = [*page.select(DOWNLOAD_LINK), *my_files(curator).select(DOWNLOAD_LINK)]
    assert len(links) == 2 and not any(link.has_attr("download") for link in links)


def test_no_files_yet_says_where_they_will_appear(curator):
    text = " ".join(my_files(curator).get_text().split())
    assert "Файлов пока нет. Здесь появятся отчёты и документы, которые вы скачиваете." in text


def test_the_same_button_pressed_twice_prepares_one_file(curator):
    first = click(curator, MENTEES_BASE)["Location"]
    assert click(curator, MENTEES_BASE)["Location"] == first
    assert PreparedFile.objects.count() == 1
    # Long after, the button prepares the base as it is then.
    age(PreparedFile.objects.get(), minutes=30)
    assert click(curator, MENTEES_BASE)["Location"] != first


def test_a_head_request_prepares_nothing(curator):
    response = curator.head(MENTEES_BASE)
    assert response.status_code == 302 and response["Location"] == MY_FILES
    assert not PreparedFile.objects.exists()


def test_the_reports_buttons_post_and_a_get_prepares_nothing(curator):
    page = curator.get(REPORT, {"export": "xlsx"})  # an old link: the page, no file
    assert page.status_code == 200 and not PreparedFile.objects.exists()
    soup = BeautifulSoup(page.content.decode(), "html.parser")
    form = soup.find("button", value="xlsx").find_parent("form")
    assert form["method"] == "post" and form.select_one("[name=csrfmiddlewaretoken]")
    assert click(curator, REPORT, post={"export": "xlsx"}).status_code == 302
    assert PreparedFile.objects.get().kind == kinds.MONITORING_XLSX


def test_the_task_is_queued_once_the_file_is_committed(curator):
    """Queued before the commit, a worker of another backend would find no file to build."""
    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        page_url = curator.get(MENTEES_BASE)["Location"]
    assert 'data-status="queued"' in curator.get(page_url).content.decode()
    for callback in callbacks:
        callback()
    assert download_link(curator, page_url)


def test_a_file_whose_worker_died_says_so_instead_of_waiting_forever(curator):
    click(curator, MENTEES_BASE)
    stuck = PreparedFile.objects.get()
    running_since = timezone.now() - datetime.timedelta(minutes=STALE_MINUTES + 1)
    PreparedFile.objects.filter(pk=stuck.pk).update(status="running", started_at=running_since)
    page = curator.get(reverse("wagtail_mentorship_prepared_file", args=[stuck.pk]))
    text = page.content.decode()
    assert 'data-status="failed"' in text and 'http-equiv="refresh"' not in text
    assert "обработчик задач остановился" in text
    assert "Ошибка" in my_files(curator).select_one('tr[data-status="failed"]').get_text()


def test_the_daily_command_deletes_old_files_unless_a_dry_run(curator, settings):
    settings.WAGTAIL_MENTORSHIP_PREPARED_FILE_DAYS = 3
    prepared(curator, MENTEES_BASE)
    old = PreparedFile.objects.get()
    age(old, days=4)
    call_command("mentorship_anonymise", "--dry-run", stdout=io.StringIO())
    assert PreparedFile.objects.exists() and stored(old)
    out = io.StringIO()
    call_command("mentorship_anonymise", stdout=out)
    assert not PreparedFile.objects.exists() and not stored(old)
    assert "Удалено старых подготовленных файлов: 1." in out.getvalue()


def test_a_deleted_user_takes_their_files_from_the_storage(curator):
    prepared(curator, MENTEES_BASE)
    mine = PreparedFile.objects.get()
    assert stored(mine)
    curator.user.delete()
    assert not PreparedFile.objects.exists() and not stored(mine)


def test_anonymised_people_leave_no_prepared_file_of_their_school(curator, django_user_model):
    other_school = school("МБОУ «СОШ № 7»")
    make_mentee("Другова Вера", organization=other_school)
    other = login_client(django_user_model, CURATORS, "other-curator", [other_school])
    prepared(curator, MENTEES_BASE)
    prepared(other, MENTEES_BASE)
    theirs = PreparedFile.objects.get(user=other.user)

    anonymise(Mentee.objects.filter(full_name="Ученикова Анна"))

    assert not my_files(curator).select("tr[data-status]")  # the file that named her is gone
    assert list(PreparedFile.objects.all()) == [theirs] and stored(theirs)


def test_my_files_is_in_the_menu_only_of_those_who_may_ask_for_one(curator, django_user_model):
    editor = login_client(django_user_model, EDITORS, "editor")
    assert MY_FILES not in editor.get(reverse("wagtailadmin_home")).content.decode()
    assert MY_FILES in curator.get(reverse("wagtailadmin_home")).content.decode()
