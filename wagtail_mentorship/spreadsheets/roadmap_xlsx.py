"""The roadmap as an xlsx workbook ready to print: the document's title lines, then the same
rows as the page table.

File I/O only: the bytes and the file name; the page's ``xlsx`` route makes the response.
"""

from io import BytesIO

from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, NamedStyle
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .safe_cells import xlsx_cell
from .writing import sheet_title

COLUMN_WIDTHS = {
    "title": 50,
    "content": 50,
    "timing": 20,
    "responsible": 30,
    "result": 40,
    "status": 16,
}


def _styles():
    wrap = Alignment(wrap_text=True, vertical="top")
    return {
        # The document's lines above the table run on over the empty cells beside them.
        "title": NamedStyle("mentorship_title", font=Font(bold=True, size=14)),
        "heading": NamedStyle("mentorship_heading"),
        "header": NamedStyle("mentorship_header", font=Font(bold=True), alignment=wrap),
        # Not wrapped, so that the stage heading runs on over the empty cells beside it.
        "stage": NamedStyle("mentorship_stage", font=Font(bold=True)),
        "cell": NamedStyle("mentorship_cell", alignment=wrap),
    }


def heading_lines(page) -> list[tuple[str, str]]:
    """(style, text) of the lines above the table, as the paper document has them: the
    title, the organisation, the period and the approval, those the page fills in."""
    lines = [("title", page.title)]
    if page.organization_id:
        lines.append(("heading", page.organization.name))
    lines.extend(("heading", text) for text in (page.period, page.approval) if text)
    return lines


def set_up_printing(sheet, header_row: int) -> None:
    """Landscape, as wide as the page, the table's header again on every printed page."""
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need


def write_roadmap_xlsx(page, table, stream) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title(page.title, fallback="Roadmap"))
    styles = _styles()
    for style in styles.values():
        workbook.add_named_style(style)

    sheet.column_dimensions["A"].width = 8
    for index, (key, _label) in enumerate(table.columns, start=2):
        sheet.column_dimensions[get_column_letter(index)].width = COLUMN_WIDTHS[key]
    lines = heading_lines(page)
    header_row = len(lines) + 2  # the lines, an empty row, then the table
    sheet.freeze_panes = f"A{header_row + 1}"
    set_up_printing(sheet, header_row)

    for style, text in lines:
        sheet.append([xlsx_cell(sheet, text, f"mentorship_{style}")])
    sheet.append([])
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
