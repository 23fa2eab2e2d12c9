"""Consents under 152-ФЗ, and the one place that decides what of a person a public page shows.

Consent to processing (art. 9) and consent to publication («распространение», art. 10.1) are
kept apart, each with its date, who gave it and, once withdrawn, the date of withdrawal.
Publication consent is given per item: name, photo, achievements. Public templates never read
a person's fields: they get a ``PublicProfile`` from ``public_profile()``.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ConsentGiver(models.TextChoices):
    PERSON = "person", _("The person themself")
    REPRESENTATIVE = "representative", _("Legal representative")


class ConsentState(models.TextChoices):
    NONE = "none", _("No consent")
    PROCESSING = "processing", _("Processing only")
    PUBLICATION = "publication", _("Processing and publication")
    WITHDRAWN = "withdrawn", _("Withdrawn")


def _in_force(given: datetime.date | None, withdrawn: datetime.date | None, today) -> bool:
    return given is not None and given <= today and (withdrawn is None or withdrawn > today)


def today() -> datetime.date:
    return timezone.localdate()


def may_process(person, on: datetime.date | None = None) -> bool:
    on = on or today()
    return _in_force(person.processing_consent_date, person.processing_consent_withdrawn, on)


def processing_withdrawn(person, on: datetime.date | None = None) -> bool:
    """The person has said no to processing (art. 9, 21 of 152-FZ): nothing more is asked of
    them. (A consent never recorded is the curator's to collect, not a refusal.)"""
    withdrawn = person.processing_consent_withdrawn
    return withdrawn is not None and withdrawn <= (on or today())


def may_publish(person, on: datetime.date | None = None) -> bool:
    """Publication needs both consents in force: no processing, no publication."""
    on = on or today()
    return may_process(person, on) and _in_force(
        person.publication_consent_date, person.publication_consent_withdrawn, on
    )


def consent_state(person, on: datetime.date | None = None) -> str:
    on = on or today()
    if may_publish(person, on):
        return ConsentState.PUBLICATION
    if may_process(person, on):
        return ConsentState.PROCESSING
    withdrawn = (person.processing_consent_withdrawn, person.publication_consent_withdrawn)
    if any(day and day <= on for day in withdrawn):  # a withdrawal recorded ahead waits its day
        return ConsentState.WITHDRAWN
    return ConsentState.NONE


def processing_in_force_q(prefix: str = "", on: datetime.date | None = None) -> Q:
    """The same rule as ``may_process``, as a query filter (``prefix`` like ``"mentor__"``)."""
    on = on or today()
    return Q(**{f"{prefix}processing_consent_date__lte": on}) & (
        Q(**{f"{prefix}processing_consent_withdrawn__isnull": True})
        | Q(**{f"{prefix}processing_consent_withdrawn__gt": on})
    )


def withdrawn_q(prefix: str = "", on: datetime.date | None = None) -> Q:
    """A consent withdrawn by ``on``: the rule of ``consent_state``, as a query filter."""
    on = on or today()
    return Q(**{f"{prefix}processing_consent_withdrawn__lte": on}) | Q(
        **{f"{prefix}publication_consent_withdrawn__lte": on}
    )


def publication_in_force_q(prefix: str = "", on: datetime.date | None = None) -> Q:
    on = on or today()
    return (
        processing_in_force_q(prefix, on)
        & Q(**{f"{prefix}publication_consent_date__lte": on})
        & (
            Q(**{f"{prefix}publication_consent_withdrawn__isnull": True})
            | Q(**{f"{prefix}publication_consent_withdrawn__gt": on})
        )
    )


@dataclass(frozen=True)
class PublicProfile:
    """What of a person a public page may show; a field is empty when not consented to."""

    name: str
    photo: object | None
    achievements: str

    def __bool__(self) -> bool:
        return bool(self.name or self.photo or self.achievements)


NOTHING = PublicProfile(name="", photo=None, achievements="")


def public_profile(person, on: datetime.date | None = None) -> PublicProfile:
    if person is None or not may_publish(person, on):
        return NOTHING
    return PublicProfile(
        name=person.full_name if person.publish_name else "",
        photo=person.photo if person.publish_photo else None,
        achievements=getattr(person, "achievements", "") if person.publish_achievements else "",
    )


def consent_date_errors(person) -> dict:
    """Field errors of a person's consent dates and givers, in the curator's language."""
    errors = {}
    for kind in ("processing", "publication"):
        given = getattr(person, f"{kind}_consent_date")
        withdrawn = getattr(person, f"{kind}_consent_withdrawn")
        if given and not getattr(person, f"{kind}_consent_by"):
            errors[f"{kind}_consent_by"] = [_("Say who gave the consent.")]
        if withdrawn and not given:
            errors[f"{kind}_consent_withdrawn"] = [
                _("A consent that was never given cannot be withdrawn.")
            ]
        elif withdrawn and withdrawn < given:
            errors[f"{kind}_consent_withdrawn"] = [
                _("Consent cannot be withdrawn before it was given.")
            ]
    if person.publication_consent_date and not person.processing_consent_date:
        errors.setdefault("publication_consent_date", []).append(
            _("Consent to publication needs consent to processing first.")
        )
    return errors


def minor_consent_errors(mentee) -> dict:
    """Field errors of a minor's consents: the legal representative gives them, by name."""
    errors = {}
    if not mentee.is_minor:
        return errors
    for field in ("processing_consent_by", "publication_consent_by"):
        if getattr(mentee, field) == ConsentGiver.PERSON:
            errors[field] = [_("For a minor, consent is given by the legal representative.")]
    if mentee.processing_consent_by and not mentee.representative_name:
        errors["representative_name"] = [_("Name the legal representative who gave the consent.")]
    return errors


def consent_state_q(state: str) -> Q:
    """The people whose consent is in ``state`` today: the listings' filter and the
    dashboard's counts, so that a count is the size of the list it opens."""
    processing, publication = processing_in_force_q(), publication_in_force_q()
    withdrawn = withdrawn_q()
    return {
        ConsentState.PUBLICATION: publication,
        ConsentState.PROCESSING: processing & ~publication,
        ConsentState.WITHDRAWN: ~processing & withdrawn,
        ConsentState.NONE: ~processing & ~withdrawn,
    }[state]
