"""The secret link of a user's private calendar feed.

Only the SHA-256 of the token is stored: the full link is shown once, when it is made, and a
copy of the database opens nobody's calendar. A user has one link at a time; making a new one
or revoking it closes the old one.
"""

import hmac

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..secret_links import new_token, token_hash


class CalendarFeedTokenQuerySet(models.QuerySet):
    def issue(self, user) -> str:
        """A new token for the user, replacing any earlier one; the only time it is known."""
        token = new_token()
        self.update_or_create(
            user=user, defaults={"token_hash": token_hash(token), "last_used_at": None}
        )
        return token

    def find(self, token: str):
        """The live token record of a link, or None. The lookup is by the hash, so an unknown
        token costs as long as a known one; the final comparison is constant-time."""
        digest = token_hash(token)
        record = self.filter(token_hash=digest).select_related("user").first()
        if record is None or not hmac.compare_digest(record.token_hash, digest):
            return None
        if not record.user.is_active:
            return None
        return record


class CalendarFeedToken(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mentorship_calendar_token",
        verbose_name=_("user"),
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    objects = CalendarFeedTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar link")
        verbose_name_plural = _("calendar links")

    def __str__(self):
        return str(self.user)

    def mark_used(self) -> None:
        """Records the request without touching anything the feed shows."""
        self.last_used_at = timezone.now()
        type(self).objects.filter(pk=self.pk).update(last_used_at=self.last_used_at)
