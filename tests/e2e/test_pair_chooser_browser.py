"""A curator forms a pair in the browser through the choosers: two pupils of one name are told
apart by their class, and the right one joins the pair."""

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import axe_violations, describe_violations
from tests.people_builders import CONSENTED, make_mentee, make_mentor
from wagtail_mentorship.models import MentorshipPair

NAMESAKE = "Волкова Виктория Андреевна"
MENTOR = "Иванова Мария Петровна"


def widget_violations(page) -> list[dict]:
    """axe's WCAG violations in the mentees' chooser widget (Wagtail's own page aside)."""
    mine = ("mentorship-multiple-chooser", "data-chosen", "data-open-chooser")
    return [
        violation
        for violation in axe_violations(page)
        if any(mark in node["html"] for node in violation["nodes"] for mark in mine)
    ]


@pytest.fixture
def people(curator):
    mentor = make_mentor(MENTOR, position="Учитель физики", capacity=2, **CONSENTED)
    younger = make_mentee(NAMESAKE, class_name="7 Б", **CONSENTED)
    older = make_mentee(NAMESAKE, class_name="9 А", **CONSENTED)
    make_mentee("Петров Иван Сергеевич", class_name="9 А", **CONSENTED)
    return mentor, younger, older


def test_the_curator_picks_the_right_namesake(curator, people):
    page, base_url = curator
    mentor, _younger, older = people
    page.goto(f"{base_url}/admin/snippets/wagtail_mentorship/mentorshippair/add/")

    page.get_by_role("button", name="Выбрать наставника").click()
    modal = page.locator(".modal-content")
    modal.get_by_role("link", name=MENTOR).click()
    expect(page.locator("#id_mentor-title")).to_contain_text("Учитель физики")

    expect(modal).to_be_hidden()  # the page is inert until the modal has gone
    page.get_by_role("button", name="Выбрать наставляемых").click()
    modal.locator("#id_q").fill("Волкова")
    rows = modal.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(modal.locator("tbody")).not_to_contain_text("Петров")
    rows.filter(has_text="9 А").locator("input[type=checkbox]").check()
    modal.locator("[data-multiple-choice-submit]").click()
    expect(modal).to_be_hidden()

    chosen = page.locator("[data-chosen-items] [data-chosen-item]")
    expect(chosen).to_have_count(1)
    expect(chosen).to_contain_text("9 А")
    expect(chosen).to_contain_text("Только обработка")
    assert not widget_violations(page), describe_violations(widget_violations(page))

    page.locator("button.action-save").click()
    expect(page.locator(".messages")).to_contain_text(MENTOR)
    pair = MentorshipPair.objects.get(mentor=mentor)
    assert list(pair.mentees.all()) == [older]
