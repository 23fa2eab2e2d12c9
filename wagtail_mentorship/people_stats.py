"""Counts and querysets the curator's dashboard and reports share."""

from .consent import processing_in_force_q
from .filters import with_current_pair
from .models import Mentee, Mentor, MentorshipPair

WAITING_STATUSES = (Mentee.Status.CANDIDATE, Mentee.Status.IN_PROGRAMME)


def mentees_without_mentor():
    """Mentees still in the programme who are in no forming or active pair."""
    return with_current_pair(Mentee.objects.filter(status__in=WAITING_STATUSES)).filter(
        has_current_pair=False
    )


def summary_counts() -> dict[str, int]:
    no_consent = ~processing_in_force_q()
    return {
        "mentors": Mentor.objects.count(),
        "mentees": Mentee.objects.count(),
        "active_pairs": MentorshipPair.objects.filter(status=MentorshipPair.Status.ACTIVE).count(),
        "without_mentor": mentees_without_mentor().count(),
        "without_consent": Mentor.objects.filter(no_consent).count()
        + Mentee.objects.filter(no_consent).count(),
    }


def can_see_people(user) -> bool:
    return user.has_perm("wagtail_mentorship.view_mentee") or user.has_perm(
        "wagtail_mentorship.change_mentee"
    )
