"""A large xlsx sheet read row by row, in bounded memory.

python-calamine reads a whole sheet into memory before its first row: for a 100,000-row
questionnaire some 100 MB. A sheet whose XML is larger than ``conf.import_stream_above_bytes()``
is read with openpyxl's read-only parser instead, which holds one row at a time (and the
workbook's shared strings). Its rows are given as calamine gives them, so that everything
after the reader sees one kind of row: "" for an empty cell, a number as a float, a date cell
as a date. Merged cells and the sheet's height are found first, in one pass over the sheet's
XML that keeps nothing but them: openpyxl's read-only sheets know neither (a ``<mergeCell>``
comes after the rows, and the ``<dimension>`` a writer declares may be missing or wrong).
"""

import datetime
import re
import zipfile
from dataclasses import dataclass, field

from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

CHUNK = 1 << 20  # bytes of the sheet's XML read at a time
# The opening tag of a row (with or without a namespace prefix: some writers use "x:"),
# and the range of a merged cell.
ROW_TAG = re.compile(rb"<(?:\w+:)?row(?:\s[^>]*)?>")
ROW_NUMBER = re.compile(rb"""\sr=["'](\d+)["']""")
MERGE_REF = re.compile(rb"""<(?:\w+:)?mergeCell\s[^>]*?ref=["']([A-Z]+\d+(?::[A-Z]+\d+)?)["']""")
MIDNIGHT = datetime.time()


@dataclass
class SheetOutline:
    """What a pass over a sheet's XML finds: its height and its merged ranges."""

    height: int = 0  # the number of the last row
    merged: list = field(default_factory=list)  # ((top, left), (bottom, right)), from 0


class StreamedWorkbook:
    """An xlsx workbook's worksheets, opened without reading any of their rows."""

    def __init__(self, data):
        # openpyxl's load_workbook(read_only=True) without its worksheets: it would look for
        # each sheet's <dimension> and, where a writer left it out, parse the whole sheet.
        self.reader = ExcelReader(data, read_only=True, data_only=True, keep_links=False)
        self.reader.read_manifest()
        self.reader.read_strings()
        self.reader.read_workbook()
        apply_stylesheet(self.reader.archive, self.reader.wb)
        self.sheets = {  # title → (visibility, the path of its XML in the archive)
            sheet.name: (sheet.state or "visible", rel.target)
            for sheet, rel in self.reader.parser.find_sheets()
            if "chartsheet" not in rel.Type and rel.target in self.reader.valid_files
        }

    def visible(self) -> list[str]:
        return [title for title, (state, _path) in self.sheets.items() if state == "visible"]

    def outline(self, title: str) -> SheetOutline:
        return outline(self.reader.archive, self.sheets[title][1])

    def rows(self, title: str):
        """The sheet's rows from its first, each a list of values as calamine gives them."""
        sheet = _Rows(self.reader.wb, title, self.sheets[title][1], self.reader.shared_strings)
        for values in sheet.iter_rows(values_only=True):
            yield [_as_calamine(value) for value in values]

    def close(self) -> None:
        self.reader.archive.close()


class _Rows(ReadOnlyWorksheet):
    """A read-only sheet read to its last row, whatever its <dimension> declares."""

    def _get_size(self):
        pass  # no dimension: every row, as long as each is


def worksheet_sizes(archive: zipfile.ZipFile) -> list[int]:
    """The uncompressed sizes of an xlsx file's worksheets, from the archive's directory."""
    return [
        entry.file_size
        for entry in archive.infolist()
        if entry.filename.startswith("xl/worksheets/") and entry.filename.endswith(".xml")
    ]


def outline(archive: zipfile.ZipFile, path: str) -> SheetOutline:
    """The sheet's height and merged ranges, read from its XML a chunk at a time."""
    found = SheetOutline()
    tail = b""
    with archive.open(path) as part:
        while chunk := part.read(CHUNK):
            text = tail + chunk
            # A tag cut by the chunk's end is read whole with the next chunk.
            cut = text.rfind(b"<")
            if cut != -1 and text.find(b">", cut) == -1:
                text, tail = text[:cut], text[cut:]
            else:
                tail = b""
            _read_tags(text, found)
    _read_tags(tail, found)
    return found


def _read_tags(text: bytes, found: SheetOutline) -> None:
    for tag in ROW_TAG.finditer(text):
        number = ROW_NUMBER.search(tag.group())
        # A row without its number is the one after the previous row.
        found.height = int(number.group(1)) if number else found.height + 1
    for ref in MERGE_REF.finditer(text):
        left, top, right, bottom = range_boundaries(ref.group(1).decode())
        found.merged.append(((top - 1, left - 1), (bottom - 1, right - 1)))


def _as_calamine(value):
    if value is None:
        return ""
    if type(value) is int:
        return float(value)
    # openpyxl gives a date cell as a datetime at midnight. (A date-and-time cell at exactly
    # midnight reads as its date too, which the app reads the same way.)
    if type(value) is datetime.datetime and value.time() == MIDNIGHT and value.tzinfo is None:
        return value.date()
    return value
