"""A prepared file's task: queued by ``start``, built by a task worker for the user who
asked. The file is stored whole or not at all; a failure leaves a message for the user and
a line in the log."""

import datetime
import functools
import logging

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from .. import conf
from ..access.scope import scope_for
from ..models import PreparedFile
from ..models.downloads import REUSE_MINUTES, SCOPE, scope_parameter
from ..tasks_compat import task
from .registry import KINDS, may_have

logger = logging.getLogger(__name__)

Status = PreparedFile.Status

FAILURE_MESSAGE = gettext_lazy(
    "The file could not be prepared. Try again or tell the site's admin."
)
REFUSED_MESSAGE = gettext_lazy("The file was not prepared: you may no longer get it.")


def start(user, kind: str, parameters: dict) -> PreparedFile:
    """Queues the file of ``kind`` for ``user`` on the task backend, built for the user's
    scope as it is now; the same file asked for again meanwhile is the one already queued."""
    PreparedFile.purge_old()
    parameters = {**parameters, SCOPE: scope_parameter(scope_for(user))}
    prepared = same_file(user, kind, parameters)
    if prepared is None:
        prepared = PreparedFile.objects.create(user=user, kind=kind, parameters=parameters)
        # After the commit: a worker of another backend would not find the record before.
        enqueue = prepare_file.using(backend=conf.task_backend()).enqueue
        transaction.on_commit(functools.partial(enqueue, str(prepared.pk)))
    return prepared


def same_file(user, kind: str, parameters: dict) -> PreparedFile | None:
    """The user's file of ``kind`` and ``parameters`` still waiting, or ready for less than
    ``REUSE_MINUTES``: a button pressed twice (or a link followed again) prepares one file."""
    recent = timezone.now() - datetime.timedelta(minutes=REUSE_MINUTES)
    candidates = PreparedFile.objects.filter(user=user, kind=kind).filter(
        Q(status__in=[Status.QUEUED, Status.RUNNING])
        | Q(status=Status.DONE, finished_at__gte=recent)
    )
    # Compared here, not in SQL: JSON equality differs between the databases.
    return next((found for found in candidates if found.parameters == parameters), None)


@task(backend=conf.task_backend())  # its own alias: Wagtail's tasks keep theirs
def prepare_file(file_id: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):  # a worker has no request's language
        _prepare(file_id)


def _prepare(file_id) -> None:
    # Claimed once: a task queued twice builds the file once.
    if not PreparedFile.objects.filter(pk=file_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=timezone.now()
    ):
        return
    prepared = PreparedFile.objects.select_related("user").get(pk=file_id)
    try:
        # Within the ``try``: whatever fails, the file leaves «being prepared».
        if not may_have(prepared.user, prepared.kind, prepared.parameters):
            _finish(prepared, Status.FAILED, error=str(REFUSED_MESSAGE))
            return
        # The audit entries are written with the file, or not at all.
        with transaction.atomic():
            build = KINDS[prepared.kind].build
            _store(prepared, *build(prepared.user, prepared.parameters))
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
