"""Audit-log entries for what is done with personal data in bulk: every import and export,
from the admin and from the command line.

Creating, editing and deleting a single person is logged by Wagtail's own snippet views.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import (
    BooleanField,
    CharField,
    DateTimeField,
    F,
    IntegerField,
    JSONField,
    QuerySet,
    UUIDField,
    Value,
)
from django.db.models.functions import Cast, Left
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from ..insert_select import insert_selected
from ..models import Mentee, Mentor, MentorshipPair, PersonalDataLogEntry, SpreadsheetImport

BATCH = 1000  # entries written, and objects read, at once
# Models whose records read as one of their fields: their entries are written by the
# database from a queryset, in one statement, instead of object by object.
LABEL_FIELDS = {Mentor: "full_name", Mentee: "full_name"}
EXPORT_ACTION = "wagtail_mentorship.export"
IMPORT_ACTION = "wagtail_mentorship.import"
ANONYMISE_ACTION = "wagtail_mentorship.anonymise"

LOG_ACTIONS = (
    (EXPORT_ACTION, _("Export personal data"), _("Exported")),
    (IMPORT_ACTION, _("Import personal data"), _("Imported from a spreadsheet")),
    (ANONYMISE_ACTION, _("Anonymise personal data"), _("Anonymised: cannot be undone")),
)


def register_log_actions(actions) -> None:
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)
    for model in (Mentor, Mentee, MentorshipPair):
        actions.register_model(model, PersonalDataLogEntry)


def log_for_each(objects, action: str, user, data: dict | None = None) -> int:
    """One entry per object, all sharing one uuid (the operation: anonymisation finds its
    other entries by it): the trail of each person. A queryset is
    read a chunk at a time, without the questionnaire answers, and written in batches; one
    of people is copied into the log by the database itself."""
    shared = {
        "action": action,
        "user": user,
        "uuid": uuid.uuid4(),
        "timestamp": timezone.now(),
        "data": data or {},
    }
    if isinstance(objects, QuerySet) and objects.model in LABEL_FIELDS:
        return _insert_selected(objects, shared)
    if isinstance(objects, QuerySet):
        model = objects.model
        if any(field.name == "questionnaire_answers" for field in model._meta.fields):
            objects = objects.defer("questionnaire_answers")
        objects = objects.iterator(chunk_size=BATCH)
    count, batch = 0, []
    for obj in objects:
        batch.append(
            PersonalDataLogEntry(
                content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
                object_id=str(obj.pk),
                label=str(obj)[:255],
                organization_id=getattr(obj, "organization_id", None),
                **shared,
            )
        )
        if len(batch) == BATCH:
            PersonalDataLogEntry.objects.bulk_create(batch)
            count, batch = count + len(batch), []
    PersonalDataLogEntry.objects.bulk_create(batch)
    return count + len(batch)


def _insert_selected(queryset, shared) -> int:
    """The entries of ``queryset``'s records, made by the database: the same rows as
    ``log_for_each`` builds, without reading a record into Python."""
    model = queryset.model
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    user = shared["user"]
    # Cast to the user model's key, whatever its type: PostgreSQL refuses a NULL of no type.
    user_key = PersonalDataLogEntry._meta.get_field("user").target_field
    columns = {  # the entry's field (its attname) → its value for each record
        "content_type_id": Value(content_type.pk, IntegerField()),
        "object_id": Cast("pk", CharField()),
        "label": Left(LABEL_FIELDS[model], 255),
        "organization_id": F("organization_id"),
        "action": Value(shared["action"], CharField()),
        "user_id": Cast(Value(user.pk if user else None), output_field=user_key),
        "uuid": Value(shared["uuid"], UUIDField()),
        "timestamp": Value(shared["timestamp"], DateTimeField()),
        "data": Value(shared["data"], JSONField(encoder=DjangoJSONEncoder)),
        "content_changed": Value(False, BooleanField()),
        "deleted": Value(False, BooleanField()),
    }
    return insert_selected(PersonalDataLogEntry, queryset, columns)


def record_import(report, user, upload=None, organization=None, subject=None):
    """The import's history entry, and its line in Wagtail's audit log with the user: on
    ``subject`` (the roadmap a table filled) or on the upload."""
    if upload is None:
        upload = SpreadsheetImport(
            target=report.target, filename=report.filename, user=user, organization=organization
        )
    upload.counts = report.counts
    upload.sheet = report.sheet
    upload.close(SpreadsheetImport.Status.APPLIED)
    log(
        subject or upload,
        IMPORT_ACTION,
        user=user,
        data={"file": report.filename, "target": report.target, "counts": report.counts},
    )
    return upload
