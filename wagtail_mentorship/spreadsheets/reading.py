"""Reading the spreadsheets schools really have into plain rows of cell values.

xlsx and ods are read with python-calamine (far faster than openpyxl), a very large xlsx sheet
a row at a time (``xlsx_stream``); csv may be UTF-8 with or without a BOM, or Excel's cp1251,
separated by commas, semicolons or tabs; a Word document (.docx) gives its table
(``docx_tables``), since roadmaps are approved as Word documents.
Merged cells give their value to every cell they cover; hidden sheets are passed over unless
named.
"""

import csv
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from xml.etree import ElementTree

import python_calamine
from django.utils.translation import gettext as _
from lxml import etree

from .. import conf
from . import xlsx_stream
from .docx_tables import DOCX_EXTENSION, read_word_table
from .errors import SpreadsheetError
from .safety import ZIP_MAGIC, check_not_encrypted, check_size, open_archive

EXTENSIONS = (".xlsx", ".ods", ".csv")
DELIMITERS = ",;\t"
SNIFF_LINES = 50
HEADER_SCAN = 20  # the header row is among the first rows, below any title rows


@dataclass
class Sheet:
    name: str
    sheet_names: list[str]  # the visible sheets, for the curator to choose from
    rows: Iterable[list]  # cell values, "" for an empty cell; one pass, unless read whole
    first_row: int = 1  # the spreadsheet's number of the first row
    height: int = 0  # how many rows, title and header rows included


def open_spreadsheet(
    data: bytes, filename: str, sheet_name: str | None = None, *, word_table: bool = False
) -> Sheet:
    """The sheet with its rows streamed one by one: a large file is never held twice.

    With ``word_table`` (the roadmap's import) a Word document's table is read too.
    """
    check_size(data)
    name = filename.lower()
    if word_table and name.endswith(DOCX_EXTENSION):
        return _read_docx(data, filename)
    if not name.endswith(EXTENSIONS):
        if word_table:
            message = _("«%(name)s» is not a table: upload an .xlsx, .ods, .csv or .docx file.")
        else:
            message = _("«%(name)s» is not a spreadsheet: upload an .xlsx, .ods or .csv file.")
        raise SpreadsheetError(message % {"name": filename})
    check_not_encrypted(data)
    if data.startswith(ZIP_MAGIC):
        return _read_workbook(data, filename, sheet_name)
    if filename.lower().endswith(".csv"):
        return _read_csv(data, filename)
    raise SpreadsheetError(
        _("The file «%(name)s» is not a spreadsheet, whatever its name says.") % {"name": filename}
    )


def check_data_rows(count: int) -> None:
    """``count`` rows below the header: at most ``import_max_rows``."""
    limit = conf.import_max_rows()
    if count > limit:
        raise SpreadsheetError(
            _("The sheet has %(count)s rows; at most %(limit)s rows can be imported at once.")
            % {"count": count, "limit": limit}
        )


def _check_height(height: int) -> None:
    """Refused before reading: more rows than data, titles and a header could be."""
    check_data_rows(max(0, height - HEADER_SCAN))


def _bounded(rows, first_row: int = 1):
    """The rows, each refused with its number when too wide or a cell too long."""
    max_columns, max_chars = conf.import_max_columns(), conf.import_max_cell_chars()
    for number, row in enumerate(rows, start=first_row):
        # Only a row wider than the limit has its filled columns counted: the trailing empty
        # cells of a sheet's used range are no columns of the curator's.
        width = len(row)
        if width > max_columns:
            width = max((i + 1 for i, cell in enumerate(row) if _filled(cell)), default=0)
        if width > max_columns:
            raise SpreadsheetError(
                _("Row %(row)s has %(count)s columns; at most %(limit)s can be imported.")
                % {"row": number, "count": width, "limit": max_columns}
            )
        for index, cell in enumerate(row):
            if isinstance(cell, str) and len(cell) > max_chars:
                raise SpreadsheetError(
                    _(
                        "Row %(row)s, column %(column)s: the cell has %(count)s characters; "
                        "at most %(limit)s can be imported."
                    )
                    % {"row": number, "column": index + 1, "count": len(cell), "limit": max_chars}
                )
        yield row


def _read_workbook(data: bytes, filename: str, sheet_name: str | None) -> Sheet:
    buffer = io.BytesIO(data)
    archive = open_archive(buffer, filename)
    largest = max(xlsx_stream.worksheet_sizes(archive), default=0)
    buffer.seek(0)
    if largest > conf.import_stream_above_bytes():
        return _stream_workbook(buffer, filename, sheet_name)
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(buffer)
        visible = [
            meta.name
            for meta in workbook.sheets_metadata
            if meta.visible == python_calamine.SheetVisibleEnum.Visible
            and meta.typ == python_calamine.SheetTypeEnum.WorkSheet
        ]
        sheet_name = _chosen(sheet_name, visible, workbook.sheet_names)
        sheet = workbook.get_sheet_by_name(sheet_name)
        # calamine's rows begin at the sheet's first row and end at its last filled one.
        height = sheet.end[0] + 1 if sheet.end else 0
        _check_height(height)
        merged = sheet.merged_cell_ranges or []
        rows = _with_merged(
            _padded(sheet.iter_rows(), sheet.start[1] if sheet.start else 0), merged
        )
    except python_calamine.PasswordError as error:
        raise SpreadsheetError(_("The file is password-protected.")) from error
    except (
        python_calamine.CalamineError,
        python_calamine.ZipError,
        python_calamine.XmlError,
    ) as error:
        raise _damaged(filename, error) from error
    return Sheet(name=sheet_name, sheet_names=visible, rows=_bounded(rows), height=height)


