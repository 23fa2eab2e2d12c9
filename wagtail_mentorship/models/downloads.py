"""Files prepared by a task worker for the user who asked for them: the admin's reports and
documents («Мои файлы»).

The file lives in the private storage (``access.storage``, never served), so that whichever
app server the user reaches hands it over; only its owner downloads it, and after
``conf.prepared_file_days()`` it is deleted.
"""

import datetime
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .. import conf
from ..access.storage import private_storage

# A worker that died mid-file leaves it «being prepared»: after this long it has failed.
STALE_MINUTES = 30
# A button pressed again within this long gets the file it already asked for.
REUSE_MINUTES = 5
SCOPE = "scope"  # the parameter saying which organisations the file was built for


def scope_parameter(scope) -> dict:
    """``access.scope.Scope`` as a file's parameters keep it."""
    return {"everything": scope.everything, "organizations": sorted(scope.organization_ids)}


def prepared_path(instance, filename) -> str:
    return f"wagtail_mentorship/downloads/{instance.pk}{PurePosixPath(filename).suffix.lower()}"


class PreparedFile(models.Model):
    class Status(models.TextChoices):
        # «Файл»: the states in the neuter, as «готово» of a report or a document alike.
        QUEUED = "queued", pgettext_lazy("file status", "queued")
        RUNNING = "running", pgettext_lazy("file status", "being prepared")
        DONE = "done", pgettext_lazy("file status", "ready")
        FAILED = "failed", pgettext_lazy("file status", "failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=32)  # a kind of the registry of ``downloads.kinds``
    parameters = models.JSONField(default=dict, blank=True)  # what the kind builds it from
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)  # for the user, in their language
    file = models.FileField(upload_to=prepared_path, storage=private_storage, blank=True)
    filename = models.CharField(max_length=255, blank=True)  # the name it is downloaded under
    content_type = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)  # when a worker took it
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("prepared file")
        verbose_name_plural = _("prepared files")

    def __str__(self):
        return self.filename or self.kind

    @property
    def waiting(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def built_for(self) -> dict | None:
        """The scope the file was built for (``scope_parameter``); None for an older file."""
        return self.parameters.get(SCOPE)

    def covers(self, organization_ids) -> bool:
        """May the file hold data of ``organization_ids``? A file of unknown scope may."""
        scope = self.built_for
        if scope is None or scope["everything"]:
            return True
        return not set(scope["organizations"]).isdisjoint(organization_ids)

    @classmethod
    def fail_stale(cls) -> None:
        """Marks failed the files a dead worker left «being prepared» for ``STALE_MINUTES``."""
        now = timezone.now()
        stale = now - datetime.timedelta(minutes=STALE_MINUTES)
        cls.objects.filter(status=cls.Status.RUNNING, started_at__lt=stale).update(
            status=cls.Status.FAILED, error=str(STALE_MESSAGE), finished_at=now
        )

    @classmethod
    def purge_old(cls) -> int:
        """Deletes the files asked for more than ``conf.prepared_file_days()`` ago (their
        stored files go with them: ``delete_stored_file``); fails the stale ones."""
        cls.fail_stale()
        since = timezone.now() - datetime.timedelta(days=conf.prepared_file_days())
        return cls.objects.filter(created_at__lt=since).delete()[0]

    @classmethod
    def purge_covering(cls, organization_ids) -> int:
        """Deletes the files that may hold people of ``organization_ids``: a file's people
        are not listed anywhere, so every file built for one of those organisations (or for
        all of them) goes; its owner asks for it again and gets the data as it is now."""
        ids = set(organization_ids)
        doomed = [prepared.pk for prepared in cls.objects.all() if prepared.covers(ids)]
        return cls.objects.filter(pk__in=doomed).delete()[0]


STALE_MESSAGE = _(
    "The file was not prepared: the task worker stopped before finishing it. Try again."
)


def delete_stored_file(sender, instance, **kwargs) -> None:
    """A deleted record takes its file with it (a user's deletion too): ``post_delete``."""
    if instance.file:
        instance.file.delete(save=False)
