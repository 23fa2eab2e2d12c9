"""Records of the access capability: the audit trail of personal data, kept per organisation."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import BaseLogEntry
from wagtail.models.audit_log import LogEntryQuerySet, ModelLogEntryManager

from .policies import POLICIES
from .scope import scope_for


class PersonalDataLogEntryQuerySet(LogEntryQuerySet):
    def latest_by_uuid_and_action(self):
        """The latest entry of each operation and action *of each record*. An import or an
        export logs every person under one uuid (anonymisation finds the operation's entries
        by it); grouped over all records, as Wagtail's history groups, only one person's
        history would show the operation."""
        latest = (
            self.model._default_manager.filter(
                uuid=models.OuterRef("uuid"),
                action=models.OuterRef("action"),
                content_type=models.OuterRef("content_type"),
                object_id=models.OuterRef("object_id"),
            )
            .order_by("-timestamp", "-id")
            .values("id")[:1]
        )
        return self.filter(models.Q(uuid__isnull=True) | models.Q(id=models.Subquery(latest)))


class PersonalDataLogEntryManager(ModelLogEntryManager):
    def get_queryset(self):
        return PersonalDataLogEntryQuerySet(self.model, using=self._db)

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


class LoadedValuesMixin:
    """Remembers the values of ``tracked_fields`` as they were read from the database, so
    that ``save`` can tell what changed (a file field by its file's name)."""

    tracked_fields = ()

    @classmethod
    def from_db(cls, db, field_names, values, *args, **kwargs):
        obj = super().from_db(db, field_names, values, *args, **kwargs)  # fetch_mode, Django 6.1
        obj.remember_loaded()
        return obj

    def remember_loaded(self) -> None:
        self._loaded = {name: self._current(name) for name in self.tracked_fields}

    def _current(self, name):
        value = self.__dict__.get(name)
        return getattr(value, "name", value)  # a FieldFile by its name

    def loaded(self, name):
        """The value when read from the database; ``None`` for a record never saved."""
        return getattr(self, "_loaded", {}).get(name)

    def changed_since_loaded(self, name) -> bool:
        return hasattr(self, "_loaded") and self.loaded(name) != self._current(name)


class OrganizationTrailMixin(LoadedValuesMixin):
    """A record's log entries follow its organisation: when a pupil moves to another school,
    the old school's curators no longer read their history."""

    tracked_fields = ("organization_id",)

    def save(self, *args, **kwargs):
        moved = self.changed_since_loaded("organization_id")
        super().save(*args, **kwargs)
        if moved:
            entries = PersonalDataLogEntry.objects.for_instance(self)
            entries.update(organization_id=self.organization_id)
        self.remember_loaded()
