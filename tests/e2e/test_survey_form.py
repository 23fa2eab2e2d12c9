"""A mentee opens the personal survey link on a phone, answers, comes back and changes one."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.conftest import restore_migrated_data
from tests.people_builders import make_mentee, make_mentor, make_pair, school
from wagtail_mentorship.models.surveys import Survey, SurveyAnswer, SurveyRound
from wagtail_mentorship.monitoring.surveys.invitations import invite


def mentee_link():
    restore_migrated_data()  # the default surveys, after the live server's flushes
    survey = Survey.objects.get(stage="satisfaction", audience="mentees")
    pair = make_pair(make_mentor("Иванова Анна Петровна"), [make_mentee("Смирнов Илья")])
    today = timezone.localdate()
    round_ = SurveyRound.objects.create(
        survey=survey,
        organization=school(),
        opens_on=today,
        closes_on=today + datetime.timedelta(days=7),
    )
    round_.pairs.set([pair])
    return survey, invite(round_)[0]


def test_a_mentee_answers_on_a_phone_and_changes_an_answer(page, site_url):
    base_url, _home = site_url
    survey, link = mentee_link()
    scales = list(survey.questions.filter(kind="scale"))
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(base_url + link.path)
    expect(page.get_by_role("heading", level=1)).to_have_text(survey.title)
    assert "Иванова" not in page.content() and "Смирнов" not in page.content()
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Отправить ответы").click()  # nothing answered yet
    expect(page.get_by_role("alert")).to_contain_text("Проверьте ответы")
    assert_no_axe_violations(page)

    for question in scales:
        page.get_by_role("group", name=question.text).get_by_label("7", exact=True).check()
    page.get_by_role("button", name="Отправить ответы").click()
    expect(page.get_by_role("status")).to_contain_text("Ваши ответы сохранены")

    page.goto(base_url + link.path)  # comes back later
    first = page.get_by_role("group", name=scales[0].text)
    expect(first.get_by_label("7", exact=True)).to_be_checked()
    first.get_by_label("9", exact=True).check()
    page.get_by_role("button", name="Сохранить изменения").click()
    expect(page.get_by_role("status")).to_contain_text("Ваши ответы изменены")
    assert SurveyAnswer.objects.get(invitation=link.invitation, question=scales[0]).value == 9
    assert SurveyAnswer.objects.get(invitation=link.invitation, question=scales[1]).value == 7
