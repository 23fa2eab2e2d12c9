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

from .. import conf
from ..access.storage import private_storage


def prepared_path(instance, filename) -> str:
    return f"wagtail_mentorship/downloads/{instance.pk}{PurePosixPath(filename).suffix.lower()}"


class PreparedFile(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being prepared")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

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

    @classmethod
    def purge_old(cls) -> int:
        """Deletes the files asked for more than ``conf.prepared_file_days()`` ago."""
        since = timezone.now() - datetime.timedelta(days=conf.prepared_file_days())
        old = list(cls.objects.filter(created_at__lt=since))
        for prepared in old:
            if prepared.file:
                prepared.file.delete(save=False)
            prepared.delete()
        return len(old)
