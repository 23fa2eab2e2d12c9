"""Finished surveys of the demo school's mentees, with answers, so that the surveys' admin,
the monitoring report and the public results show figures as a curator finds them after a
term: the growth survey at the start of a programme year and at its end, and the satisfaction
survey at its end, all in the same programme year."""

import datetime

from django.utils import timezone

from wagtail_mentorship.models import MentorshipPair
from wagtail_mentorship.models.surveys import Survey, SurveyAnswer, SurveyQuestion, SurveyRound
from wagtail_mentorship.monitoring.report import programme_year_of, year_bounds
from wagtail_mentorship.monitoring.surveys.invitations import invite

# Answers of the demo's mentees, in turn: invented, a little different each.
SCALE_ANSWERS = (9, 8, 10, 7, 8, 9)
TEXT_ANSWERS = (
    "Больше встреч перед олимпиадой",
    "Всё понравилось",
    "Хотелось бы заниматься и летом",
)
# The growth survey's scales (confidence, motivation, communication, goals, teamwork): each
# mentee's answers at the start and at the end of the year.
GROWTH_START = ((4, 5, 5, 3, 6), (5, 4, 6, 4, 5), (3, 6, 4, 5, 4))
GROWTH_END = ((7, 7, 8, 6, 7), (8, 6, 7, 7, 8), (6, 8, 7, 7, 6))
# The third mentee has not answered the end of the programme yet: a response rate below 100 %.
SILENT_AT_THE_END = 2
# Days into the programme year before its own rounds fit: the start's in September and the
# end's, closed a month before today, after it.
DAYS_FOR_BOTH_ROUNDS = 75


def round_dates(today: datetime.date) -> dict[str, tuple[datetime.date, datetime.date]]:
    """Each stage's (opens_on, closes_on), all in one programme year and closed by ``today``:
    the current year once it has run long enough, else the year before (its end in May)."""
    year = programme_year_of(today)
    starts_on, _ends_on = year_bounds(year)
    if (today - starts_on).days >= DAYS_FOR_BOTH_ROUNDS:
        end_closes = today - datetime.timedelta(days=30)
    else:
        starts_on, _ends_on = year_bounds(year - 1)
        end_closes = datetime.date(year, 5, 25)
    start = (starts_on + datetime.timedelta(days=7), starts_on + datetime.timedelta(days=21))
    end = (end_closes - datetime.timedelta(days=14), end_closes)
    return {
        Survey.Stage.GROWTH_START: start,
        Survey.Stage.GROWTH_END: end,
        Survey.Stage.SATISFACTION: end,
    }


def survey_year(today: datetime.date) -> int:
    """The programme year of the demo's rounds."""
    return programme_year_of(round_dates(today)[Survey.Stage.GROWTH_START][0])


def satisfaction_answers(n: int, questions) -> list:
    return [
        SCALE_ANSWERS[(n + i) % len(SCALE_ANSWERS)]
        if question.kind == SurveyQuestion.Kind.SCALE
        else TEXT_ANSWERS[n % len(TEXT_ANSWERS)]
        for i, question in enumerate(questions)
    ]


def in_turn(answers: tuple, n: int, questions) -> list:
    """The ``n``-th mentee's row of ``answers``, one value for each question."""
    row = answers[n % len(answers)]
    return [row[i % len(row)] for i in range(len(questions))]


def growth_start_answers(n: int, questions) -> list:
    return in_turn(GROWTH_START, n, questions)


def growth_end_answers(n: int, questions) -> list | None:
    return None if n == SILENT_AT_THE_END else in_turn(GROWTH_END, n, questions)


ANSWERS = {
    Survey.Stage.GROWTH_START: growth_start_answers,
    Survey.Stage.GROWTH_END: growth_end_answers,
    Survey.Stage.SATISFACTION: satisfaction_answers,
}


def ensure_finished_round(organization, stage, dates) -> bool:
    """The mentees' survey of ``stage`` for the school's active pairs, answered; True when
    made now (a school has one demo round of each survey)."""
    survey = Survey.objects.filter(stage=stage, audience=Survey.Audience.MENTEES).first()
    if (
        survey is None
        or SurveyRound.objects.filter(organization=organization, survey=survey).exists()
    ):
        return False
    opens_on, closes_on = dates
    round_ = SurveyRound.objects.create(
        survey=survey, organization=organization, opens_on=opens_on, closes_on=closes_on
    )
    round_.pairs.set(
        MentorshipPair.objects.filter(
            organization=organization, status=MentorshipPair.Status.ACTIVE
        )
    )
    answered_at = timezone.make_aware(
        datetime.datetime.combine(closes_on - datetime.timedelta(days=3), datetime.time(12))
    )
    answered_kinds = (SurveyQuestion.Kind.SCALE, SurveyQuestion.Kind.TEXT)
    questions = [q for q in survey.questions.order_by("sort_order") if q.kind in answered_kinds]
    for n, link in enumerate(invite(round_)):
        values = ANSWERS[stage](n, questions)
        if values is None:
            continue
        SurveyAnswer.objects.bulk_create(
            SurveyAnswer(invitation=link.invitation, question=question, value=value)
            for question, value in zip(questions, values, strict=True)
        )
        link.invitation.submitted_at = answered_at
        link.invitation.save(update_fields=["submitted_at"])
    return True


def ensure_survey_rounds(organization) -> int:
    """The school's finished rounds of the programme year; how many were made now."""
    dates = round_dates(timezone.localdate())
    return sum(ensure_finished_round(organization, stage, dates[stage]) for stage in ANSWERS)
