"""Who a round asks, their personal links and the e-mails that carry them."""

import logging
import smtplib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from ...models.surveys import Survey, SurveyInvitation
from ...people.consent import processing_withdrawn
from . import tokens

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IssuedLink:
    """An invitation with its token, shown to the curator once: the token is not kept."""

    invitation: SurveyInvitation
    token: str

    @property
    def path(self) -> str:
        return reverse("wagtail_mentorship_survey", args=[self.token])


def audience_of(pair, audience: str):
    """(mentor, mentee, by_representative) for each person of ``pair`` the audience names."""
    if audience == Survey.Audience.MENTORS:
        yield pair.mentor, None, False
        return
    for mentee in pair.mentees.all():
        if audience == Survey.Audience.MENTEES:
            yield None, mentee, False
        elif mentee.is_minor:  # an adult mentee has no legal representative to ask
            yield None, mentee, True


def participants_of(pair, audience: str):
    """Those of ``audience_of`` who have not withdrawn their consent to processing: the others
    are neither asked nor written to."""
    for mentor, mentee, by_representative in audience_of(pair, audience):
        if not processing_withdrawn(mentor or mentee):
            yield mentor, mentee, by_representative


def round_pairs(round_):
    return round_.pairs.select_related("mentor__organization").prefetch_related(
        "mentees__organization"
    )


def left_out(round_) -> list:
    """The people of the round's audience not invited: they withdrew their consent."""
    return [
        mentor or mentee
        for pair in round_pairs(round_)
        for mentor, mentee, _by in audience_of(pair, round_.survey.audience)
        if processing_withdrawn(mentor or mentee)
    ]


@transaction.atomic
def invite(round_) -> list[IssuedLink]:
    """One invitation for each participant of the round's pairs the survey's audience names."""
    issued = []
    for pair in round_pairs(round_):
        for mentor, mentee, by_representative in participants_of(pair, round_.survey.audience):
            invitation = SurveyInvitation(
                round=round_,
                pair=pair,
                mentor=mentor,
                mentee=mentee,
                by_representative=by_representative,
            )
            issued.append(IssuedLink(invitation, tokens.issue(invitation)))
    return issued


def reissue(invitation: SurveyInvitation) -> IssuedLink:
    """A lost link replaced: a new token, and the old one opens nothing any more."""
    return IssuedLink(invitation, tokens.issue(invitation))


@dataclass
class Mailing:
    """What ``send_links`` did: how many links went out, and whose could not."""

    sent: int = 0
    undelivered: list = field(default_factory=list)  # the invitations not mailed


def send_links(request, links: list[IssuedLink]) -> Mailing:
    """E-mails each link to its participant where an address exists. A mail server that
    refuses an address leaves that link undelivered; one that cannot be reached, every link
    still to send. The links are shown to the curator all the same, to hand over."""
    mailing = Mailing()
    addressed = [link for link in links if link.invitation.email]
    for number, link in enumerate(addressed):
        try:
            mailing.sent += _send(request, link)
        except smtplib.SMTPRecipientsRefused:
            mailing.undelivered.append(link.invitation)
        except (smtplib.SMTPException, OSError) as error:
            logger.warning("Survey links not mailed, the mail server failed: %r", error)
            mailing.undelivered.extend(other.invitation for other in addressed[number:])
            break
    return mailing


def _send(request, link: IssuedLink) -> int:
    survey = link.invitation.round.survey
    body = _(
        "Hello!\n\nPlease answer the survey «%(title)s» by following your personal link:\n"
        "%(url)s\n\nThe link is yours alone; it works until %(date)s."
    ) % {
        "title": survey.title,
        "url": request.build_absolute_uri(link.path),
        "date": f"{link.invitation.round.closes_on:%d.%m.%Y}",
    }
    subject = _("Survey: %(title)s") % {"title": survey.title}
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [link.invitation.email])
