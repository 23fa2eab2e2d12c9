"""The roadmap as an xlsx workbook: the same rows as the page table."""

from io import BytesIO

from django.http import HttpResponse
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, NamedStyle
from openpyxl.utils import get_column_letter

from .safe_cells import xlsx_cell

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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


def roadmap_xlsx_response(page, table) -> HttpResponse:
    buffer = BytesIO()
    write_roadmap_xlsx(page, table, buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    filename = f"{slugify(page.slug, allow_unicode=False) or 'roadmap'}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
