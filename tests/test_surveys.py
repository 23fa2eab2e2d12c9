"""Surveys: personal links, starting a round, the participant's form and the default surveys."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.people_builders import (
    CURATORS,
    login_client,
    make_mentee,
    make_mentor,
    make_pair,
    school,
)
from tests.survey_builders import fields, make_survey, round_for, survey_url, today, two_pairs
from wagtail_mentorship.models import Mentee, Organization
from wagtail_mentorship.models.surveys import (
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyRound,
)
from wagtail_mentorship.monitoring.surveys import tokens
from wagtail_mentorship.monitoring.surveys.invitations import invite

pytestmark = pytest.mark.django_db
ROUNDS_URL = "wagtailsnippets_wagtail_mentorship_surveyround:add"


def start_round(curator, survey, pairs, organization=None, days=7):
    """The curator starts a round of ``survey`` for ``pairs`` through the admin's form."""
    return curator.post(
        reverse(ROUNDS_URL),
        {
            "survey": survey.pk,
            "organization": (organization or school()).pk,
            "opens_on": today().isoformat(),
            "closes_on": (today() + datetime.timedelta(days=days)).isoformat(),
            "pairs": [pair.pk for pair in pairs],
        },
    )


# Tokens


def test_a_token_carries_at_least_128_bits_and_only_its_hash_is_kept():
    link = invite(round_for(make_survey(), two_pairs()))[0]
    assert len(link.token) >= 43  # 32 bytes in URL-safe base64
    stored = SurveyInvitation.objects.get(pk=link.invitation.pk)
    assert stored.token_hash == tokens.token_hash(link.token) != link.token
    assert link.token not in str(SurveyInvitation.objects.values_list())


def test_a_token_expires_after_the_rounds_last_day_in_the_sites_time_zone():
    round_ = round_for(make_survey(), two_pairs())
    invitation = invite(round_)[0].invitation
    last_day_end = timezone.make_aware(
        datetime.datetime.combine(round_.closes_on, datetime.time(23, 59))
    )
    assert not tokens.is_expired(invitation, now=last_day_end)
    assert tokens.is_expired(invitation, now=last_day_end + datetime.timedelta(minutes=1))


def test_a_token_opens_its_own_invitation_only(client):
    pairs = two_pairs()
    links = invite(round_for(make_survey(), pairs))
    other = invite(round_for(make_survey(title="Другая анкета"), pairs))
    assert tokens.invitation_for(links[0].token) == links[0].invitation
    assert tokens.invitation_for(links[0].token + "x") is None
    page = client.get(survey_url(links[0].token)).content.decode()
    assert "Анкета удовлетворённости" in page and "Другая анкета" not in page
    assert client.get(survey_url(other[1].token)).context["form"].invitation == other[1].invitation


def test_an_unknown_token_gets_a_russian_404_that_shows_nothing_of_the_base(client):
    invite(round_for(make_survey(), two_pairs()))
    response = client.get(survey_url("x" * 43))
    assert response.status_code == 404
    page = response.content.decode()
    assert "Ссылка не найдена" in page
    assert "Анкета удовлетворённости" not in page and "Смирнов" not in page


# Starting a round


def test_starting_a_round_for_mentees_links_each_mentee_and_mails_those_with_addresses(
    django_user_model,
):
    curator = login_client(django_user_model, CURATORS, "curator")
    pairs = two_pairs()
    survey = make_survey()
    response = start_round(curator, survey, pairs)
    assert response.status_code == 200, response.context["form"].errors
    round_ = SurveyRound.objects.get()
    assert round_.created_by == curator.user
    invitations = round_.invitations.order_by("mentee__full_name")
    assert [(i.mentee.full_name, i.by_representative) for i in invitations] == [
        ("Кузнецова Вера", False),
        ("Смирнов Илья", False),
    ]
    page = response.content.decode()
    assert page.count('class="segno"') == 2 and "/mentorship/survey/" in page
    # The minor's own invitation has no address of hers; the adult's goes to him.
    assert [m.to for m in mail.outbox] == [["smirnov@example.org"]]
    assert "/mentorship/survey/" in mail.outbox[0].body


