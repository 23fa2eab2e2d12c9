"""Checks made before any spreadsheet is parsed, in bounded time and memory.

An xlsx or ods file is a zip archive of XML parts. Its entries' uncompressed sizes are read
from the archive's directory and checked before anything is inflated (zip bombs), and the XML
parts are refused if they declare a DTD, which is where entity-expansion bombs live.
"""

import zipfile

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .. import conf
from .errors import SpreadsheetError

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted OOXML, or a legacy .xls
MAX_RATIO = 200  # no real spreadsheet part compresses better than this
DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")
XML_HEAD = 4096  # a DTD comes before the root element, so in the first bytes


def check_size_limit(size: int) -> None:
    """Refuses a file over the size limit: the upload form asks it before storing the file,
    the reader before reading it."""
    limit = conf.import_max_bytes()
    if size > limit:
        raise SpreadsheetError(
            _("The file is %(size)s; files up to %(limit)s can be imported.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )


def check_size(data: bytes) -> None:
    check_size_limit(len(data))
    if not data:
        raise SpreadsheetError(_("The file is empty."))


def check_not_encrypted(data: bytes) -> None:
    if data.startswith(OLE_MAGIC):
        raise SpreadsheetError(
            _(
                "The file is password-protected or in the old Excel 97–2003 format (.xls). "
                "Remove the password, or save it as .xlsx, .ods or .csv, and upload it again."
            )
        )


def open_archive(data, name: str) -> zipfile.ZipFile:
    """The zip archive of an xlsx or ods file, once its sizes and XML parts are checked."""
    try:
        archive = zipfile.ZipFile(data)
        entries = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError) as error:
        raise SpreadsheetError(
            _("The file «%(name)s» is damaged or incomplete: it cannot be opened as a spreadsheet.")
            % {"name": name}
        ) from error
    total = sum(entry.file_size for entry in entries)
    ratio = max((e.file_size / max(e.compress_size, 1) for e in entries), default=0)
    if total > conf.import_max_uncompressed_bytes() or ratio > MAX_RATIO:
        raise SpreadsheetError(
            _(
                "The file «%(name)s» unpacks to %(size)s: it is not an ordinary spreadsheet "
                "and will not be opened."
            )
            % {"name": name, "size": filesizeformat(total)}
        )
    for entry in entries:
        if entry.filename.endswith((".xml", ".rels")):
            try:
                with archive.open(entry) as part:
                    head = part.read(XML_HEAD)
            except (zipfile.BadZipFile, EOFError, OSError, RuntimeError) as error:
                raise SpreadsheetError(
                    _("The file «%(name)s» is damaged or incomplete.") % {"name": name}
                ) from error
            if any(marker in head for marker in DTD_MARKERS):
                raise SpreadsheetError(
                    _(
                        "The file «%(name)s» contains XML declarations that spreadsheets do "
                        "not use (a DTD): it will not be opened."
                    )
                    % {"name": name}
                )
    return archive
