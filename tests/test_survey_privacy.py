"""Survey answers follow the person: in their subject access record, out with anonymisation,
with their consent on the admin's pages of a round; and the open rounds on the dashboard."""

import datetime
import io

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.people_builders import (
    CONSENTED,
    CURATORS,
    login_client,
    make_mentee,
    make_mentor,
    make_pair,
    school,
)
from tests.survey_builders import fields, make_survey, round_for, survey_url, two_pairs
from wagtail_mentorship.admin.dashboard import open_round_items
from wagtail_mentorship.models import Mentee
from wagtail_mentorship.models.surveys import Survey, SurveyAnswer, SurveyInvitation
from wagtail_mentorship.monitoring.report import programme_report, programme_year_of
from wagtail_mentorship.monitoring.surveys.invitations import invite
from wagtail_mentorship.privacy.anonymise import anonymise

pytestmark = pytest.mark.django_db
ROUNDS = "wagtailsnippets_wagtail_mentorship_surveyround"
MENTEE_TEXT = "Больше встреч с Анной Петровной"
PARENT_TEXT = "Вера стала увереннее"
MENTOR_TEXT = "Вера Кузнецова пропустила две встречи"


def today():
    return timezone.localdate()


def answer(client, link, survey, comfort, choice, text):
    """The participant's own form, sent through their link."""
    names = fields(survey)
    data = {names["Комфорт"]: str(comfort), names["Формат"]: choice, names["Предложения"]: text}
    assert client.post(survey_url(link.token), data).status_code == 302


@pytest.fixture
def answered(client):
    """The minor of pair 2 answers, so does her legal representative and her mentor; the adult
    mentee of pair 1 answers too."""
    pair1, pair2 = two_pairs()
    surveys = {
        audience: make_survey(audience, title=f"Анкета: {audience}")
        for audience in Survey.Audience.values
    }
    mentees = {link.invitation.mentee.full_name: link for link in invite(
        round_for(surveys["mentees"], [pair1, pair2]))}  # fmt: skip
    parent = invite(round_for(surveys["representatives"], [pair2]))[0]
    mentor = invite(round_for(surveys["mentors"], [pair2]))[0]
    answer(client, mentees["Кузнецова Вера"], surveys["mentees"], 8, "Онлайн", MENTEE_TEXT)
    answer(client, parent, surveys["representatives"], 6, "Очно", PARENT_TEXT)
    answer(client, mentor, surveys["mentors"], 9, "Очно", MENTOR_TEXT)
    answer(client, mentees["Смирнов Илья"], surveys["mentees"], 4, "Очно", "Всё хорошо")
    return {
        "minor": Mentee.objects.get(full_name="Кузнецова Вера"),
        "mentor": pair2.mentor,
        "links": {"minor": mentees["Кузнецова Вера"], "parent": parent, "mentor": mentor},
        "surveys": surveys,
    }


# The subject access record


