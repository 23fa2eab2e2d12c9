"""Writing rows to xlsx (openpyxl's write-only mode) and csv, every cell formula-safe, in the
form Excel in Russian opens as is: named sheets, «да»/«нет», dates as 01.09.2026, and csv in
UTF-8 with a BOM and «;» between cells."""

import csv
import datetime
import io
import itertools
import re

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font, NamedStyle
from openpyxl.utils import get_column_letter

from .safe_cells import csv_value, xlsx_cell

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
CSV_DELIMITER = ";"  # Excel in Russian splits on «;»: the comma is its decimal separator
BOM = "\ufeff"  # without it Excel reads UTF-8 as cp1251 and the Cyrillic comes out garbled

SHEET_TITLE_MAX = 31  # Excel's limit
NOT_IN_SHEET_TITLES = re.compile(r"[\[\]:*?/\\']+")
SPACES = re.compile(r"\s+")


def sheet_title(title: str, fallback: str = "Sheet") -> str:
    """``title`` as Excel allows a sheet name: no «[]:*?/\\'», at most 31 characters,
    shortened at a word boundary, never mid-word."""
    title = SPACES.sub(" ", NOT_IN_SHEET_TITLES.sub(" ", str(title))).strip()
    if len(title) > SHEET_TITLE_MAX:
        cut = title[: SHEET_TITLE_MAX + 1]  # a space just after the limit ends a whole word
        head = cut.rsplit(" ", 1)[0] if " " in cut else cut[:SHEET_TITLE_MAX]
        title = head[:SHEET_TITLE_MAX].rstrip(" ,.;—–-")
    return title or fallback


def yes_no(flag: bool) -> str:
    """A yes/no field as a curator writes it, and as the importer reads it back."""
    return pgettext("spreadsheet cell", "yes") if flag else pgettext("spreadsheet cell", "no")


def cell_value(value):
    """Booleans in words; anything else as it is (dates stay dates in xlsx)."""
    return yes_no(value) if isinstance(value, bool) else value


def dated_filename(*parts, extension: str, dated: bool = True) -> str:
    """«наставляемые-список-2026-11-29.xlsx»: the parts and today's date, in the language
    of the curator. Cyrillic is kept: the response's Content-Disposition must then be built
    with ``django.utils.http.content_disposition_header`` (RFC 6266 ``filename*``)."""
    stem = slugify(" ".join(str(part) for part in parts if part), allow_unicode=True)
    if dated:
        stem = f"{stem}-{timezone.localdate().isoformat()}"
    return f"{stem}.{extension}"


def write_xlsx(title: str, headers: list, rows, stream) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title(title))
    bold = NamedStyle("mentorship_export_header", font=Font(bold=True))
    workbook.add_named_style(bold)
    dates = NamedStyle("mentorship_export_date", number_format="DD.MM.YYYY")
    workbook.add_named_style(dates)
    moments = NamedStyle("mentorship_export_datetime", number_format="DD.MM.YYYY HH:MM")
    workbook.add_named_style(moments)
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(40, len(header) + 4))
    sheet.freeze_panes = "A2"
    sheet.append([xlsx_cell(sheet, header, "mentorship_export_header") for header in headers])
    for row in rows:
        sheet.append([xlsx_cell(sheet, *_xlsx_styled(value)) for value in row])
    workbook.save(stream)


def _xlsx_styled(value) -> tuple:
    if isinstance(value, datetime.datetime):
        return value, "mentorship_export_datetime"
    if isinstance(value, datetime.date):
        return value, "mentorship_export_date"
    return cell_value(value), None


def csv_text(value) -> str:
    value = cell_value(value)
    if isinstance(value, datetime.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    return "" if value is None else str(csv_value(value) if isinstance(value, str) else value)


def csv_chunks(headers: list, rows):
    """The csv file as bytes, a line at a time (for a streamed response), the BOM first."""
    line = io.StringIO()
    writer = csv.writer(line, delimiter=CSV_DELIMITER)
    yield BOM.encode("utf-8")
    for row in itertools.chain([headers], rows):
        writer.writerow([csv_text(value) for value in row])
        yield line.getvalue().encode("utf-8")
        line.seek(0)
        line.truncate()


def write_csv(headers: list, rows, stream) -> None:
    for chunk in csv_chunks(headers, rows):
        stream.write(chunk)
