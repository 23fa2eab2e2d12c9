"""A very large xlsx sheet is read a row at a time; its rows are the ones the whole-sheet
reader gives, and a damaged or oversized file is refused the same way."""

import datetime
import io
import re
import zipfile

import pytest
from django.core.files.base import ContentFile
from openpyxl import Workbook

from tests.fixture_files import FIXTURES
from wagtail_mentorship.importing.background import count_rows
from wagtail_mentorship.importing.pipeline import run_import
from wagtail_mentorship.models import Mentor, SpreadsheetImport
from wagtail_mentorship.spreadsheets.errors import SpreadsheetError
from wagtail_mentorship.spreadsheets.reading import open_spreadsheet

WHOLE, STREAMED = 10**12, 0  # WAGTAIL_MENTORSHIP_IMPORT_STREAM_ABOVE_BYTES of each reader
SHEET = "xl/worksheets/sheet2.xml"  # the visible sheet of ``awkward_workbook``


def awkward_workbook() -> bytes:
    """What office bases hold: a hidden sheet first, a title merged across the columns, data
    from column B, numbers, dates with and without a time, a time, a boolean, a formula
    without a cached value, a merged cell down two rows, empty rows between."""
    workbook = Workbook()
    workbook.active.title = "Служебный"
    workbook.active.sheet_state = "hidden"
    workbook.active["A1"] = "не для импорта"
    sheet = workbook.create_sheet("Наставники")
    sheet["B2"] = "Список наставников на 2026/2027 учебный год"
    sheet.merge_cells("B2:F2")
    sheet.append([None, "ФИО", "Телефон", "Дата согласия", "Отметка времени", "Наставник"])
    sheet.append(
        [
            None,
            "Орлова Анна Петровна",
            79000001001,
            datetime.date(2026, 9, 1),
            datetime.datetime(2026, 9, 1, 10, 30),
            True,
        ]
    )
    sheet.append([None, "Зуев Иван Сергеевич", 2.5, 46266, datetime.time(9, 15), "=1+1"])
    sheet.append([])
    sheet.append([None, "Белкина Ольга Сергеевна", "+7 900 000-10-03", "02.09.2026"])
    sheet["G4"] = "Школа № 1"
    sheet.merge_cells("G4:G5")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_part(data: bytes, name: str, change) -> bytes:
    """The xlsx file with its part ``name`` changed by ``change(bytes) -> bytes``."""
    source, result = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            part = source.read(entry)
            target.writestr(entry, change(part) if entry.filename == name else part)
    return result.getvalue()


def read(data, settings, threshold, sheet=None):
    """The sheet's name, the visible sheets, its height and its rows. A row ends at its last
    filled cell: calamine fills each row out to the sheet's width, the streamed reader does
    not, and the import reads the two alike."""
    settings.WAGTAIL_MENTORSHIP_IMPORT_STREAM_ABOVE_BYTES = threshold
    table = open_spreadsheet(data, "база.xlsx", sheet)
    rows = [_cut(row) for row in table.rows]
    return table.name, table.sheet_names, table.height, rows


def _cut(row: list) -> list:
    while row and row[-1] == "":
        row = row[:-1]
    return row


def test_the_streamed_rows_are_the_whole_sheets_rows(settings):
    data = awkward_workbook()
    name, sheet_names, height, rows = read(data, settings, STREAMED)
    assert (name, sheet_names, height) == ("Наставники", ["Наставники"], 7)
    assert rows[1] == [""] + ["Список наставников на 2026/2027 учебный год"] * 5
    assert rows[3] == [
        "",
        "Орлова Анна Петровна",
        79000001001.0,
        datetime.date(2026, 9, 1),
        datetime.datetime(2026, 9, 1, 10, 30),
        True,
        "Школа № 1",
    ]
    assert rows[4] == [
        "",
        "Зуев Иван Сергеевич",
        2.5,
        46266.0,
        datetime.time(9, 15),
        "",
        "Школа № 1",
    ]
    assert rows[5] == []
    assert read(data, settings, WHOLE) == (name, sheet_names, height, rows)


def test_a_hidden_sheet_is_read_when_named(settings):
    data = awkward_workbook()
    streamed = read(data, settings, STREAMED, sheet="Служебный")
    assert streamed[3] == [["не для импорта"]]
    assert streamed == read(data, settings, WHOLE, sheet="Служебный")
    with pytest.raises(SpreadsheetError, match="нет листа «Итоги»"):
        read(data, settings, STREAMED, sheet="Итоги")


@pytest.mark.parametrize("name", sorted(path.name for path in FIXTURES.glob("*.xlsx")))
def test_the_fixture_workbooks_read_the_same_either_way(settings, name):
    """A Yandex Forms export, an office base with title rows, a roadmap's table."""
    data = (FIXTURES / name).read_bytes()
    assert read(data, settings, STREAMED) == read(data, settings, WHOLE)


def test_a_wrong_declared_dimension_cuts_no_row_off(settings):
    """A writer may declare the sheet smaller than it is; every row is still read."""
    data = with_part(
        awkward_workbook(),
        SHEET,
        lambda xml: re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1"', xml),
    )
    _name, _names, height, rows = read(data, settings, STREAMED)
    assert height == 7 and rows[6][1] == "Белкина Ольга Сергеевна"


def test_the_row_limit_is_kept_before_reading(settings):
    settings.WAGTAIL_MENTORSHIP_IMPORT_MAX_ROWS = 2
    workbook = Workbook()
    for number in range(40):
        workbook.active.append([f"Строка {number}"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    # Refused by the rows below the first 20 (where the header may be), before any is read.
    for threshold in (STREAMED, WHOLE):
        with pytest.raises(SpreadsheetError, match=r"На листе строк: 20; .* не больше 2\."):
            read(buffer.getvalue(), settings, threshold)


@pytest.mark.django_db
def test_a_sheet_damaged_midway_is_refused_and_nothing_is_written(settings):
    """The rows before the damage are read; the import says the file is damaged and writes
    none of them."""
    lines = [["ФИО", "Адрес электронной почты"]] + [
        [f"Наставник Номер {n}", f"mentor{n}@example.com"] for n in range(3000)
    ]
    workbook = Workbook()
    for line in lines:
        workbook.active.append(line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    damaged = with_part(
        buffer.getvalue(),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b"mentor2500@example.com</t>", b"mentor2500@example.com</x>"),
    )
    settings.WAGTAIL_MENTORSHIP_IMPORT_STREAM_ABOVE_BYTES = STREAMED
    report = run_import(damaged, "база.xlsx", "mentors", dry_run=False)
    assert not report.applied
    assert len(report.problems) == 1
    assert report.problems[0].message.startswith(
        "Файл «база.xlsx» повреждён или загружен не полностью"
    )
    assert Mentor.objects.count() == 0


@pytest.mark.parametrize("threshold", [WHOLE, STREAMED])
def test_the_upload_counts_the_sheets_rows(settings, threshold):
    """The count that decides whether a task imports the file, and the progress bar's whole."""
    settings.WAGTAIL_MENTORSHIP_IMPORT_STREAM_ABOVE_BYTES = threshold
    upload = SpreadsheetImport(
        filename="база.xlsx", target="mentors", file=ContentFile(awkward_workbook(), "база.xlsx")
    )
    assert count_rows(upload) == 7
