"""Downloads as a Russian office opens them: one named action per kind of file, distinct dated
file names, csv that Excel in Russian reads, «да»/«нет», named sheets, people by name, the
base that imports back unchanged, and a roadmap ready to print."""

import csv
import io
from urllib.parse import unquote

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from tests.builders import build_roadmap
from tests.people_builders import (
    CONSENTED,
    CURATORS,
    login_client,
    make_mentee,
    make_mentor,
    make_pair,
)
from tests.prepared_files import prepared
from wagtail_mentorship.importing.pipeline import run_import
from wagtail_mentorship.spreadsheets.writing import sheet_title

BOM = b"\xef\xbb\xbf"


def url(snippet, view="list"):
    return reverse(f"wagtailsnippets_wagtail_mentorship_{snippet}:{view}")


def content(response) -> bytes:
    assert response.status_code == 200, response.status_code
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def filename(response) -> str:
    """The name a browser saves the download under (RFC 6266, ``filename*`` for Cyrillic)."""
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    if "filename*=utf-8''" in disposition:
        return unquote(disposition.split("filename*=utf-8''", 1)[1])
    return disposition.split('filename="', 1)[1].rstrip('"')


def excel_csv_rows(data: bytes) -> list[list[str]]:
    """The rows as Excel in Russian reads a csv: a BOM says UTF-8, «;» separates the cells."""
    assert data.startswith(BOM)
    text = data[len(BOM) :].decode("utf-8")
    text.encode("cp1251")  # nothing a Windows office could not show
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def sheet_of(data: bytes):
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert len(workbook.worksheets) == 1
    return workbook.active


def by_heading(rows) -> list[dict]:
    header, *body = rows
    return [dict(zip(header, row, strict=True)) for row in body]


@pytest.fixture
def curator(db, django_user_model):
    return login_client(django_user_model, CURATORS, "curator")


@pytest.fixture
def mentees(db):
    return [
        make_mentee("Щукина Ёлка Эдуардовна", email="yolka@example.com", is_minor=True),
        make_mentee("Быстров Юрий", email="yura@example.com", is_minor=False, **CONSENTED),
        make_mentee("=Хитров Фёдор", is_minor=False),
    ]


@pytest.fixture
def pairs(mentees):
    orlova = make_mentor("Орлова Ирина Викторовна", email="orlova@example.com", capacity=3)
    make_mentor("Орлова Ирина Викторовна", email="namesake@example.com")  # a namesake
    zuev = make_mentor("Зуев Максим", capacity=1)
    make_pair(orlova, mentees[:2], status="forming", order_number="12/од")
    make_pair(zuev, mentees[2:], status="forming")
    return orlova, zuev


# ---------------------------------------------------------------------------------------------
# The «…» menu and the file names


def test_the_menu_names_each_kind_of_download_once(curator, mentees):
    soup = BeautifulSoup(content(curator.get(url("mentee"))), "html.parser")
    links = {link.get_text(" ", strip=True): link for link in soup.select("header a[href]")}
    labels = [link.get_text(" ", strip=True) for link in soup.select("header a[href]")]
    for label in (
        "Список как на экране (xlsx)",
        "Список как на экране (csv)",
        "База для повторного импорта (xlsx)",
        "Пустая анкета (xlsx)",
    ):
        assert labels.count(label) == 1, (label, labels)
    assert not {"Скачать XLSX", "Скачать CSV", "Скачать базу (xlsx)"} & set(labels)
    # Each says what its file is for.
    assert "фильтрами" in links["Список как на экране (xlsx)"]["title"]
    assert "загрузите его обратно" in links["База для повторного импорта (xlsx)"]["title"]


def test_every_download_has_its_own_dated_name(curator, mentees):
    today = timezone.localdate().isoformat()
    names = {
        filename(curator.get(url("mentee"), {"export": "xlsx"})),
        filename(curator.get(url("mentee"), {"export": "csv"})),
        filename(prepared(curator, url("mentee", "base_export"))),
        filename(curator.get(url("mentee", "template"))),
    }
    assert names == {
        f"наставляемые-список-{today}.xlsx",
        f"наставляемые-список-{today}.csv",
        f"наставляемые-база-{today}.xlsx",
        "наставляемые-пустая-анкета.xlsx",
    }
    mentors_base = prepared(curator, url("mentor", "base_export"))
    assert filename(mentors_base) == f"наставники-база-{today}.xlsx"


# ---------------------------------------------------------------------------------------------
# The list as on screen


