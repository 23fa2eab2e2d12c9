"""Surveys, rounds and the two pairs the survey tests ask."""

import datetime

from django.urls import reverse
from django.utils import timezone

from tests.people_builders import make_mentee, make_mentor, make_pair, school
from wagtail_mentorship.models.surveys import Survey, SurveyQuestion, SurveyRound


def today():
    return timezone.localdate()


def make_survey(audience=Survey.Audience.MENTEES, title="Анкета удовлетворённости"):
    survey = Survey.objects.create(title=title, stage="satisfaction", audience=audience)
    SurveyQuestion.objects.create(survey=survey, sort_order=0, kind="scale", text="Комфорт")
    SurveyQuestion.objects.create(
        survey=survey, sort_order=1, kind="choice", text="Формат", choices="Очно\nОнлайн"
    )
    SurveyQuestion.objects.create(
        survey=survey, sort_order=2, kind="text", text="Предложения", required=False
    )
    return survey


def two_pairs():
    """Pair 1: a mentor with an adult mentee; pair 2: a mentor with a minor whose
    representative has an address."""
    mentor1 = make_mentor("Иванова Анна Петровна", email="ivanova@example.org")
    mentor2 = make_mentor("Петров Олег Ильич")
    adult = make_mentee("Смирнов Илья", email="smirnov@example.org")
    minor = make_mentee(
        "Кузнецова Вера",
        is_minor=True,
        representative_name="Кузнецова Ольга",
        representative_email="parent@example.org",
    )
    return make_pair(mentor1, [adult]), make_pair(mentor2, [minor])


def round_for(survey, pairs, opens_on=None, closes_on=None):
    round_ = SurveyRound.objects.create(
        survey=survey,
        organization=school(),
        opens_on=opens_on or today(),
        closes_on=closes_on or today() + datetime.timedelta(days=14),
    )
    round_.pairs.set(pairs)
    return round_


def survey_url(token):
    return reverse("wagtail_mentorship_survey", args=[token])


def fields(survey):
    return {q.text: f"q{q.pk}" for q in survey.questions.all()}