def _chosen(sheet_name: str | None, visible: list[str], names) -> str:
    """The sheet named, or else the first visible one."""
    if sheet_name is None:
        if not visible:
            raise SpreadsheetError(_("The file has no visible sheet."))
        return visible[0]
    if sheet_name not in names:
        raise SpreadsheetError(_("The file has no sheet «%(sheet)s».") % {"sheet": sheet_name})
    return sheet_name


# What a damaged or incomplete xlsx file makes openpyxl or the archive raise.
UNREADABLE = (
    zipfile.BadZipFile,
    EOFError,
    OSError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    ElementTree.ParseError,
    etree.LxmlError,
)


def _stream_workbook(buffer, filename: str, sheet_name: str | None) -> Sheet:
    """A very large xlsx sheet, read a row at a time (``xlsx_stream``)."""
    try:
        workbook = xlsx_stream.StreamedWorkbook(buffer)
    except UNREADABLE as error:
        raise _damaged(filename, error) from error
    visible = workbook.visible()
    try:
        sheet_name = _chosen(sheet_name, visible, workbook.sheets)
        outline = workbook.outline(sheet_name)
        _check_height(outline.height)
    except UNREADABLE as error:
        workbook.close()
        raise _damaged(filename, error) from error
    except SpreadsheetError:
        workbook.close()
        raise
    rows = _with_merged(_unless_damaged(workbook, sheet_name, filename), outline.merged)
    return Sheet(name=sheet_name, sheet_names=visible, rows=_bounded(rows), height=outline.height)


def _damaged(filename: str, reason) -> SpreadsheetError:
    return SpreadsheetError(
        _("The file «%(name)s» is damaged or incomplete: %(reason)s")
        % {"name": filename, "reason": reason}
    )


def _unless_damaged(workbook, sheet_name: str, filename: str):
    """The sheet's rows; a part found damaged midway is refused, and the file closed."""
    try:
        yield from workbook.rows(sheet_name)
    except UNREADABLE as error:
        raise _damaged(filename, error) from error
    finally:
        workbook.close()


def _read_docx(data: bytes, filename: str) -> Sheet:
    table = read_word_table(data, filename)
    _check_height(table.height)
    return Sheet(name=filename, sheet_names=[], rows=_bounded(table.rows()), height=table.height)


def _padded(rows, left: int):
    """calamine's rows begin at the first used column; cells keep their real positions."""
    padding = [""] * left
    for row in rows:
        yield padding + row if left else row


def _with_merged(rows, merged):
    """Each merged cell's value in every cell the merge covers, row by row."""
    starting = {}
    for (top, left), (bottom, right) in merged:
        starting.setdefault(top, []).append((left, bottom, right))
    active = []  # (left, bottom, right, value)
    for index, row in enumerate(rows):
        for left, bottom, right in starting.get(index, ()):
            active.append((left, bottom, right, row[left] if left < len(row) else ""))
        for left, _bottom, right, value in active:
            if len(row) <= right:
                row = row + [""] * (right + 1 - len(row))
            row[left : right + 1] = [value] * (right + 1 - left)
        active = [merge for merge in active if merge[1] > index]
        yield row


def _filled(cell) -> bool:
    return cell is not None and cell != ""


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if data[: error.start].isascii():
            return data.decode("cp1251", errors="replace")  # what Excel in Russian writes
        # UTF-8 up to here, then not: a file put together from two encodings.
        line = data[: error.start].count(b"\n") + 1
        raise SpreadsheetError(
            _(
                "Line %(line)s is not in the encoding of the lines before it (UTF-8): "
                "save the whole file as UTF-8 again."
            )
            % {"line": line}
        ) from error


def _delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:SNIFF_LINES])
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in DELIMITERS}
        return max(counts, key=counts.get)


def _csv_rows(text: str, delimiter: str):
    """The csv's rows; a quote left open or an endless cell is refused with its line."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    while True:
        start = reader.line_num + 1  # the line the next row begins on
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise SpreadsheetError(
                _(
                    "Line %(line)s cannot be read: a quote is not closed, or a cell is longer "
                    "than a table's cell can be (%(reason)s)."
                )
                % {"line": start, "reason": error}
            ) from error
        yield row


def _read_csv(data: bytes, filename: str) -> Sheet:
    if b"\x00" in data[:4096]:
        raise SpreadsheetError(
            _("The file «%(name)s» is not a text table (csv).") % {"name": filename}
        )
    text = _decode(data)
    delimiter = _delimiter(text)
    height = sum(1 for _row in _csv_rows(text, delimiter))  # a quick pass that keeps no row
    _check_height(height)
    rows = _bounded(_csv_rows(text, delimiter))
    return Sheet(name=filename, sheet_names=[], rows=rows, height=height)
