"""The curator's import in the admin: upload, preview, map a column, confirm or cancel."""

import io
from pathlib import Path

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from wagtail.models import ModelLogEntry

from tests.import_helpers import map_columns
from tests.people_builders import CURATORS, login_client
from tests.prepared_files import prepared
from wagtail_mentorship.access.storage import private_storage
from wagtail_mentorship.models import (
    ColumnMapping,
    Mentee,
    Mentor,
    PersonalDataLogEntry,
    SpreadsheetImport,
)

FIXTURES = Path(__file__).parent / "fixtures"
MENTORS = "wagtailsnippets_wagtail_mentorship_mentor"
MENTEES = "wagtailsnippets_wagtail_mentorship_mentee"


def upload(client, namespace, name, content=None):
    content = content if content is not None else (FIXTURES / name).read_bytes()
    response = client.post(
        reverse(f"{namespace}:import"), {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 302, response.content[:500]
    return SpreadsheetImport.objects.order_by("-created_at").first(), response["Location"]


def test_the_listing_offers_import_and_the_base(admin_client):
    html = admin_client.get(reverse(f"{MENTORS}:list")).content.decode()
    assert reverse(f"{MENTORS}:import") in html and "Импорт из таблицы" in html
    assert reverse(f"{MENTORS}:base_export") in html


def test_upload_preview_confirm(admin_client):
    pending, preview_url = upload(admin_client, MENTORS, "mentors_base.xlsx")
    stored = pending.file.name
    assert stored == f"wagtail_mentorship/imports/{pending.pk}.xlsx"
    assert private_storage().exists(stored)

    preview = admin_client.get(preview_url).content.decode()
    assert 'data-count="new">3<' in preview
    assert "«Стаж работы»" in preview  # a column that matches no field
    assert Mentor.objects.count() == 0

    response = admin_client.post(preview_url, {"action": "confirm"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse(f"{MENTORS}:list")
    assert "«mentors_base.xlsx» загружен. Новых: 3" in response.content.decode()
    assert Mentor.objects.count() == 3
    pending.refresh_from_db()
    assert pending.status == "applied" and pending.counts["new"] == 3
    assert not private_storage().exists(stored)
    entry = ModelLogEntry.objects.get(action="wagtail_mentorship.import")
    assert entry.data["file"] == "mentors_base.xlsx" and entry.data["counts"]["new"] == 3
    assert entry.user.username == "admin"


def test_a_file_with_errors_cannot_be_confirmed(admin_client):
    bad = "ФИО;E-mail\nИванов Иван;не-почта\n".encode()
    _pending, preview_url = upload(admin_client, MENTEES, "bad.csv", bad)
    preview = admin_client.get(preview_url).content.decode()
    assert "«не-почта» — не адрес электронной почты." in preview
    assert 'value="confirm"' not in preview
    response = admin_client.post(preview_url, {"action": "confirm"})
    assert "Ничего не загружено" in response.content.decode()
    assert Mentee.objects.count() == 0


def test_cancel_deletes_the_upload(admin_client):
    pending, preview_url = upload(admin_client, MENTORS, "mentors_base.ods")
    stored = pending.file.name
    admin_client.post(preview_url, {"action": "cancel"})
    pending.refresh_from_db()
    assert pending.status == "cancelled" and not private_storage().exists(stored)
    assert admin_client.get(preview_url).status_code == 302  # finished: upload again


def test_a_column_not_in_the_preview_cannot_be_mapped(admin_client):
    """The headers travel signed: a forged list maps nothing and is said to be changed."""
    csv = "ФИО;Стаж и опыт работы\nОрлова Ирина;Учитель математики\n".encode()
    pending, preview_url = upload(admin_client, MENTORS, "mentors.csv", csv)
    form = admin_client.get(preview_url).context["mapping_form"]
    forged = signing.dumps(["ФИО", "Стаж и опыт работы"], salt="another salt")
    response = admin_client.post(
        preview_url,
        {
            "action": "map",
            form.add_prefix("headers"): forged,
            form.add_prefix("column_0"): "email",
        },
    )
    assert response.status_code == 200
    assert "изменён вне просмотра" in response.content.decode()
    pending.refresh_from_db()
    assert pending.mapping == {} and not ColumnMapping.objects.exists()


def test_one_field_for_two_columns_is_refused(admin_client):
    csv = "ФИО;Стаж;Опыт работы\nОрлова Ирина;15 лет;Учитель\n".encode()
    pending, preview_url = upload(admin_client, MENTORS, "mentors.csv", csv)
    response = map_columns(
        admin_client, preview_url, {"Стаж": "position", "Опыт работы": "position"}
    )
    assert response.status_code == 200
    assert "уже отдано столбцу «Стаж»" in response.content.decode()
    pending.refresh_from_db()
    assert pending.mapping == {} and not ColumnMapping.objects.exists()


def test_a_mapped_column_fills_its_field_and_is_remembered(admin_client):
    csv = "ФИО;Стаж и опыт работы\nОрлова Ирина;Учитель математики 15 лет\n".encode()
    _pending, preview_url = upload(admin_client, MENTORS, "mentors.csv", csv)
    map_columns(admin_client, preview_url, {"Стаж и опыт работы": "position"})
    admin_client.post(preview_url, {"action": "confirm"})
    assert Mentor.objects.get().position == "Учитель математики 15 лет"
    assert ColumnMapping.remembered("mentors") == {"стаж и опыт работы": "position"}
    # The next file with that column is matched the same way without asking.
    csv = "ФИО;Стаж и опыт работы\nЗуев Максим;Учитель физики\n".encode()
    _pending, preview_url = upload(admin_client, MENTORS, "next.csv", csv)
    admin_client.post(preview_url, {"action": "confirm"})
    assert Mentor.objects.get(full_name="Зуев Максим").position == "Учитель физики"


def test_someone_elses_upload_is_not_shown(admin_client, django_user_model):
    """Another curator, with every right over mentors, still may not see it."""
    _pending, preview_url = upload(admin_client, MENTORS, "mentors_base.xlsx")
    other = login_client(django_user_model, CURATORS, "other-curator")
    assert other.get(reverse(f"{MENTORS}:list")).status_code == 200  # in the admin, with rights
    assert other.get(preview_url).status_code == 404


@pytest.mark.django_db
def test_expired_uploads_are_purged(admin_client):
    pending, _preview_url = upload(admin_client, MENTORS, "mentors_base.xlsx")
    stored = pending.file.name
    SpreadsheetImport.objects.update(expires_at="2000-01-01T00:00:00Z")
    assert SpreadsheetImport.purge_expired() == 1
    assert not private_storage().exists(stored)


def test_the_base_downloads_in_the_importers_layout(admin_client):
    upload_and_confirm = upload(admin_client, MENTORS, "mentors_base.xlsx")[1]
    admin_client.post(upload_and_confirm, {"action": "confirm"})
    response = prepared(admin_client, reverse(f"{MENTORS}:base_export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith("attachment;")  # named: test_exports.py
    data = b"".join(response.streaming_content)  # streamed from a file, not held in memory
    _pending, preview_url = upload(admin_client, MENTORS, "base.xlsx", data)
    assert 'data-count="unchanged">3<' in admin_client.get(preview_url).content.decode()
    assert PersonalDataLogEntry.objects.filter(action="wagtail_mentorship.export").count() == 3


def test_imported_people_are_found_by_the_listings_search(
    admin_client, django_capture_on_commit_callbacks
):
    _pending, preview_url = upload(admin_client, MENTORS, "mentors_base.xlsx")
    # The indexing is queued on the import's commit, which the test's transaction never makes.
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(preview_url, {"action": "confirm"})
    found = admin_client.get(reverse(f"{MENTORS}:list"), {"q": "Орлова"}).content.decode()
    assert "Орлова Ирина Викторовна" in found and "Зуев Максим" not in found


@pytest.mark.parametrize("namespace", [MENTORS, MENTEES])
def test_a_blank_questionnaire_with_lists_and_instructions(admin_client, namespace):
    response = admin_client.get(reverse(f"{namespace}:template"))
    workbook = load_workbook(io.BytesIO(response.content))
    questionnaire, instructions = workbook.worksheets
    headers = [cell.value for cell in questionnaire[1]]
    assert headers[:2] == ["ФИО", "E-mail"]
    category = get_column_letter(headers.index("Категория") + 1)
    lists = {
        str(validation.sqref): validation.formula1
        for validation in questionnaire.data_validations.dataValidation
    }
    assert "Другое" in lists[f"{category}2:{category}1000"]
    guide = dict(instructions.iter_rows(min_row=5, values_only=True))
    assert guide["ФИО"].startswith("обязательно")
    assert "01.09.2026" in guide["Согласие на обработку ПД"]
    # Filled in as the instructions say, the blank imports.
    questionnaire.append(["Новый Человек", "new@example.com"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    _pending, preview_url = upload(admin_client, namespace, "filled.xlsx", buffer.getvalue())
    assert 'data-count="new">1<' in admin_client.get(preview_url).content.decode()


@override_settings(WAGTAIL_MENTORSHIP_IMPORT_MAX_BYTES=1000)
def test_a_file_over_the_limit_is_refused_before_it_is_stored(admin_client):
    content = ("ФИО\n" + "Орлова Ирина\n" * 200).encode()
    response = admin_client.post(
        reverse(f"{MENTORS}:import"), {"file": SimpleUploadedFile("big.csv", content)}
    )
    assert response.status_code == 200  # the form again, with the reason
    assert "можно загрузить файл не больше 1000" in response.content.decode()
    assert not SpreadsheetImport.objects.exists()
