"""Cell values as spreadsheets hold them → the values the models keep.

Each converter takes what a cell gave (str, int, float, bool, date, datetime or "") and
returns the clean value, or raises ``ValueError`` with a message for the curator.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from .safe_cells import FORMULA_TRIGGERS

EXCEL_EPOCH = datetime.date(1899, 12, 30)
DATE_FORMATS = ("%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")
YES = {"да", "+", "1", "yes", "true", "истина", "д", "v", "✓", "x", "х"}
NO = {"нет", "-", "0", "no", "false", "ложь", "н", ""}
LIST_SEPARATORS = re.compile(r"[;,\n]+")


SPACES = re.compile(r"[ \t]+")


def text(value) -> str:
    """Any cell as text: whole numbers without «.0», dates as dd.mm.yyyy."""
    if type(value) is str and "  " not in value and "\t" not in value and value[:1] != "'":
        return value.strip()  # the common case, on the path of every cell
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    value = str(value)
    if value.startswith("'") and value[1:2] in FORMULA_TRIGGERS:
        value = value[1:]  # the apostrophe our csv exports put before formula-like text
    return SPACES.sub(" ", value).strip()


def phone(value) -> str:
    """79120000000.0 → «79120000000»; a phone typed as text stays as typed."""
    return text(value)


def email(value) -> str:
    address = text(value)
    if address:
        try:
            validate_email(address)
        except ValidationError as error:
            raise ValueError(
                _("«%(value)s» is not an e-mail address.") % {"value": address}
            ) from error
    return address


def date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if is_number and 1 <= value < 2958466:  # Excel's serial day numbers
        return EXCEL_EPOCH + datetime.timedelta(days=int(value))
    raw = text(value)
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(raw.split(" ")[0], fmt).date()
        except ValueError:
            continue
    raise ValueError(_("«%(value)s» is not a date; write it as 01.09.2026.") % {"value": raw})


def boolean(value) -> bool:
    if isinstance(value, bool):
        return value
    raw = text(value).casefold()
    if raw in YES:
        return True
    if raw in NO:
        return False
    raise ValueError(_("«%(value)s» is neither yes nor no: write «да» or «нет».") % {"value": raw})


def whole_number(value) -> int | None:
    if value in (None, ""):
        return None
    raw = text(value)
    try:
        return int(raw)
    except ValueError as error:
        raise ValueError(_("«%(value)s» is not a whole number.") % {"value": raw}) from error


def items(value) -> list[str]:
    """«a, b; c» or one per line → ["a", "b", "c"]."""
    return [part.strip() for part in LIST_SEPARATORS.split(text(value)) if part.strip()]
