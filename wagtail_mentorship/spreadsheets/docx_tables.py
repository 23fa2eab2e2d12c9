"""The table of a Word document (.docx) as rows of cell text, the way a spreadsheet is read.

Roadmaps are approved as Word documents, so their table is read where it is. The document's
largest table (the first of the largest, by rows) is taken: an approval block above it is
often a small table of its own. A cell merged across columns or down rows gives its text to
every grid cell it covers, as merged spreadsheet cells do. The archive is checked (size,
zip bomb, DTD) before python-docx parses anything.
"""

import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _
from lxml import etree

from .errors import SpreadsheetError
from .safety import OLE_MAGIC, ZIP_MAGIC, open_archive

DOCX_EXTENSION = ".docx"


@dataclass
class WordTable:
    element: object  # the <w:tbl> element
    height: int  # its rows, counted before any cell is read

    def rows(self):
        """Each row's cells as text, one per grid column; a merge repeats its text."""
        above: list[str] = []  # the row above, for the cells that continue its vertical merge
        for tr in self.element.tr_lst:
            row = [""] * tr.grid_before
            for tc in tr.tc_lst:
                if tc.vMerge == "continue":
                    value = above[len(row)] if len(row) < len(above) else ""
                else:
                    value = cell_text(tc)
                row.extend([value] * tc.grid_span)
            above = row
            yield row


def cell_text(tc) -> str:
    """The cell's paragraphs as lines, blank ones left out (Word pads cells with them)."""
    lines = (p.text.strip() for p in tc.p_lst)
    return "\n".join(line for line in lines if line)


def read_word_table(data: bytes, filename: str) -> WordTable:
    """The document's largest table, its size known; a document without one is refused."""
    if data.startswith(OLE_MAGIC):
        raise SpreadsheetError(
            _(
                "The file is password-protected or in the old Word 97–2003 format (.doc). "
                "Remove the password, or save it as .docx, and upload it again."
            )
        )
    if not data.startswith(ZIP_MAGIC):
        raise SpreadsheetError(
            _("The file «%(name)s» is not a Word document, whatever its name says.")
            % {"name": filename}
        )
    open_archive(io.BytesIO(data), filename)
    # Loaded for a Word document only, not by every app process (some 16 MB).
    import docx
    from docx.opc.exceptions import OpcError

    try:
        tables = [table._tbl for table in docx.Document(io.BytesIO(data)).tables]
    except (OpcError, KeyError, ValueError, zipfile.BadZipFile, etree.LxmlError) as error:
        raise SpreadsheetError(
            _("The file «%(name)s» is damaged or is not a Word document (.docx).")
            % {"name": filename}
        ) from error
    if not tables:
        raise SpreadsheetError(
            _("The document «%(name)s» has no table to import.") % {"name": filename}
        )
    largest = max(tables, key=lambda tbl: len(tbl.tr_lst))  # max keeps the first of equals
    return WordTable(largest, len(largest.tr_lst))
