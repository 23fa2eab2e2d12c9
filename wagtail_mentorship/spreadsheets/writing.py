"""Writing rows to xlsx (openpyxl's write-only mode) and csv, every cell formula-safe."""

import csv
import datetime
import io

from openpyxl import Workbook
from openpyxl.styles import Font, NamedStyle
from openpyxl.utils import get_column_letter

from .safe_cells import csv_value, xlsx_cell

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
CSV_DELIMITER = ";"  # what Excel in Russian expects


def write_xlsx(title: str, headers: list, rows, stream) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    bold = NamedStyle("mentorship_export_header", font=Font(bold=True))
    workbook.add_named_style(bold)
    dates = NamedStyle("mentorship_export_date", number_format="DD.MM.YYYY")
    workbook.add_named_style(dates)
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(40, len(header) + 4))
    sheet.freeze_panes = "A2"
    sheet.append([xlsx_cell(sheet, header, "mentorship_export_header") for header in headers])
    for row in rows:
        sheet.append(
            [
                xlsx_cell(sheet, value, "mentorship_export_date")
                if isinstance(value, datetime.date)
                else xlsx_cell(sheet, value)
                for value in row
            ]
        )
    workbook.save(stream)


def csv_text(value) -> str:
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    return "" if value is None else str(csv_value(value) if isinstance(value, str) else value)


def write_csv(headers: list, rows, stream) -> None:
    """UTF-8 with a BOM, so that Excel opens Cyrillic text right."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    writer = csv.writer(text, delimiter=CSV_DELIMITER)
    writer.writerow([csv_text(header) for header in headers])
    writer.writerows([csv_text(value) for value in row] for row in rows)
    text.flush()
    text.detach()
