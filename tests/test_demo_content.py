"""The example site's demo content: complete seed roadmaps, loaded once however often it runs."""

import datetime
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from home.demo_content import DATA_DIR, ROADMAP_FILES
from home.demo_surveys import round_dates
from wagtail_mentorship.models import (
    BestPracticePage,
    HonorBoardPage,
    Mentee,
    Mentor,
    MentorshipPair,
    RoadmapActivity,
    RoadmapPage,
    StagePage,
)
from wagtail_mentorship.models.surveys import SurveyRound
from wagtail_mentorship.monitoring.report import programme_year_of
from wagtail_mentorship.people.pair_rules import pair_errors

# «Фамилия И.О.» or «И.О. Фамилия»: how the seeds name people.
PERSON_NAME = re.compile(r"[А-ЯЁ][а-яё]+ [А-ЯЁ]\.\s?[А-ЯЁ]\.|[А-ЯЁ]\.\s?[А-ЯЁ]\. [А-ЯЁ][а-яё]+")


def seed(name):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", [*ROADMAP_FILES, "practices.json"])
def test_demo_data_names_no_real_person(name):
    assert PERSON_NAME.findall((DATA_DIR / name).read_text(encoding="utf-8")) == []


@pytest.mark.django_db
def test_loading_twice_creates_everything_once(client, capsys):
    call_command("load_demo_content")
    counts = (
        Page.objects.count(),
        RoadmapActivity.objects.count(),
        BestPracticePage.objects.count(),
    )
    call_command("load_demo_content")
    assert (
        Page.objects.count(),
        RoadmapActivity.objects.count(),
        BestPracticePage.objects.count(),
    ) == counts
    assert "0 roadmaps, 0 best practices and 0 people created" in capsys.readouterr().out
    assert client.get("/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("name", ROADMAP_FILES)
def test_every_seed_activity_is_on_the_public_roadmap(client, name):
    call_command("load_demo_content")
    data = seed(name)
    roadmap = RoadmapPage.objects.get(slug=data["slug"])
    html = client.get(roadmap.url).content.decode()
    text = re.sub(r"\s+", " ", BeautifulSoup(html, "html.parser").get_text(" "))
    stages = StagePage.objects.child_of(roadmap).live()
    assert [stage.title for stage in stages] == [stage["title"] for stage in data["stages"]]
    for stage in data["stages"]:
        for activity in stage["activities"]:
            for field in ("title", "content", "timing", "responsible", "result"):
                expected = re.sub(r"\s+", " ", activity[field]).strip()
                assert expected in text, (field, expected)


@pytest.mark.django_db
def test_home_page_links_both_roadmaps_and_practices(client):
    call_command("load_demo_content")
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    menu = {a.get_text(strip=True): a["href"] for a in soup.select("nav.site-menu a")}
    for name in ROADMAP_FILES:
        assert seed(name)["title"] in menu
    assert "Лучшие практики наставничества" in menu
    assert len(soup.select(".mentorship-summary")) == 2
    assert len(soup.select(".mentorship-latest .mentorship-card")) == 3


def printed_logins(output) -> dict[str, str]:
    """login → password, from the lines «  login  password XXXX  (role)»."""
    found = re.findall(r"^\s+(\S+)\s+password (\S+)", output, re.MULTILINE)
    return dict(found)


@pytest.mark.django_db
def test_admin_option_prints_working_credentials(client, capsys):
    call_command("load_demo_content", admin=True)
    logins = printed_logins(capsys.readouterr().out)
    assert set(logins) == {"admin", "coordinator", "curator-school4", "curator-school7"}
    assert client.login(username="admin", password=logins["admin"])
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_each_demo_curator_sees_their_school_and_the_coordinator_both(client, capsys):
    call_command("load_demo_content", admin=True)
    logins = printed_logins(capsys.readouterr().out)
    mentees = "/admin/snippets/wagtail_mentorship/mentee/"
    seen = {}
    for login in ("coordinator", "curator-school4", "curator-school7"):
        assert client.login(username=login, password=logins[login])
        page = client.get(mentees).content.decode()
        seen[login] = {name for name in ("Сорокин", "Гусева", "Ковалёв") if name in page}
        client.logout()
    assert seen == {
        "coordinator": {"Сорокин", "Гусева", "Ковалёв"},
        "curator-school4": {"Сорокин"},
        "curator-school7": {"Гусева", "Ковалёв"},
    }


def test_demo_data_files_ship_with_the_example_site():
    assert {p.name for p in Path(DATA_DIR).glob("*.json")} >= {*ROADMAP_FILES, "practices.json"}


@pytest.mark.django_db
def test_demo_people_keep_the_rules_and_their_consents(client):
    call_command("load_demo_content")
    for pair in MentorshipPair.objects.prefetch_related("mentees"):
        assert pair_errors(pair, list(pair.mentees.all())) == {}, pair
    for person in [*Mentor.objects.all(), *Mentee.objects.all()]:
        person.full_clean()
    board = HonorBoardPage.objects.get()
    html = client.get(board.url).content.decode()
    shown = [m.full_name for m in Mentor.objects.all() if m.public_profile().name]
    hidden = [m.full_name for m in Mentor.objects.all() if not m.public_profile()]
    assert shown and hidden  # the demo shows both sides of the rule
    assert all(name in html for name in shown if board.entries.filter(mentor__full_name=name))
    assert not any(name in html for name in hidden)


def report_rows(html) -> dict[str, list[str]]:
    """The monitoring report's figures: row heading → the organisations' cells."""
    rows = BeautifulSoup(html, "html.parser").select("table.listing tbody tr")
    return {
        row.th.get_text(strip=True): [td.get_text(strip=True) for td in row("td")] for row in rows
    }


@pytest.mark.django_db
def test_the_demo_school_report_shows_responses_and_growth(client, capsys):
    call_command("load_demo_content", admin=True)
    logins = printed_logins(capsys.readouterr().out)
    call_command("load_demo_content")  # a second run makes no round twice
    rounds = SurveyRound.objects.all()
    assert sorted(r.survey.stage for r in rounds) == ["growth_end", "growth_start", "satisfaction"]
    assert all(r.closes_on <= timezone.localdate() for r in rounds)  # finished
    (year,) = {programme_year_of(r.opens_on) for r in rounds}

    assert client.login(username="curator-school4", password=logins["curator-school4"])
    html = client.get(reverse("wagtail_mentorship_monitoring_report"), {"year": year}).content
    rows = report_rows(html.decode())
    # The school's active pairs hold 13 mentees: the peer cohort's 10 in 5 groups and the
    # 3 of people.json (Сорокин; Зайцева, Лебедев). Each is asked three times: 3 × 13 = 39.
    # invite() goes through the pairs newest first (ordering -created_at), each pair's mentees
    # by name, so n runs: cohort groups from the last made, Комарова's (n = 0 Кузьмин,
    # 1 Логинова), Жуков's (2 Захаров, 3 Ильина), Давыдова's (4, 5), Воронов's (6, 7),
    # Андреева's (8, 9); then Егоров's (10 Зайцева, 11 Лебедев), Колесникова's (12 Сорокин).
    # n = 2 (SILENT_AT_THE_END) has not answered the end of the programme: 38 of 39.
    assert rows["Приглашений к анкетированию"] == ["39"]
    assert rows["Заполнено анкет"] == ["38"]
    assert rows["Доля ответивших"] == ["97,4 %"]  # 38 / 39 = 97,44 %
    # The answer rows cycle by n % 3. At the start: rows 0 (n = 0, 3, 6, 9, 12), 1 (n = 1, 4,
    # 7, 10) and 2 (n = 2, 5, 8, 11) taken 5, 4 and 4 times, of 13. At the end, n = 2 silent:
    # 5, 4 and 3 times, of 12. Per question, (5·row0 + 4·row1 + k·row2) / total:
    #   confidence     start (5·4 + 4·5 + 4·3) / 13 = 52 / 13 = 4,0;
    #                  end   (5·7 + 4·8 + 3·6) / 12 = 85 / 12 = 7,08; +3,08
    #   motivation     start (5·5 + 4·4 + 4·6) / 13 = 65 / 13 = 5,0;
    #                  end   (5·7 + 4·6 + 3·8) / 12 = 83 / 12 = 6,92; +1,92
    #   communication  start (5·5 + 4·6 + 4·4) / 13 = 65 / 13 = 5,0;
    #                  end   (5·8 + 4·7 + 3·7) / 12 = 89 / 12 = 7,42; +2,42
    #   goals          start (5·3 + 4·4 + 4·5) / 13 = 51 / 13 = 3,92;
    #                  end   (5·6 + 4·7 + 3·7) / 12 = 79 / 12 = 6,58; +2,66
    #   teamwork       start (5·6 + 4·5 + 4·4) / 13 = 66 / 13 = 5,08;
    #                  end   (5·7 + 4·8 + 3·6) / 12 = 85 / 12 = 7,08; +2,01
    assert {label: cells for label, cells in rows.items() if label.startswith("Рост")} == {
        "Рост, наставляемые: Уверенность в себе": ["4,0 → 7,1 (+3,1)"],
        "Рост, наставляемые: Учебная мотивация": ["5,0 → 6,9 (+1,9)"],
        "Рост, наставляемые: Навыки общения": ["5,0 → 7,4 (+2,4)"],
        "Рост, наставляемые: Понимание своих целей": ["3,9 → 6,6 (+2,7)"],
        "Рост, наставляемые: Умение работать в команде": ["5,1 → 7,1 (+2,0)"],
    }


@pytest.mark.parametrize(
    ("today", "year"),
    [
        (datetime.date(2026, 9, 10), 2025),  # too early in 2026/27: the year before
        (datetime.date(2026, 11, 30), 2026),
        (datetime.date(2027, 8, 31), 2026),
        (datetime.date(2027, 1, 1), 2026),
    ],
)
def test_demo_rounds_fall_in_one_programme_year_and_are_finished(today, year):
    dates = round_dates(today)
    start, end = dates["growth_start"], dates["growth_end"]
    assert {programme_year_of(day) for pair in dates.values() for day in pair} == {year}
    assert start[0] < start[1] < end[0] < end[1] < today
