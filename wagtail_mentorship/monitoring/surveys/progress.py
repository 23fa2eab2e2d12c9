"""How far the survey rounds have come: invited and answered, counted in the rounds' own query,
for the rounds' listing and the dashboard."""

import datetime

from django.db.models import Count, Q

from ...access.policies import policy_for
from ...models.surveys import SurveyRound


def with_progress(rounds):
    """``rounds`` annotated with ``invited`` and ``answered`` (one query, whatever their number)."""
    answered = Q(invitations__submitted_at__isnull=False)
    return rounds.annotate(
        invited=Count("invitations"), answered=Count("invitations", filter=answered)
    )


def open_rounds(user, today: datetime.date):
    """The rounds open on ``today`` of the organisations ``user`` acts for, the soonest to
    close first, with their progress."""
    rounds = SurveyRound.objects.filter(opens_on__lte=today, closes_on__gte=today)
    visible = policy_for(SurveyRound).filter_for_user(user, rounds, ("view", "change"))
    return (
        with_progress(visible).select_related("survey", "organization").order_by("closes_on", "pk")
    )
