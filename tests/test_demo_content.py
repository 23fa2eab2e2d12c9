"""The example site's demo content: complete seed roadmaps, loaded once however often it runs."""

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Page

from home.demo_content import DATA_DIR, ROADMAP_FILES
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
