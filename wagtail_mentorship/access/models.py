"""Records of the access capability: the audit trail of personal data, kept per organisation."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import BaseLogEntry
from wagtail.models.audit_log import ModelLogEntryManager

from .policies import POLICIES
from .scope import scope_for


class PersonalDataLogEntryManager(ModelLogEntryManager):
    def log_action(self, instance, action, **kwargs):
        kwargs.setdefault("organization_id", getattr(instance, "organization_id", None))
        return super().log_action(instance, action, **kwargs)

    def viewable_by_user(self, user):
        """Entries about people of the user's organisations, for a user with rights on
        that kind of record: Wagtail's site history and each record's history ask this."""
        if user.is_active and user.is_superuser:
            return self.all()
        readable = [
            ContentType.objects.get_for_model(policy.model).pk
            for policy in POLICIES.values()
            if policy.user_has_any_permission(user, ["view", "change"])
        ]
        return self.filter(scope_for(user).q("organization"), content_type_id__in=readable)


class SealedCollection(models.Model):
    """The collection of scanned consents, sealed against rights on parent collections
    (``collections.py``): a record, so that renaming the collection unseals nothing."""

    collection = models.OneToOneField(
        "wagtailcore.Collection", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("sealed collection")
        verbose_name_plural = _("sealed collections")

    def __str__(self):
        return str(self.collection)


class PersonalDataLogEntry(BaseLogEntry):
    """Wagtail's log entry for mentors, mentees and pairs, with the organisation whose
    curators may read it (a curator of another school sees no name in the site history)."""

    object_id = models.CharField(max_length=255, db_index=True)
    organization = models.ForeignKey(
        "wagtail_mentorship.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PersonalDataLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("personal data log entry")
        verbose_name_plural = _("personal data log entries")

    def __str__(self):
        return f"{self.action} {self.object_id}"


class OrganizationTrailMixin:
    """A record's log entries follow its organisation: when a pupil moves to another school,
    the old school's curators no longer read their history."""

    @classmethod
    def from_db(cls, db, field_names, values, *args, **kwargs):
        obj = super().from_db(db, field_names, values, *args, **kwargs)  # fetch_mode, Django 6.1
        obj._loaded_organization_id = obj.__dict__.get("organization_id")
        return obj

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        loaded = getattr(self, "_loaded_organization_id", self.organization_id)
        if loaded != self.organization_id:
            entries = PersonalDataLogEntry.objects.for_instance(self)
            entries.update(organization_id=self.organization_id)
        self._loaded_organization_id = self.organization_id
