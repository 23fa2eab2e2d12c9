"""Uploaded spreadsheets waiting for the curator's confirmation, and the import history.

The file lives in the private storage (``access.storage``, never served) under a name of our
choosing, so that preview and confirmation may be served by different app servers; it is
deleted on confirmation or cancellation, and an upload nobody confirmed expires.
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


def upload_path(instance, filename) -> str:
    return f"wagtail_mentorship/imports/{instance.pk}{PurePosixPath(filename).suffix.lower()}"


def default_expiry():
    return timezone.now() + datetime.timedelta(hours=conf.import_expiry_hours())


class SpreadsheetImport(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        APPLIED = "applied", _("Imported")
        CANCELLED = "cancelled", _("Cancelled")

    class TaskStep(models.TextChoices):
        PREVIEW = "preview", _("Checking the file")
        CONFIRM = "confirm", _("Writing to the database")

    class TaskStatus(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    target = models.CharField(_("into"), max_length=16)
    filename = models.CharField(_("file"), max_length=255)
    file = models.FileField(upload_to=upload_path, storage=private_storage, blank=True)
    sheet = models.CharField(_("sheet"), max_length=255, blank=True)
    mapping = models.JSONField(default=dict, blank=True)  # header key → field ("" = an answer)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    counts = models.JSONField(default=dict, blank=True)
    page = models.ForeignKey(  # the roadmap whose activities a table fills
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    survey_round = models.ForeignKey(  # the round whose answers a Forms export brings
        "wagtail_mentorship.SurveyRound",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organization = models.ForeignKey(  # where new people go, unless a column names another
        "wagtail_mentorship.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=default_expiry)
    # A large file's preview and confirmation run as tasks; their progress and outcome are
    # kept here, so that whichever app server the curator reaches shows them.
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    task_step = models.CharField(max_length=16, choices=TaskStep.choices, blank=True)
    task_status = models.CharField(max_length=16, choices=TaskStatus.choices, blank=True)
    task_error = models.TextField(blank=True)
    task_report = models.JSONField(default=dict, blank=True)  # the step's report, to show
    task_options = models.JSONField(default=dict, blank=True)  # what the confirmation chose

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("spreadsheet import")
        verbose_name_plural = _("spreadsheet imports")

    def __str__(self):
        return self.filename

    @property
    def in_background(self) -> bool:
        """Its preview and confirmation run as tasks: the file has many rows."""
        return bool(self.task_step)

    @property
    def task_waiting(self) -> bool:
        return self.task_status in (self.TaskStatus.QUEUED, self.TaskStatus.RUNNING)

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING and self.expires_at > timezone.now()

    def read(self) -> bytes:
        with self.file.open("rb") as stream:
            return stream.read()

    def close(self, status) -> None:
        """Deletes the uploaded file; the record stays as the import's history."""
        if self.file:
            self.file.delete(save=False)
        self.status = status
        self.save()

    def map_columns(self, mapping: dict, sheet: str = "") -> None:
        """Columns mapped by hand (normalised header → field): kept for this upload and
        remembered for the next file of the same kind and organisation."""
        self.mapping.update(mapping)
        for header, field in mapping.items():
            ColumnMapping.objects.update_or_create(
                target=self.target,
                organization=self.organization,
                header=header,
                defaults={"field": field},
            )
        if sheet:
            self.sheet = sheet
        self.save()

    def remembered_mapping(self) -> dict:
        """The organisation's remembered columns, overridden by this upload's own."""
        return {**ColumnMapping.remembered(self.target, self.organization), **self.mapping}

    @classmethod
    def purge_expired(cls) -> int:
        expired = list(
            cls.objects.filter(status=cls.Status.PENDING, expires_at__lte=timezone.now())
        )
        for upload in expired:
            upload.close(cls.Status.CANCELLED)
        return len(expired)


class ColumnMapping(models.Model):
    """A column a curator mapped by hand, remembered for the next file of the same target."""

    target = models.CharField(max_length=16)
    organization = models.ForeignKey(  # a coordinator's mappings have none
        "wagtail_mentorship.Organization", null=True, blank=True, on_delete=models.CASCADE
    )
    header = models.CharField(max_length=255)  # normalised
    field = models.CharField(max_length=64, blank=True)  # "" keeps it with the answers
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["target", "organization", "header"], name="unique_column_mapping"
            )
        ]

    def __str__(self):
        return f"{self.header} → {self.field or '—'}"

    @classmethod
    def remembered(cls, target: str, organization=None) -> dict:
        mappings = cls.objects.filter(target=target, organization=organization)
        return dict(mappings.values_list("header", "field"))
