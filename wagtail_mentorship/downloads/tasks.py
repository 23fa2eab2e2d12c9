"""A prepared file's task: queued by ``start``, built by a task worker for the user who
asked. The file is stored whole or not at all; a failure leaves a message for the user and
a line in the log."""

import logging

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from .. import conf
from ..models import PreparedFile
from ..tasks_compat import task
from . import kinds  # noqa: F401  (registers them, in the worker too)
from .registry import KINDS

logger = logging.getLogger(__name__)

Status = PreparedFile.Status

FAILURE_MESSAGE = gettext_lazy(
    "The file could not be prepared. Try again or tell the site's admin."
)
REFUSED_MESSAGE = gettext_lazy("The file was not prepared: you may no longer get it.")


def start(user, kind: str, parameters: dict) -> PreparedFile:
    """Queues the file of ``kind`` for ``user`` on the task backend."""
    PreparedFile.purge_old()
    prepared = PreparedFile.objects.create(user=user, kind=kind, parameters=parameters)
    prepare_file.using(backend=conf.task_backend()).enqueue(str(prepared.pk))
    return prepared


@task(backend=conf.task_backend())  # its own alias: Wagtail's tasks keep theirs
def prepare_file(file_id: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):  # a worker has no request's language
        _prepare(file_id)


def _prepare(file_id) -> None:
    # Claimed once: a task queued twice builds the file once.
    if not PreparedFile.objects.filter(pk=file_id, status=Status.QUEUED).update(
        status=Status.RUNNING
    ):
        return
    prepared = PreparedFile.objects.select_related("user").get(pk=file_id)
    kind = KINDS.get(prepared.kind)
    if kind is None or not kind.permitted(prepared.user, prepared.parameters):
        _finish(prepared, Status.FAILED, error=str(REFUSED_MESSAGE))
        return
    try:
        # The audit entries are written with the file, or not at all.
        with transaction.atomic():
            _store(prepared, *kind.build(prepared.user, prepared.parameters))
    except Exception:
        logger.exception("The prepared file %s (%s) failed", file_id, prepared.kind)
        if prepared.file:
            prepared.file.delete(save=False)
        _finish(prepared, Status.FAILED, error=str(FAILURE_MESSAGE))
        return
    _finish(prepared, Status.DONE)


def _store(prepared, content, filename, content_type) -> None:
    stored = ContentFile(content) if isinstance(content, bytes) else File(content)
    try:
        prepared.file.save(filename, stored, save=False)
    finally:
        stored.close()
    prepared.filename, prepared.content_type = filename, content_type
    prepared.save(update_fields=["file", "filename", "content_type"])


def _finish(prepared, status, error="") -> None:
    prepared.status, prepared.error, prepared.finished_at = status, error, timezone.now()
    prepared.save(update_fields=["status", "error", "finished_at"])
