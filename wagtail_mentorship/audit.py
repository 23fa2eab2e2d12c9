"""Audit-log entries for what is done with personal data in bulk (exports, imports).

Creating, editing and deleting a single person is logged by Wagtail's own snippet views.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Mentee, Mentor, MentorshipPair, PersonalDataLogEntry

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
    """One entry per object (one query), all sharing one uuid: the trail of each person."""
    objects = list(objects)
    if not objects:
        return 0
    content_type = ContentType.objects.get_for_model(type(objects[0]), for_concrete_model=False)
    shared = {
        "content_type": content_type,
        "action": action,
        "user": user,
        "uuid": uuid.uuid4(),
        "timestamp": timezone.now(),
        "data": data or {},
    }
    PersonalDataLogEntry.objects.bulk_create(
        PersonalDataLogEntry(
            object_id=str(obj.pk),
            label=str(obj)[:255],
            organization_id=getattr(obj, "organization_id", None),
            **shared,
        )
        for obj in objects
    )
    return len(objects)
