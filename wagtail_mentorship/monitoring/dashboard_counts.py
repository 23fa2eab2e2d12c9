"""The programme in numbers for the dashboard: each the size of a list it links to."""

from ..access.policies import policy_for
from ..models import Mentee, Mentor, MentorshipPair
from ..people.consent import ConsentState, consent_state_q
from .activities import overdue_activities


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
        "without_mentor": mentees.without_mentor().count(),
        "mentors_without_consent": mentors.filter(no_consent).count(),
        "mentees_without_consent": mentees.filter(no_consent).count(),
        "overdue_activities": overdue_activities(user).count(),
    }


def can_see_people(user) -> bool:
    return policy_for(Mentee).user_has_any_permission(user, ["view", "change"])