def test_the_csv_opens_in_russian_excel_with_cyrillic_and_yes_no(curator, mentees):
    response = curator.get(url("mentee"), {"export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = by_heading(excel_csv_rows(content(response)))
    by_name = {row["ФИО"]: row for row in rows}
    assert set(by_name) == {"Щукина Ёлка Эдуардовна", "Быстров Юрий", "'=Хитров Фёдор"}
    assert by_name["Щукина Ёлка Эдуардовна"]["Несовершеннолетний"] == "да"
    assert by_name["Быстров Юрий"]["Несовершеннолетний"] == "нет"
    # The consent's date as Russians write it, not 2024-09-01.
    assert "01.09.2024" in by_name["Быстров Юрий"].values()


def test_the_csv_keeps_the_listings_filter(curator, mentees):
    response = curator.get(url("mentee"), {"q": "Быстров", "export": "csv"})
    assert [row["ФИО"] for row in by_heading(excel_csv_rows(content(response)))] == ["Быстров Юрий"]


def test_the_xlsx_list_has_a_named_sheet_and_yes_no(curator, mentees):
    sheet = sheet_of(content(curator.get(url("mentee"), {"export": "xlsx"})))
    assert sheet.title == "Наставляемые"
    rows = by_heading(list(sheet.iter_rows(values_only=True)))
    minors = {row["ФИО"]: row["Несовершеннолетний"] for row in rows}
    assert minors == {"Щукина Ёлка Эдуардовна": "да", "Быстров Юрий": "нет", "=Хитров Фёдор": "нет"}
    formula_like = next(c for c in sheet["A"] if c.value == "=Хитров Фёдор")
    assert formula_like.data_type == "s"


def test_the_pairs_list_names_mentor_and_mentees(curator, pairs):
    sheet = sheet_of(content(curator.get(url("mentorshippair"), {"export": "xlsx"})))
    assert sheet.title != "Sheet1"
    rows = by_heading(list(sheet.iter_rows(values_only=True)))
    people = {row["Наставник"]: set(row["Наставляемые"].split(", ")) for row in rows}
    assert people == {
        "Орлова Ирина Викторовна": {"Щукина Ёлка Эдуардовна", "Быстров Юрий"},
        "Зуев Максим": {"=Хитров Фёдор"},
    }


# ---------------------------------------------------------------------------------------------
# The base for re-import


def test_the_mentees_base_has_yes_no_and_imports_back_unchanged(curator, mentees):
    data = content(prepared(curator, url("mentee", "base_export")))
    sheet = sheet_of(data)
    assert sheet.title == "База наставляемых"
    minors = {row["ФИО"]: row["Несовершеннолетний"] for row in by_heading(list(sheet.values))}
    assert minors["Щукина Ёлка Эдуардовна"] == "да" and minors["Быстров Юрий"] == "нет"
    report = run_import(data, "base.xlsx", "mentees", dry_run=True, user=curator.user)
    assert report.ok, report.problems
    assert (report.count("unchanged"), report.count("new")) == (3, 0)


def test_the_pairs_base_names_people_and_imports_back_unchanged(curator, pairs):
    data = content(prepared(curator, url("mentorshippair", "base_export")))
    rows = by_heading(list(sheet_of(data).values))
    mentors = {row["Наставник"] for row in rows}
    # By name, as everywhere; the e-mail tells the namesake Орлова apart for the importer.
    assert mentors == {"Орлова Ирина Викторовна <orlova@example.com>", "Зуев Максим"}
    mentees = {frozenset(row["Наставляемые"].split(", ")) for row in rows}
    assert mentees == {
        frozenset(
            {"Щукина Ёлка Эдуардовна <yolka@example.com>", "Быстров Юрий <yura@example.com>"}
        ),
        frozenset({"=Хитров Фёдор"}),
    }
    report = run_import(data, "pairs.xlsx", "pairs", dry_run=True, user=curator.user)
    assert report.ok, report.problems
    assert (report.count("unchanged"), report.count("new")) == (2, 0)


# ---------------------------------------------------------------------------------------------
# The roadmap, ready to print

LONG_TITLE = "Дорожная карта реализации целевой модели наставничества"


def test_the_roadmap_xlsx_prints_with_its_title_lines_and_headers(client, home_page):
    roadmap = build_roadmap(home_page, stages=2, activities=2, title=LONG_TITLE)
    sheet = openpyxl.load_workbook(io.BytesIO(content(client.get(roadmap.url + "xlsx/")))).active
    assert sheet.title == "Дорожная карта реализации"  # whole words, within Excel's 31
    lines = [row[0] for row in sheet.iter_rows(max_row=4, max_col=1, values_only=True)]
    assert lines == [
        LONG_TITLE,
        "МБОУ «Средняя общеобразовательная школа № 1»",
        "2025–2026 учебный год",
        "УТВЕРЖДЕНО приказом № 12 от 01.09.2025",
    ]
    assert sheet["A1"].font.bold
    assert sheet.print_title_rows == "$6:$6"  # the header row on every printed page
    assert [cell.value for cell in sheet[6]][:2] == ["№", "Мероприятие"]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Наставляемые", "Наставляемые"),
        ("Наставнические пары и группы", "Наставнические пары и группы"),
        ("План мероприятий: дорожная карта на 2025/2026 год", "План мероприятий дорожная карта"),
        ("Наставничествонаставничествонаставничество", "Наставничествонаставничествонас"),
        ("", "Sheet"),
    ],
)
def test_sheet_names_are_whole_words_within_excels_limit(title, expected):
    assert sheet_title(title) == expected
    assert len(sheet_title(title)) <= 31
