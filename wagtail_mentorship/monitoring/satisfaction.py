"""The mean satisfaction per audience and how many people it is computed from: one aggregate
query for any number of organisations, answers and rounds.

The monitoring report keeps a mean per question and counts answers, not people: a mentor with
three pairs answers a round three times. What is published needs the people, so they are
counted here, over exactly the answers the report takes (sent, scale, in the year's rounds).
"""

from dataclasses import dataclass

from django.db.models import Avg, Count, F, FloatField
from django.db.models.functions import Cast

from ..models.surveys import Survey, SurveyAnswer, SurveyQuestion
from .report import year_bounds


@dataclass(frozen=True)
class AudienceSatisfaction:
    audience: str  # Survey.Audience
    mean: float  # of every scale answer of the audience's satisfaction surveys
    answers: int
    people: int  # the distinct mentors or mentees who gave those answers


def satisfaction_by_audience(organization_ids, year: int) -> dict[int, list[AudienceSatisfaction]]:
    """Per organisation, the audiences that answered a satisfaction survey in ``year``."""
    rows = (
        SurveyAnswer.objects.filter(
            question__kind=SurveyQuestion.Kind.SCALE,
            question__survey__stage=Survey.Stage.SATISFACTION,
            invitation__pair__organization__in=list(organization_ids),
            invitation__submitted_at__isnull=False,
            invitation__round__opens_on__range=year_bounds(year),
            value__isnull=False,
        )
        .values(
            organization=F("invitation__pair__organization"),
            audience=F("question__survey__audience"),
        )
        .annotate(
            mean=Avg(Cast("value", FloatField())),
            answers=Count("pk"),
            # An invitation names a mentor or a mentee, never both: the sum counts each once.
            mentors=Count("invitation__mentor", distinct=True),
            mentees=Count("invitation__mentee", distinct=True),
        )
        .order_by("audience")
    )
    found = {}
    for row in rows:
        found.setdefault(row["organization"], []).append(
            AudienceSatisfaction(
                row["audience"], row["mean"], row["answers"], row["mentors"] + row["mentees"]
            )
        )
    return found
