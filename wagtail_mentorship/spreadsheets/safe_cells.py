"""Formula-safe spreadsheet cells.

A value that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula
to Excel and LibreOffice when it reaches them as text to parse. In xlsx we keep the exact text
and store it as a string cell, which no spreadsheet evaluates; in csv, where every cell is
parsed, such a value is prefixed with an apostrophe (the OWASP recommendation).
"""

from openpyxl.cell import WriteOnlyCell

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def xlsx_cell(worksheet, value, style=None) -> WriteOnlyCell:
    """A write-only cell that holds ``value`` as data, never as a formula."""
    cell = WriteOnlyCell(worksheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would otherwise turn «=…» into a formula
    if style is not None:
        cell.style = style
    return cell


def csv_value(value):
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value