def test_a_refused_address_leaves_its_link_to_hand_over_and_the_rest_go(
    django_user_model, mail_server, monkeypatch
):
    curator = login_client(django_user_model, CURATORS, "curator")
    pairs = two_pairs()
    Mentee.objects.filter(full_name="Кузнецова Вера").update(email="vera@example.org")
    monkeypatch.setattr(mail_server, "refused", {"vera@example.org"})
    response = start_round(curator, make_survey(), pairs)
    assert response.status_code == 200
    assert [m.to for m in mail.outbox] == [["smirnov@example.org"]]
    page = BeautifulSoup(response.content, "html.parser")
    assert "1 ссылка отправлена по электронной почте." in page.get_text()
    undelivered = page.select_one(".mentorship-survey-links__undelivered")
    assert "Почтовый сервер не принял 1 ссылку" in undelivered.get_text()
    assert [li.get_text() for li in undelivered.select("li")] == [
        "Кузнецова Вера (МАОУ «Лицей № 2», Нет согласия законного представителя "
        "(несовершеннолетний))"
    ]
    assert page.text.count("/mentorship/survey/") >= 2  # both links shown, to print
    assert SurveyRound.objects.get().invitations.count() == 2


def test_an_unreachable_mail_server_leaves_every_link_to_hand_over(
    django_user_model, mail_server, monkeypatch
):
    curator = login_client(django_user_model, CURATORS, "curator")
    monkeypatch.setattr(mail_server, "reachable", False)
    response = start_round(curator, make_survey(), two_pairs())
    assert response.status_code == 200 and not mail.outbox
    page = BeautifulSoup(response.content, "html.parser")
    assert "0 ссылок отправлено по электронной почте." in page.get_text()
    undelivered = page.select_one(".mentorship-survey-links__undelivered")
    assert [li.get_text() for li in undelivered.select("li")] == [
        "Смирнов Илья (МАОУ «Лицей № 2», Нет согласия)"
    ]
    assert SurveyRound.objects.get().invitations.count() == 2


def test_mentors_and_representatives_audiences():
    pairs = two_pairs()
    mentors = invite(round_for(make_survey(Survey.Audience.MENTORS), pairs))
    assert sorted(link.invitation.mentor.full_name for link in mentors) == [
        "Иванова Анна Петровна",
        "Петров Олег Ильич",
    ]
    representatives = invite(round_for(make_survey(Survey.Audience.REPRESENTATIVES), pairs))
    assert [
        (r.invitation.mentee.full_name, r.invitation.by_representative) for r in representatives
    ] == [("Кузнецова Вера", True)]
    assert representatives[0].invitation.email == "parent@example.org"


def test_a_curator_cannot_start_a_round_for_another_organisations_pairs(django_user_model):
    curator = login_client(django_user_model, CURATORS, "curator")
    other = Organization.objects.create(name="МБОУ «СОШ № 7»")
    foreign = make_pair(
        make_mentor("Чужой Наставник", organization=other),
        [make_mentee("Чужой Ученик", organization=other)],
    )
    response = start_round(curator, make_survey(), [foreign], organization=other, days=0)
    assert not SurveyRound.objects.exists()
    assert not SurveyInvitation.objects.exists()
    form = response.context["form"]
    assert "pairs" in form.errors and "organization" in form.errors
    assert "Чужой" not in response.content.decode()


def test_reissuing_a_link_kills_the_old_one(django_user_model, client):
    curator = login_client(django_user_model, CURATORS, "curator")
    round_ = round_for(make_survey(), two_pairs())
    old = invite(round_)[0]
    url = reverse(
        "wagtailsnippets_wagtail_mentorship_surveyround:reissue",
        args=[round_.pk, old.invitation.pk],
    )
    response = curator.post(url)
    assert response.status_code == 200
    assert tokens.invitation_for(old.token) is None
    assert client.get(survey_url(old.token)).status_code == 404
    new_path = response.content.decode().split("/mentorship/survey/")[1].split("/")[0]
    assert tokens.invitation_for(new_path) == old.invitation


# The participant's form


def answers(invitation):
    return {a.question.text: a.value for a in SurveyAnswer.objects.filter(invitation=invitation)}


def test_the_form_saves_shows_and_changes_the_answers(client):
    survey = make_survey()
    link = invite(round_for(survey, two_pairs()))[0]
    names = fields(survey)
    url = survey_url(link.token)
    response = client.post(url, {names["Комфорт"]: "8", names["Формат"]: "Онлайн"})
    assert response.status_code == 302
    assert answers(link.invitation) == {"Комфорт": 8, "Формат": "Онлайн", "Предложения": None}
    page = client.get(response["Location"]).content.decode()
    assert "Ваши ответы сохранены" in page
    assert 'value="8"' in page.split("checked")[0].rsplit("<input", 1)[1]
    client.post(url, {names["Комфорт"]: "9", names["Формат"]: "Онлайн"})
    assert answers(link.invitation)["Комфорт"] == 9
    link.invitation.refresh_from_db()
    assert link.invitation.submitted_at and link.invitation.updated_at


