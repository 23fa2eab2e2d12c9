"""A survey round on a phone, from start to report: a curator starts the end-of-programme
survey of two pairs' mentees, a mentee answers by the personal link without an account and
changes an answer, and the curator reads the response rate and the growth in the report."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import log_in, restore_migrated_data
from tests.people_builders import CURATORS, SCHOOL, make_mentee, make_mentor, make_pair, school
from wagtail_mentorship.models.surveys import Survey, SurveyAnswer, SurveyRound
from wagtail_mentorship.monitoring.report import programme_year_of, year_bounds
from wagtail_mentorship.monitoring.surveys.invitations import invite

PHONE = {"width": 375, "height": 800}
SMIRNOV, KUZNETSOVA = "Смирнов Илья Андреевич", "Кузнецова Анна Сергеевна"
END_SURVEY = "Оценка наставляемого в конце программы"
# The growth questions' answers at the start: «Уверенность в себе», «Учебная мотивация»,
# «Навыки общения», «Понимание своих целей», «Умение работать в команде».
START_ANSWERS = {SMIRNOV: [3, 5, 6, 4, 5], KUZNETSOVA: [6, 5, 4, 6, 7]}

# Both rounds of the year: 2 invitations at the start, both answered; 2 at the end, one.
# «Уверенность в себе»: (3 + 6) / 2 = 4.5 at the start, 8 at the end (changed from 7);
# «Умение работать в команде»: (5 + 7) / 2 = 6 at the start, 7 at the end.
FIGURES = {
    "Приглашений к анкетированию": "4",
    "Заполнено анкет": "3",
    "Доля ответивших": "75,0 %",
    "Рост, наставляемые: Уверенность в себе": "4,5 → 8,0 (+3,5)",
    "Рост, наставляемые: Умение работать в команде": "6,0 → 7,0 (+1,0)",
}


@pytest.fixture
def programme(site_url):
    """The school's two active pairs and their mentees' growth survey at the start of the
    programme year, answered by both; (server URL, curators' group)."""
    base_url, _home = site_url
    restore_migrated_data()  # the default surveys and the groups' rights, after flushes
    mentees = {}
    for mentor, mentee in (
        ("Иванова Мария Петровна", SMIRNOV),
        ("Петров Олег Николаевич", KUZNETSOVA),
    ):
        mentees[mentee] = make_mentee(mentee)
        make_pair(make_mentor(mentor), [mentees[mentee]])
    today = timezone.localdate()
    starts_on, _ends_on = year_bounds(programme_year_of(today))
    round_ = SurveyRound.objects.create(
        survey=Survey.objects.get(stage="growth_start", audience="mentees"),
        organization=school(),
        opens_on=starts_on,
        closes_on=min(starts_on + datetime.timedelta(days=14), today),
    )
    round_.pairs.set(mentees[SMIRNOV].pairs.all() | mentees[KUZNETSOVA].pairs.all())
    questions = list(round_.survey.questions.order_by("sort_order"))
    for link in invite(round_):
        values = START_ANSWERS[link.invitation.mentee.full_name]
        SurveyAnswer.objects.bulk_create(
            SurveyAnswer(invitation=link.invitation, question=q, value=v)
            for q, v in zip(questions, values, strict=True)
        )
        link.invitation.submitted_at = timezone.make_aware(
            datetime.datetime.combine(round_.closes_on, datetime.time(12))
        )
        link.invitation.save(update_fields=["submitted_at"])
    return base_url, Group.objects.get(name=CURATORS)


def open_menu_item(page, group, item):
    """The admin's sidebar, folded away on a phone: its toggle, a group, then an item."""
    page.get_by_role("button", name="Переключить боковую панель").click()
    sidebar = page.locator("#wagtail-sidebar")
    sidebar.get_by_role("button", name=group).click()
    sidebar.get_by_role("link", name=item).click()


def start_end_round(page):
    """From the rounds' listing, the end-of-programme survey for both pairs, open a week."""
    page.get_by_role("link", name="Начать анкетирование").first.click()
    expect(page.get_by_role("heading", name="Новое анкетирование")).to_be_visible()
    page.get_by_role("button", name="Выбрать анкету").click()
    page.locator(".modal-content").get_by_role("link", name=END_SURVEY).click()
    expect(page.locator("#id_survey")).not_to_have_value("")
    today = timezone.localdate()
    for field, day in (("#id_opens_on", today), ("#id_closes_on", today + datetime.timedelta(7))):
        page.locator(field).fill(f"{day:%Y-%m-%d}")
        page.keyboard.press("Escape")  # closes the date picker over the form
    page.get_by_label(f"Иванова Мария Петровна → {SMIRNOV}").check()
    page.get_by_label(f"Петров Олег Николаевич → {KUZNETSOVA}").check()
    page.get_by_role("button", name="Сохранить").click()


def answer_as_the_mentee(browser, link):
    """In a browser of their own, with no account: every scale at 7, then one changed to 8."""
    context = browser.new_context(locale="ru-RU", viewport=PHONE)
    page = context.new_page()
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(END_SURVEY)
    assert "Иванова" not in page.content()  # nothing of the pair but the survey itself
    questions = page.get_by_role("group")
    expect(questions).to_have_count(5)  # the growth survey's five scales
    for n in range(5):
        questions.nth(n).get_by_label("7", exact=True).check()
    page.get_by_role("button", name="Отправить ответы").click()
    expect(page.get_by_role("status")).to_contain_text("Ваши ответы сохранены")

    page.goto(link)  # comes back later
    confidence = page.get_by_role("group", name="Уверенность в себе")
    expect(confidence.get_by_label("7", exact=True)).to_be_checked()
    confidence.get_by_label("8", exact=True).check()
    page.get_by_role("button", name="Сохранить изменения").click()
    expect(page.get_by_role("status")).to_contain_text("Ваши ответы изменены")
    context.close()


def test_a_round_from_start_to_report_on_a_phone(page, browser, programme):
    base_url, curators = programme
    page.set_viewport_size(PHONE)
    log_in(page, base_url, "curator", curators, [school()])
    open_menu_item(page, "Наставничество", "Анкетирования")
    expect(page.get_by_role("heading", level=1)).to_have_text("Анкетирования")
    start_end_round(page)
    # The links page: each participant's personal link, shown this once.
    expect(page.get_by_role("heading", level=1)).to_have_text(END_SURVEY)
    expect(page.locator(".mentorship-survey-links")).to_contain_text("показываются только один раз")
    links = page.locator(".mentorship-survey-links__item")
    expect(links).to_have_count(2)
    link = links.filter(has_text=SMIRNOV).get_by_role("link").get_attribute("href")
    answer_as_the_mentee(browser, link)

    open_menu_item(page, "Наставничество", "Анкетирования")
    row = page.locator("table.listing tbody tr", has_text=END_SURVEY)
    expect(row).to_contain_text("1 / 2")  # answered / invited

    open_menu_item(page, "Отчеты", "Мониторинг программы")
    year = programme_year_of(timezone.localdate())
    page.get_by_label("Организация", exact=True).select_option(label=SCHOOL)
    page.get_by_label("Учебный год", exact=True).select_option(label=f"{year}/{year + 1}")
    page.get_by_role("button", name="Показать").click()
    expect(page.get_by_role("heading", name=f"Учебный год {year}/{year + 1}")).to_be_visible()
    for figure, value in FIGURES.items():
        header = page.get_by_role("rowheader", name=figure, exact=True)
        expect(page.get_by_role("row").filter(has=header).get_by_role("cell")).to_have_text(value)
