"""Large imports as tasks: the preview and the confirmation of a file with more rows than
``conf.background_import_rows()`` run on a task worker. Their state, progress and report are
kept on the ``SpreadsheetImport`` row, so that any app server shows them, and the curator
may leave the page and come back; the progress of a running task is in the cache
(``progress``): the row's changes wait for the end of the import's transaction."""

import dataclasses
import functools
import json
import logging

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import conf
from ..models import Organization, SpreadsheetImport
from ..spreadsheets.errors import SpreadsheetError
from ..spreadsheets.reading import open_spreadsheet
from ..tasks_compat import task
from . import progress
from .pipeline import run_import
from .reports import Caution, Change, ColumnUse, ImportReport, PreviewRow, Problem

logger = logging.getLogger(__name__)

Step = SpreadsheetImport.TaskStep
Status = SpreadsheetImport.TaskStatus


FAILURE_MESSAGE = gettext_lazy(
    "The import failed and nothing was written. Try again or tell the site's admin."
)


def count_rows(upload) -> int:
    """The rows of the upload's sheet, as its reader knows them before reading any; 0 for a
    file that cannot be read (its preview, run at once, says why)."""
    try:
        return open_spreadsheet(upload.read(), upload.filename, upload.sheet or None).height
    except SpreadsheetError:
        return 0


def is_large(rows: int) -> bool:
    return rows > conf.background_import_rows()


def run_upload(upload, *, dry_run, user, organization=None, on_progress=None):
    """The people's or pairs' import of ``upload``'s file: its preview or, all or nothing, the
    import itself. Returns an ``ImportReport``; ``on_progress`` as ``run_import``'s."""
    return run_import(
        upload.read(),
        upload.filename,
        upload.target,
        dry_run=dry_run,
        sheet=upload.sheet or None,
        mapping=upload.remembered_mapping(),
        user=user,
        upload=upload,
        organization=organization or upload.organization,
        defer_organization=True,
        on_progress=on_progress,
    )


def start(upload, step, **options) -> None:
    """Queues ``step`` (a preview or a confirmation) of ``upload`` on the task backend."""
    upload.task_step, upload.task_status = step, Status.QUEUED
    upload.rows_done, upload.task_error, upload.task_options = 0, "", options
    upload.save()
    progress.clear(upload.pk)  # the previous step's count
    task = preview_upload if step == Step.PREVIEW else confirm_upload
    task.using(backend=conf.task_backend()).enqueue(str(upload.pk))


@task(backend=conf.task_backend())  # its own alias: Wagtail's tasks keep theirs
def preview_upload(upload_id: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):  # a worker has no request's language
        _preview(upload_id)


@task(backend=conf.task_backend())  # its own alias: Wagtail's tasks keep theirs
def confirm_upload(upload_id: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        _confirm_upload(upload_id)


def _preview(upload_id) -> None:
    upload = _claim(upload_id, Step.PREVIEW)
    if upload is None:
        return
    try:
        report = run_upload(
            upload, dry_run=True, user=upload.user, on_progress=_publisher(upload_id)
        )
    except Exception:
        logger.exception("The preview of the import %s failed", upload_id)
        _finish(upload_id, Status.FAILED, error=str(FAILURE_MESSAGE))
        return
    _finish(upload_id, Status.DONE, report=report)


def _confirm_upload(upload_id) -> None:
    if _claim(upload_id, Step.CONFIRM) is None:
        return
    try:
        with transaction.atomic():
            # Under a row lock: a confirmation queued twice runs once.
            upload = SpreadsheetImport.objects.select_for_update().get(pk=upload_id)
            # None: imported or cancelled meanwhile.
            report = _confirm(upload) if upload.is_pending else None
    except Exception:
        logger.exception("The import %s failed", upload_id)
        _finish(upload_id, Status.FAILED, error=str(FAILURE_MESSAGE))
        return
    if report is None:
        _finish(upload_id, Status.FAILED, error=_("This file is imported already."))
    elif report.applied:
        _finish(upload_id, Status.DONE, report=report)
    else:
        _finish(
            upload_id,
            Status.FAILED,
            report=report,
            error=_("Nothing was imported: the file has problems."),
        )


def _confirm(upload):
    chosen = upload.task_options.get("organization")
    organization = Organization.objects.filter(pk=chosen).first() if chosen else None
    return run_upload(
        upload,
        dry_run=False,
        user=upload.user,
        organization=organization,
        on_progress=_publisher(upload.pk),
    )


def _publisher(upload_id):
    """``on_progress`` for the task of ``upload_id``: the last row of a chunk is the number of
    the sheet's rows passed, as ``count_rows`` counts them."""
    return functools.partial(progress.publish, upload_id)


def _claim(upload_id, step):
    """The upload, marked running, if ``step`` of it is still waiting for a worker."""
    claimed = SpreadsheetImport.objects.filter(
        pk=upload_id, task_step=step, task_status=Status.QUEUED
    ).update(task_status=Status.RUNNING)
    return SpreadsheetImport.objects.get(pk=upload_id) if claimed else None


def _finish(upload_id, status, report=None, error="") -> None:
    fields = {"task_status": status, "task_error": error}
    if report is not None:
        fields["task_report"] = dump_report(report)
    if status == Status.DONE:
        fields["rows_done"] = SpreadsheetImport.objects.get(pk=upload_id).rows_total
    SpreadsheetImport.objects.filter(pk=upload_id).update(**fields)
    progress.clear(upload_id)  # after the row has the final count: the bar never goes back


def dump_report(report) -> dict:
    """The report as JSON: values the curator reads are strings already."""
    return json.loads(json.dumps(dataclasses.asdict(report), default=str))


def load_report(data: dict):
    return ImportReport(
        **{
            **data,
            "problems": [Problem(**item) for item in data["problems"]],
            "notes": [Problem(**item) for item in data["notes"]],
            "changes": [Change(**item) for item in data["changes"]],
            "columns": [ColumnUse(**item) for item in data["columns"]],
            "rows": [PreviewRow(**item) for item in data["rows"]],
            "cautions": [Caution(**item) for item in data["cautions"]],
        }
    )
