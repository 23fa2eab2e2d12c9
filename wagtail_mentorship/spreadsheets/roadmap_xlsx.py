"""The roadmap as an xlsx workbook: the same rows as the page table.

File I/O only: the bytes and the file name; the page's ``xlsx`` route makes the response.
"""

from io import BytesIO

from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, NamedStyle
from openpyxl.utils import get_column_letter

from .safe_cells import xlsx_cell

COLUMN_WIDTHS = {"title": 50, "content": 50, "timing": 20, "responsible": 30, "result": 40}


def _styles():
    wrap = Alignment(wrap_text=True, vertical="top")
    return {
        "header": NamedStyle("mentorship_header", font=Font(bold=True), alignment=wrap),
        # Not wrapped, so that the stage heading runs on over the empty cells beside it.
        "stage": NamedStyle("mentorship_stage", font=Font(bold=True)),
        "cell": NamedStyle("mentorship_cell", alignment=wrap),
    }


def write_roadmap_xlsx(page, table, stream) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=page.title[:31] or "Roadmap")
    styles = _styles()
    for style in styles.values():
        workbook.add_named_style(style)

    sheet.column_dimensions["A"].width = 8
    for index, (key, _label) in enumerate(table.columns, start=2):
        sheet.column_dimensions[get_column_letter(index)].width = COLUMN_WIDTHS[key]
    sheet.freeze_panes = "A2"

    header, *body = table.rows()
    sheet.append([xlsx_cell(sheet, value, "mentorship_header") for value in header])
    for row in body:
        style = "mentorship_stage" if len(row) == 1 else "mentorship_cell"
        sheet.append([xlsx_cell(sheet, value, style) for value in row])
    workbook.save(stream)


def roadmap_xlsx_bytes(page, table) -> bytes:
    """The workbook of ``table`` as bytes, its sheet named after the page's title."""
    buffer = BytesIO()
    write_roadmap_xlsx(page, table, buffer)
    return buffer.getvalue()


def roadmap_xlsx_filename(page) -> str:
    """An ASCII file name for the download, from the page's slug: «school-roadmap.xlsx»."""
    return f"{slugify(page.slug, allow_unicode=False) or 'roadmap'}.xlsx"
