"""Settings of the app, with their defaults, read in one place."""

from django.conf import settings


def base_template() -> str:
    """The template every public page of the app extends (the site's own by default)."""
    return getattr(settings, "WAGTAIL_MENTORSHIP_BASE_TEMPLATE", "base.html")


def practices_per_page() -> int:
    return getattr(settings, "WAGTAIL_MENTORSHIP_PRACTICES_PER_PAGE", 12)


def import_max_bytes() -> int:
    """The largest spreadsheet a curator may upload."""
    return getattr(settings, "WAGTAIL_MENTORSHIP_IMPORT_MAX_BYTES", 10 * 1024 * 1024)


def import_max_uncompressed_bytes() -> int:
    """The most an xlsx or ods file may unpack to (zip bombs stop here)."""
    return getattr(settings, "WAGTAIL_MENTORSHIP_IMPORT_MAX_UNCOMPRESSED_BYTES", 200 * 1024 * 1024)


def import_max_rows() -> int:
    return getattr(settings, "WAGTAIL_MENTORSHIP_IMPORT_MAX_ROWS", 20_000)


def import_stream_above_bytes() -> int:
    """An xlsx sheet whose XML is larger than this (some 25,000 rows of ten columns) is read
    a row at a time, in bounded memory, rather than whole and faster."""
    return getattr(settings, "WAGTAIL_MENTORSHIP_IMPORT_STREAM_ABOVE_BYTES", 32 * 1024 * 1024)


def import_max_columns() -> int:
    """The most filled columns a row may have: a questionnaire has tens, not thousands."""
    return getattr(settings, "WAGTAIL_MENTORSHIP_IMPORT_MAX_COLUMNS", 300)


def import_max_cell_chars() -> int:
    """The longest answer a cell may hold."""
    return getattr(settings, "WAGTAIL_MENTORSHIP_IMPORT_MAX_CELL_CHARS", 10_000)


def import_expiry_hours() -> int:
    """How long an uploaded file waits for the curator's confirmation."""
    return getattr(settings, "WAGTAIL_MENTORSHIP_IMPORT_EXPIRY_HOURS", 24)


def background_import_rows() -> int:
    """Files with more rows than this are checked and imported by a task worker, the curator
    watching the progress or coming back later; smaller files are imported at once."""
    return getattr(settings, "WAGTAIL_MENTORSHIP_BACKGROUND_IMPORT_ROWS", 2000)


def task_backend() -> str:
    """The ``TASKS`` backend large imports and the admin's prepared files run on."""
    return getattr(settings, "WAGTAIL_MENTORSHIP_TASK_BACKEND", "default")


def prepared_file_days() -> int:
    """How long a report or document prepared for a user waits for them in «Мои файлы»."""
    return getattr(settings, "WAGTAIL_MENTORSHIP_PREPARED_FILE_DAYS", 7)


def retention_days() -> int:
    """How long a person's data is kept after their programme ended: one school year."""
    return getattr(settings, "WAGTAIL_MENTORSHIP_RETENTION_DAYS", 365)
