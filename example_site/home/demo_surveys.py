"""A finished satisfaction survey of the demo school's mentees, with answers, so that the
surveys' admin shows a round as a curator finds it after the term."""

import datetime

from django.utils import timezone

from wagtail_mentorship.models import MentorshipPair
from wagtail_mentorship.models.surveys import Survey, SurveyAnswer, SurveyQuestion, SurveyRound
from wagtail_mentorship.monitoring.surveys.invitations import invite

# Answers of the demo's mentees, in turn: invented, a little different each.
SCALE_ANSWERS = (9, 8, 10, 7, 8, 9)
TEXT_ANSWERS = (
    "Больше встреч перед олимпиадой",
    "Всё понравилось",
    "Хотелось бы заниматься и летом",
)


def ensure_survey_round(organization) -> bool:
    """The round of the school's active pairs, closed a month ago; True when made now."""
    survey = Survey.objects.filter(stage="satisfaction", audience="mentees").first()
    if survey is None or SurveyRound.objects.filter(organization=organization).exists():
        return False
    closed = timezone.localdate() - datetime.timedelta(days=30)
    round_ = SurveyRound.objects.create(
        survey=survey,
        organization=organization,
        opens_on=closed - datetime.timedelta(days=14),
        closes_on=closed,
    )
    round_.pairs.set(
        MentorshipPair.objects.filter(
            organization=organization, status=MentorshipPair.Status.ACTIVE
        )
    )
    answered_at = timezone.now() - datetime.timedelta(days=35)
    questions = list(survey.questions.order_by("sort_order"))
    for n, link in enumerate(invite(round_)):
        SurveyAnswer.objects.bulk_create(
            SurveyAnswer(
                invitation=link.invitation,
                question=question,
                value=(
                    SCALE_ANSWERS[(n + i) % len(SCALE_ANSWERS)]
                    if question.kind == SurveyQuestion.Kind.SCALE
                    else TEXT_ANSWERS[n % len(TEXT_ANSWERS)]
                ),
            )
            for i, question in enumerate(questions)
            if question.kind in (SurveyQuestion.Kind.SCALE, SurveyQuestion.Kind.TEXT)
        )
        link.invitation.submitted_at = answered_at
        link.invitation.save(update_fields=["submitted_at"])
    return True
