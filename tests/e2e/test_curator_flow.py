"""A curator, not a superuser, forms a mentorship pair in the admin: mentor, mentee, suggestion,
pair, active; and a minor's pair cannot become active without the representative's consent."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from wagtail_mentorship.models import Mentee, MentorshipForm, MentorshipPair

SNIPPETS = "/admin/snippets/wagtail_mentorship"
FORM = "Учитель – учитель"
MENTOR = "Иванова Мария Петровна"
COMPETENCIES = "Подготовка к олимпиадам, классное руководство, проектная деятельность"
REQUEST = "Помощь с подготовкой к олимпиадам и классным руководством"


@pytest.fixture(autouse=True)
def teachers_form(transactional_db):
    """The form the mentor and mentee choose (data migrations' rows are flushed here)."""
    MentorshipForm.objects.get_or_create(name=FORM)


def save(page):
    page.locator("button.action-save").click()


def fill_date(page, selector, value):
    page.locator(selector).fill(value)
    page.keyboard.press("Escape")  # closes the date picker over the form


def create_mentor(page, base_url):
    page.goto(f"{base_url}{SNIPPETS}/mentor/add/")
    expect(page.locator("#header-title")).to_have_text("Новый наставник")
    page.locator("#id_full_name").fill(MENTOR)
    page.locator("#id_email").fill("ivanova@school1.example")
    page.locator("#id_category").select_option(label="Педагог")
    page.locator("#id_status").select_option(label="Утверждён(а)")
    page.locator("#id_capacity").fill("2")
    page.get_by_label(FORM).check()
    page.locator("#id_competencies").fill(COMPETENCIES)
    save(page)
    expect(page.locator(".messages")).to_contain_text(MENTOR)
    row = page.locator("table.listing tbody tr", has_text=MENTOR)
    for text in ("Педагог", "0 / 2", "Нет согласия", "Утверждён(а)"):
        expect(row).to_contain_text(text)


def create_mentee(page, base_url, name, *, minor):
    """Creates the mentee and leaves the curator on the mentees' listing."""
    page.goto(f"{base_url}{SNIPPETS}/mentee/add/")
    expect(page.locator("#header-title")).to_have_text("Новый наставляемый")
    page.locator("#id_full_name").fill(name)
    page.get_by_label(FORM).check()
    page.locator("#id_request").fill(REQUEST)
    if minor:  # no consent yet: the representative has not signed it
        page.locator("#id_category").select_option(label="Обучающийся")
        page.locator("#id_class_name").fill("8 «Б»")
    else:
        page.locator("#id_category").select_option(label="Молодой специалист")
        page.locator("#id_is_minor").uncheck()
        # The date last: its picker opens over the fields below it.
        fill_date(page, "#id_processing_consent_date", "2025-09-01")
        page.locator("#id_processing_consent_by").select_option(label="Сам человек")
    save(page)
    expect(page.locator(".messages")).to_contain_text(name)
    row = page.locator("table.listing tbody tr", has_text=name)
    expect(row).to_contain_text("Нет согласия" if minor else "Только обработка")


def create_mentor_and_mentee(page, base_url, mentee_name, *, minor) -> Mentee:
    """The mentor and a mentee, created in the admin; the mentee as saved."""
    create_mentor(page, base_url)
    create_mentee(page, base_url, mentee_name, minor=minor)
    return Mentee.objects.get(full_name=mentee_name)


def form_pair_from_suggestion(page, mentee_name):
    """From the listing to the mentee's inspect page, then the suggested mentor's button."""
    page.get_by_role("button", name=f"Дополнительные опции для '{mentee_name}'").click()
    page.get_by_role("link", name="Просмотр").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Просмотр: {mentee_name}")
    expect(page.get_by_role("heading", name="Предлагаемые наставники")).to_be_visible()
    suggestion = page.locator(".mentorship-suggestion")
    expect(suggestion).to_have_count(1)
    expect(suggestion.locator("strong")).to_have_text(MENTOR)
    # Both were created by a curator of one school, so both are of that school.
    # The mentor states no preferred grade: half of those 10 points.
    expect(suggestion.locator(".mentorship-score")).to_have_text("совпадение 95 из 100")
    expect(suggestion).to_contain_text("Согласие наставника: нет согласия")
    expect(suggestion.locator("li")).to_have_text(
        [
            f"Подходит форма: «{FORM}»",
            f"Запрос: „{REQUEST}“ — компетенции: „Подготовка к олимпиадам“, „классное руководство“",
            "Свободно 2 места из 2",
            "Та же организация",
            f"Нет согласия на обработку персональных данных: {MENTOR}.",
        ]
    )
    suggestion.get_by_role("button", name=f"Сформировать пару: {MENTOR}").click()

    expect(page).to_have_url(re.compile(rf"{SNIPPETS}/mentorshippair/edit/\d+/$"))
    expect(page.locator(".messages")).to_contain_text(
        f"Пара «{MENTOR} → {mentee_name}» создана в статусе «Формируется»."
    )
    expect(page.locator("#id_status")).to_have_value("forming")


def make_active(page):
    page.locator("#id_status").select_option(label="Действует")
    save(page)


def test_curator_forms_an_active_pair(curator):
    page, base_url = curator
    mentee_name = "Смирнов Алексей Игоревич"
    mentee = create_mentor_and_mentee(page, base_url, mentee_name, minor=False)
    assert mentee.processing_consent_date == datetime.date(2025, 9, 1)
    assert not mentee.is_minor

    form_pair_from_suggestion(page, mentee_name)
    make_active(page)
    expect(page.locator(".messages")).to_contain_text(
        f"Изменения пары (группы) «{MENTOR} → {mentee_name}» сохранены."
    )

    page.goto(f"{base_url}{SNIPPETS}/mentorshippair/?status=active")
    rows = page.locator("table.listing tbody tr")
    expect(rows).to_have_count(1)
    for text in (MENTOR, mentee_name, FORM, "Действует"):
        expect(rows).to_contain_text(text)

    pair = MentorshipPair.objects.get()
    assert pair.status == MentorshipPair.Status.ACTIVE
    assert pair.mentor.full_name == MENTOR
    assert list(pair.mentees.all()) == [mentee]
    assert pair.form.name == FORM


def test_minor_pair_cannot_start_without_representative_consent(curator):
    page, base_url = curator
    mentee_name = "Кузнецова Анна"
    mentee = create_mentor_and_mentee(page, base_url, mentee_name, minor=True)
    assert mentee.is_minor and mentee.processing_consent_date is None

    form_pair_from_suggestion(page, mentee_name)
    make_active(page)
    expect(page.locator(".messages")).to_contain_text("не сохранены: исправьте ошибки")
    status_field = page.locator(".w-field", has=page.locator("#id_status"))
    expect(status_field.locator(".error-message")).to_have_text(
        "Пара не может начать работу: нет согласия законного представителя"
        f" на обработку персональных данных ({mentee_name})."
    )
    expect(page.locator("#id_status")).to_have_value("active")  # the form keeps the choice…

    page.goto(f"{base_url}{SNIPPETS}/mentorshippair/")  # …but the pair does not start
    row = page.locator("table.listing tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Формируется")
    assert MentorshipPair.objects.get(mentees=mentee).status == MentorshipPair.Status.FORMING
    assert MentorshipPair.objects.count() == 1
