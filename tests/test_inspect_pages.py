"""Inspect pages connect: a mentor's page lists their pairs and current mentees, a pair's page
its mentees and meetings and what keeps it from becoming active; empty values read «—»."""

import datetime

import pytest
from bs4 import BeautifulSoup
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
from wagtail_mentorship.models import MentorshipPair, PairMeeting

Status = MentorshipPair.Status


def url(snippet, view, *args):
    return reverse(f"wagtailsnippets_wagtail_mentorship_{snippet}:{view}", args=args)


@pytest.fixture
def curator(db, django_user_model):
    return login_client(django_user_model, CURATORS, "curator")


def inspect(client, snippet, pk) -> dict:
    """The page's rows: label → the value's element."""
    response = client.get(url(snippet, "inspect", pk))
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    rows = {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in page.select("main dt")}
    assert "None" not in page.select_one("main").get_text()
    return rows


def links(value) -> dict:
    return {a.get_text(strip=True): a["href"] for a in value.select("a")}


def test_a_mentors_page_lists_their_pairs_and_current_mentees(curator):
    mentor = make_mentor("Иванова Мария", capacity=3, **CONSENTED)
    ivan, olga, petr = (make_mentee(n, **CONSENTED) for n in ("Иван", "Ольга", "Пётр"))
    current = make_pair(mentor, [ivan, olga], Status.ACTIVE, start_date=datetime.date(2025, 9, 1))
    past = make_pair(mentor, [petr], Status.COMPLETED)

    rows = inspect(curator, "mentor", mentor.pk)
    pairs = rows["Пары"]
    assert set(links(pairs).values()) == {
        url("mentorshippair", "inspect", current.pk),
        url("mentorshippair", "inspect", past.pk),
    }
    assert "Действует, с 01.09.2025" in pairs.get_text() and "Завершена" in pairs.get_text()
    mentees = links(rows["Текущие наставляемые"])
    assert mentees == {
        "Иван": url("mentee", "inspect", ivan.pk),
        "Ольга": url("mentee", "inspect", olga.pk),
    }


def test_a_mentor_without_pairs_reads_a_dash(curator):
    mentor = make_mentor("Иванова Мария")
    rows = inspect(curator, "mentor", mentor.pk)
    assert rows["Пары"].get_text(strip=True) == "—"
    assert rows["Текущие наставляемые"].get_text(strip=True) == "—"


def test_a_pairs_page_lists_mentees_and_meetings_and_reads_dashes(curator):
    mentor = make_mentor("Иванова Мария", capacity=2, **CONSENTED)
    pupil = make_mentee("Волкова Виктория", class_name="7 Б", **CONSENTED)
    pair = make_pair(mentor, [pupil], Status.ACTIVE, start_date=datetime.date(2025, 9, 1))
    day = timezone.localdate()
    PairMeeting.objects.create(pair=pair, kind="planning", date=day, notes="План на четверть")

    rows = inspect(curator, "mentorshippair", pair.pk)
    assert links(rows["Наставник"]) == {"Иванова Мария": url("mentor", "inspect", mentor.pk)}
    mentees = rows["Наставляемые"]
    assert links(mentees) == {"Волкова Виктория": url("mentee", "inspect", pupil.pk)}
    assert "7 Б" in mentees.get_text() and school().name in mentees.get_text()
    meetings = rows["Встречи"].select("tbody tr")
    assert len(meetings) == 1
    assert "План на четверть" in meetings[0].get_text()
    assert "Встреча-планирование" in meetings[0].get_text()
    assert f"{day:%d.%m.%Y}" in meetings[0].get_text()
    for empty in ("Дата окончания", "Индивидуальный план развития", "Результат"):
        assert rows[empty].get_text(strip=True) == "—", empty


def test_a_pairs_page_says_what_keeps_it_from_becoming_active(curator):
    mentor = make_mentor("Иванова Мария", **CONSENTED)
    minor = make_mentee("Волкова Виктория", is_minor=True)
    pair = make_pair(mentor, [minor], Status.FORMING)
    page = BeautifulSoup(
        curator.get(url("mentorshippair", "inspect", pair.pk)).content, "html.parser"
    )
    blockers = page.select_one("[data-activation-blockers]")
    assert "Волкова Виктория" in blockers.get_text()
    assert "законного представителя" in blockers.get_text()


def test_no_questionnaire_answers_read_a_dash(curator):
    mentee = make_mentee("Иван Сидоров")
    rows = inspect(curator, "mentee", mentee.pk)
    assert rows["Другие ответы анкеты"].get_text(strip=True) == "—"