def test_required_and_scale_validation_in_russian(client):
    survey = make_survey()
    link = invite(round_for(survey, two_pairs()))[0]
    names = fields(survey)
    response = client.post(survey_url(link.token), {names["Комфорт"]: "11"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Выберите один из предложенных ответов." in page
    assert "Ответьте, пожалуйста, на этот вопрос." in page
    assert f'aria-describedby="id_{names["Формат"]}-error"' in page
    assert not SurveyAnswer.objects.exists()


def test_a_closed_round_refuses(client):
    survey = make_survey()
    round_ = round_for(survey, two_pairs(), opens_on=today() - datetime.timedelta(days=10),
                       closes_on=today() - datetime.timedelta(days=1))  # fmt: skip
    link = invite(round_)[0]
    response = client.post(survey_url(link.token), {fields(survey)["Комфорт"]: "5"})
    assert response.status_code == 410
    assert "Анкетирование завершено" in response.content.decode()
    assert not SurveyAnswer.objects.exists()


def test_the_default_surveys_exist_after_migrations():
    stages = set(Survey.objects.values_list("stage", "audience"))
    for stage in ("satisfaction", "growth_start", "growth_end"):
        assert {(stage, "mentors"), (stage, "mentees")} <= stages
    start = Survey.objects.get(stage="growth_start", audience="mentees")
    end = Survey.objects.get(stage="growth_end", audience="mentees")
    start_questions = list(start.questions.values_list("text", flat=True))
    assert "Уверенность в себе" in start_questions
    assert start_questions == list(end.questions.values_list("text", flat=True))


def test_the_rounds_listing_counts_the_answered_without_a_query_a_round(django_user_model):
    curator = login_client(django_user_model, CURATORS, "curator")
    survey = make_survey()
    listing = reverse("wagtailsnippets_wagtail_mentorship_surveyround:list")
    pairs = two_pairs()
    first = invite(round_for(survey, pairs))[0].invitation
    first.submitted_at = timezone.now()
    first.save(update_fields=["submitted_at"])
    curator.get(listing)
    with CaptureQueriesContext(connection) as one_round:
        response = curator.get(listing)
    assert "1 / 2" in response.content.decode()

    for _ in range(3):
        invite(round_for(survey, pairs))
    with CaptureQueriesContext(connection) as four_rounds:
        curator.get(listing)
    assert len(four_rounds) == len(one_round)


# Consent: the survey asks and takes answers only of people whose consent is in force.


def test_a_person_without_consent_is_not_invited_and_the_curator_is_told(django_user_model):
    curator = login_client(django_user_model, CURATORS, "curator")
    pairs = two_pairs()
    withdrawn = make_mentee(
        "Орлов Пётр", email="orlov@example.org",
        processing_consent_withdrawn=today() - datetime.timedelta(days=1),
    )  # fmt: skip
    pairs[0].mentees.add(withdrawn)
    pairs[0].save()  # modelcluster keeps the new mentee in memory until then
    survey = make_survey()
    response = start_round(curator, survey, pairs)
    assert response.status_code == 200, response.context["form"].errors
    invited = SurveyRound.objects.get().invitations.values_list("mentee__full_name", flat=True)
    assert sorted(invited) == ["Кузнецова Вера", "Смирнов Илья"]
    assert [m.to for m in mail.outbox] == [["smirnov@example.org"]]  # nothing to Орлов
    page = response.content.decode()
    assert "1 участник не приглашён" in page and "Орлов Пётр" in page


def test_a_link_stops_taking_answers_once_the_consent_is_withdrawn(client):
    survey = make_survey()
    pairs = two_pairs()
    link = next(
        link for link in invite(round_for(survey, pairs))
        if link.invitation.mentee.full_name == "Смирнов Илья"
    )  # fmt: skip
    assert client.get(survey_url(link.token)).status_code == 200
    mentee = link.invitation.mentee
    mentee.processing_consent_withdrawn = today()
    mentee.save()
    response = client.post(survey_url(link.token), {fields(survey)["Комфорт"]: "5"})
    assert response.status_code == 410
    assert "согласие на обработку персональных данных отозвано" in response.content.decode()
    assert not SurveyAnswer.objects.exists()
