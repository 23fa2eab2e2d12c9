"""Counts and querysets the curator's dashboard and reports share."""

from ..access.policies import policy_for
from ..models import Mentee, Mentor, MentorshipPair
from ..people.consent import processing_in_force_q
from .filters import with_current_pair

WAITING_STATUSES = (Mentee.Status.CANDIDATE, Mentee.Status.IN_PROGRAMME)


def mentees_without_mentor():
    """Mentees still in the programme who are in no forming or active pair."""
    return with_current_pair(Mentee.objects.filter(status__in=WAITING_STATUSES)).filter(
        has_current_pair=False
    )


def summary_counts(user) -> dict[str, int]:
    """The programme in five numbers, of the organisations ``user`` acts for."""
    mentors, mentees, pairs = (
        policy_for(model).filter_for_user(user, model.objects.all(), ("change",))
        for model in (Mentor, Mentee, MentorshipPair)
    )
    no_consent = ~processing_in_force_q()
    return {
        "mentors": mentors.count(),
        "mentees": mentees.count(),
        "active_pairs": pairs.filter(status=MentorshipPair.Status.ACTIVE).count(),
        "without_mentor": mentees_without_mentor().filter(pk__in=mentees.values("pk")).count(),
        "without_consent": mentors.filter(no_consent).count() + mentees.filter(no_consent).count(),
    }


def can_see_people(user) -> bool:
    return policy_for(Mentee).user_has_any_permission(user, ["view", "change"])