def survey_sheet(response):
    assert response.status_code == 200, response.status_code
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    (sheet,) = [s for s in workbook.worksheets if s.cell(1, 6).value == "Вопрос"]
    return [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_the_record_holds_the_persons_and_the_representatives_answers(answered, django_user_model):
    curator = login_client(django_user_model, CURATORS, "curator")
    minor = answered["minor"]
    record_url = reverse("wagtailsnippets_wagtail_mentorship_mentee:subject", args=[minor.pk])
    rows = survey_sheet(curator.get(record_url))

    opens, closes = (
        today().strftime("%d.%m.%Y"),
        (today() + datetime.timedelta(14)).strftime("%d.%m.%Y"),
    )
    answered_at = {
        key: timezone.localtime(
            type(link.invitation).objects.get(pk=link.invitation.pk).submitted_at
        ).strftime("%d.%m.%Y %H:%M")
        for key, link in answered["links"].items()
    }
    assert sorted(rows) == sorted(
        [
            ["Анкета: mentees", opens, closes, "Сам человек", answered_at["minor"], *qa]
            for qa in (["Комфорт", 8], ["Формат", "Онлайн"], ["Предложения", MENTEE_TEXT])
        ]
        + [
            ["Анкета: representatives", opens, closes, "Законный представитель",
             answered_at["parent"], *qa]
            for qa in (["Комфорт", 6], ["Формат", "Очно"], ["Предложения", PARENT_TEXT])
        ]
    )  # fmt: skip
    # Neither the mentor's answers about her nor another mentee's are hers.
    cells = {cell for row in rows for cell in row}
    assert not {MENTOR_TEXT, "Всё хорошо"} & cells

    mentor_url = reverse(
        "wagtailsnippets_wagtail_mentorship_mentor:subject", args=[answered["mentor"].pk]
    )
    mentor_rows = survey_sheet(curator.get(mentor_url))
    assert [row[5:] for row in mentor_rows] == [["Комфорт", 9], ["Формат", "Очно"],
                                                ["Предложения", MENTOR_TEXT]]  # fmt: skip


def test_an_unanswered_round_is_one_row_without_answers(django_user_model):
    curator = login_client(django_user_model, CURATORS, "curator")
    pair, _other = two_pairs()
    invite(round_for(make_survey(), [pair]))
    mentee = pair.mentees.get()
    url = reverse("wagtailsnippets_wagtail_mentorship_mentee:subject", args=[mentee.pk])
    (row,) = survey_sheet(curator.get(url))
    assert row[0] == "Анкета удовлетворённости" and row[4:] == [None, None, None]


# Anonymisation


def figures():
    report = programme_report([school()], programme_year_of(today()))
    (organisation,) = report.organizations
    means = [(m.survey, m.question, m.mean, m.answers) for m in organisation.scale_means]
    return organisation.invited, organisation.responded, means


def text_answers():
    rows = SurveyAnswer.objects.filter(question__kind="text", value__isnull=False)
    return set(rows.values_list("value", flat=True))


def test_anonymising_erases_the_text_keeps_the_figures_and_kills_the_links(answered, client):
    before = figures()
    assert before[:2] == (4, 4)
    assert text_answers() == {MENTEE_TEXT, PARENT_TEXT, MENTOR_TEXT, "Всё хорошо"}

    assert anonymise([answered["minor"]]) == 1

    # Her words, her representative's, and her mentor's about their pair are gone; another
    # pair's words stay.
    assert text_answers() == {"Всё хорошо"}
    assert figures() == before  # the scale answers are still counted, and the responses
    assert set(SurveyAnswer.objects.filter(question__text="Комфорт").values_list(
        "value", flat=True)) == {8, 6, 9, 4}  # fmt: skip
    for key in ("minor", "parent"):
        response = client.get(survey_url(answered["links"][key].token))
        assert response.status_code == 404, key
        assert "Анкета" not in response.content.decode()
    # The mentor is not anonymised: his link still opens his form.
    assert client.get(survey_url(answered["links"]["mentor"].token)).status_code == 200


def test_the_retention_command_does_the_same_for_a_withdrawn_consent(answered, client):
    minor = answered["minor"]
    Mentee.objects.filter(pk=minor.pk).update(
        **CONSENTED, processing_consent_withdrawn=today() - datetime.timedelta(days=1)
    )
    call_command("mentorship_anonymise", stdout=io.StringIO())
    assert Mentee.objects.get(pk=minor.pk).anonymised_at
    assert text_answers() == {"Всё хорошо"}
    assert client.get(survey_url(answered["links"]["minor"].token)).status_code == 404


# The round's pages follow consent


@pytest.fixture
def consent_round():
    mentor = make_mentor("Иванова Анна Петровна", **CONSENTED)
    consented = make_mentee("Согласная Ольга", **CONSENTED)
    withdrawn = make_mentee("Отозвавший Пётр", **CONSENTED)
    nobody = make_mentee("Без Согласия Иван")
    round_ = round_for(make_survey(), [make_pair(mentor, [consented, withdrawn, nobody])])
    links = invite(round_)
    withdrawn.processing_consent_withdrawn = today()  # after the links went out
    withdrawn.save()
    return round_, links


def test_the_participants_page_shows_each_persons_consent(consent_round, django_user_model):
    curator = login_client(django_user_model, CURATORS, "curator")
    round_, _links = consent_round
    page = curator.get(reverse(f"{ROUNDS}:invitations", args=[round_.pk]))
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    cells = [row.td.get_text(" ", strip=True) for row in soup.select("table.listing tbody tr")]
    where = str(school())
    assert sorted(cells) == sorted(
        [
            f"Без Согласия Иван ({where}, Нет согласия)",
            f"Отозвавший Пётр ({where}, Отозвано)",
            f"Согласная Ольга ({where}, Только обработка)",
        ]
    )


def test_the_links_page_tells_the_curator_the_consent_not_the_printed_slip(
    consent_round, django_user_model
):
    curator = login_client(django_user_model, CURATORS, "curator")
    round_, links = consent_round
    nobody = next(link for link in links if link.invitation.mentee.full_name.startswith("Без"))
    page = curator.post(reverse(f"{ROUNDS}:reissue", args=[round_.pk, nobody.invitation.pk]))
    soup = BeautifulSoup(page.content, "html.parser")
    caption = soup.select_one(".mentorship-survey-links__item figcaption")
    assert caption.strong.get_text() == "Без Согласия Иван"
    details = caption.select_one(".mentorship-survey-links__details").get_text()
    assert details == f"({school()}, Нет согласия)"
    styles = soup.select_one(".mentorship-survey-links").find_next("style").get_text()
    assert ".mentorship-survey-links__details" in styles.split("@media print")[1]


def test_a_minors_representative_shows_the_minors_consent(django_user_model):
    curator = login_client(django_user_model, CURATORS, "curator")
    minor = make_mentee("Кузнецова Вера", is_minor=True, **CONSENTED)  # her own, not a parent's
    round_ = round_for(
        make_survey(Survey.Audience.REPRESENTATIVES),
        [make_pair(make_mentor("Петров Олег"), [minor])],
    )
    invite(round_)
    page = curator.get(reverse(f"{ROUNDS}:invitations", args=[round_.pk])).content.decode()
    text = BeautifulSoup(page, "html.parser").select_one("table.listing tbody td").get_text()
    assert text == (
        f"Законный представитель: Кузнецова Вера ({school()}, "
        "Нет согласия законного представителя (несовершеннолетний))"
    )


# The dashboard


def home_panel(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one("#mentorship-summary-heading").find_parent("section")


def test_the_dashboard_lists_the_open_rounds_of_the_users_scope(django_user_model):
    curator = login_client(django_user_model, CURATORS, "curator")
    pair, other_pair = two_pairs()
    survey = make_survey()
    open_round = round_for(survey, [pair, other_pair])
    first = invite(open_round)[0].invitation
    first.submitted_at = timezone.now()
    first.save(update_fields=["submitted_at"])
    invite(
        round_for(survey, [pair], today() - datetime.timedelta(10), today() - datetime.timedelta(1))
    )  # fmt: skip  (closed)
    invite(round_for(survey, [pair], today() + datetime.timedelta(1)))  # not yet open
    elsewhere = school("МБОУ «СОШ № 9»")
    mentor = make_mentor("Чужой Наставник", organization=elsewhere)
    far = round_for(survey, [make_pair(mentor, [make_mentee("Чужая", organization=elsewhere)])])
    far.organization = elsewhere
    far.save()

    panel = home_panel(curator)
    items = panel.select(".mentorship-open-rounds li")
    assert len(items) == 1
    text = items[0].get_text(" ", strip=True)
    closes = (today() + datetime.timedelta(14)).strftime("%d.%m.%Y")
    assert text.startswith(f"Анкета удовлетворённости , {school()}")
    assert f"завершается {closes}" in text and "ответили 1 из 2" in text
    link = items[0].a["href"]
    assert link == reverse(f"{ROUNDS}:invitations", args=[open_round.pk])
    assert curator.get(link).status_code == 200
    # The summary keeps its seven numbers; the rounds are a list of their own.
    assert len(panel.select(".w-summary__list a")) == 7
    assert panel.select_one(".mentorship-my-activities") is None  # no activity of his


def test_the_open_rounds_cost_one_query_however_many(django_user_model):
    curator = login_client(django_user_model, CURATORS, "curator")
    pairs = two_pairs()
    survey = make_survey()
    invite(round_for(survey, pairs))
    home_panel(curator)
    with CaptureQueriesContext(connection) as one_round:
        home_panel(curator)
    with CaptureQueriesContext(connection) as queries:
        items, more = open_round_items(curator.user)
    # The rounds and their answered counts: one query (the others are the user's scope).
    counting = [q["sql"] for q in queries if "surveyinvitation" in q["sql"]]
    assert (len(items), more, len(counting)) == (1, False, 1)
    assert "surveyround" in counting[0] and "COUNT(" in counting[0]

    for _ in range(6):
        invite(round_for(survey, pairs))
    with CaptureQueriesContext(connection) as seven_rounds:
        panel = home_panel(curator)
    assert len(seven_rounds) == len(one_round)
    assert len(panel.select(".mentorship-open-rounds li")) == 5
    more_link = panel.select_one(".mentorship-open-rounds + p a")
    assert more_link["href"] == reverse(f"{ROUNDS}:list")


def test_someone_who_sees_no_people_gets_no_panel(django_user_model):
    editor = login_client(django_user_model, "Editors", "editor")
    invite(round_for(make_survey(), list(two_pairs())))
    response = editor.get(reverse("wagtailadmin_home"))
    assert b"mentorship-open-rounds" not in response.content


def test_no_new_link_for_a_person_who_withdrew_consent(consent_round, django_user_model):
    curator = login_client(django_user_model, CURATORS, "curator")
    round_, links = consent_round
    withdrawn = next(link for link in links if link.invitation.mentee.full_name.startswith("От"))
    old_hash = SurveyInvitation.objects.get(pk=withdrawn.invitation.pk).token_hash
    url = reverse(f"{ROUNDS}:reissue", args=[round_.pk, withdrawn.invitation.pk])
    page = curator.post(url, follow=True)
    assert "Отозвавший Пётр отозвал(а) согласие на обработку персональных данных" in (
        page.content.decode()
    )
    assert SurveyInvitation.objects.get(pk=withdrawn.invitation.pk).token_hash == old_hash
    assert not mail.outbox
