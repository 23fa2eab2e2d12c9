"""Personal survey links: a random token shown once, only its SHA-256 hash kept.

A token opens the one invitation whose hash it matches, until the end of its round's last day
in the site's time zone. 32 random bytes (256 bits) cannot be guessed; a leaked database holds
only hashes, which open nothing.
"""

import datetime

from django.utils import timezone

from ...models.surveys import SurveyInvitation
from ...secret_links import new_token, token_hash


def expiry_for(round_) -> datetime.datetime:
    """The first moment after the round's last day, in the site's time zone."""
    day_after = round_.closes_on + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day_after, datetime.time.min))


def issue(invitation: SurveyInvitation) -> str:
    """Gives ``invitation`` a new token (the old one dies) and returns it: it is not kept."""
    token = new_token()
    invitation.token_hash = token_hash(token)
    invitation.expires_at = expiry_for(invitation.round)
    invitation.save(update_fields=["token_hash", "expires_at"] if invitation.pk else None)
    return token


def invitation_for(token: str) -> SurveyInvitation | None:
    """The invitation ``token`` opens, expired or not; None for a token that opens nothing."""
    if not token or len(token) > 128:
        return None
    return (
        SurveyInvitation.objects.select_related(
            "round__survey", "round__organization", "mentor", "mentee"
        )
        .filter(token_hash=token_hash(token))
        .first()
    )


def is_expired(invitation: SurveyInvitation, now=None) -> bool:
    return (now or timezone.now()) >= invitation.expires_at
