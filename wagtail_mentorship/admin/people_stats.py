"""Counts and querysets the curator's dashboard and reports share."""

from ..access.policies import policy_for
from ..models import Mentee, Mentor, MentorshipPair
from ..people.consent import ConsentState
from .filters import consent_state_q, with_current_pair

WAITING_STATUSES = (Mentee.Status.CANDIDATE, Mentee.Status.IN_PROGRAMME)


def mentees_without_mentor():
    """Mentees still in the programme who are in no forming or active pair."""
    return with_current_pair(Mentee.objects.filter(status__in=WAITING_STATUSES)).filter(
        has_current_pair=False
    )


def summary_counts(user) -> dict[str, int]:
    """The programme in numbers, of the organisations ``user`` acts for.

    Each number is the size of a list the dashboard links to, counted by that list's own
    filter: «no consent» is the listings' ``consent=none``."""
    mentors, mentees, pairs = (
        policy_for(model).filter_for_user(user, model.objects.all(), ("change",))
        for model in (Mentor, Mentee, MentorshipPair)
    )
    no_consent = consent_state_q(ConsentState.NONE)
    return {
        "mentors": mentors.count(),
        "mentees": mentees.count(),
        "active_pairs": pairs.filter(status=MentorshipPair.Status.ACTIVE).count(),
        "without_mentor": mentees_without_mentor().filter(pk__in=mentees.values("pk")).count(),
        "mentors_without_consent": mentors.filter(no_consent).count(),
        "mentees_without_consent": mentees.filter(no_consent).count(),
    }


def can_see_people(user) -> bool:
    return policy_for(Mentee).user_has_any_permission(user, ["view", "change"])
