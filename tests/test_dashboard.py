"""The curator's dashboard panel: whose numbers they are, and that each number opens a list of
exactly that many; and the demo, whose school has one name everywhere."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from wagtail.models import Site

from home.models import HomePage
from tests.people_builders import (
    CONSENTED,
    COORDINATORS,
    CURATORS,
    login_client,
    make_mentee,
    make_mentor,
    make_pair,
    school,
)
from wagtail_mentorship.admin.dashboard import summary_items
from wagtail_mentorship.models import Mentee, MentorshipPair, Organization

OTHER_SCHOOL = "МБОУ «СОШ № 9»"
COUNTS = [
    "mentors",
    "mentees",
    "active_pairs",
    "without_mentor",
    "mentors_without_consent",
    "mentees_without_consent",
    "overdue_activities",
]


def panel(client) -> BeautifulSoup:
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    heading = BeautifulSoup(response.content, "html.parser").select_one(
        "#mentorship-summary-heading"
    )
    return heading.find_parent("section")


def numbers(section) -> dict[str, tuple[int, str]]:
    """label → (the number, the link's address), as a curator reads the panel."""
    found = {}
    for link in section.select(".w-summary__list li a"):
        number = int(link.span.extract().get_text())
        found[link.get_text(" ", strip=True)] = (number, link["href"])
    return found


def listed(client, url) -> int:
    """How many rows the list behind ``url`` shows."""
    response = client.get(url)
    assert response.status_code == 200, url
    return len(BeautifulSoup(response.content, "html.parser").select("table.listing tbody tr"))


@pytest.fixture
def programme(db):
    """A school's programme, with a neighbour school whose people its curator never counts."""
    withdrawn = {**CONSENTED, "processing_consent_withdrawn": timezone.localdate()}
    anna = make_mentor("Петрова Анна Викторовна", capacity=2, **CONSENTED)
    make_mentor("Смирнов Олег Петрович")  # no consent
    make_mentor("Орлова Вера Павловна", **withdrawn)  # withdrawn: not «no consent»
    ivan = make_mentee("Сидоров Иван Ильич", **CONSENTED)
    make_mentee("Кузнецова Мария Олеговна", **CONSENTED)
    make_mentee("Волков Пётр Андреевич")  # no consent
    make_mentee("Зайцев Глеб Романович")  # no consent
    make_pair(anna, [ivan], status=MentorshipPair.Status.ACTIVE)
    neighbour = Organization.objects.create(name=OTHER_SCHOOL)
    make_mentor("Ершов Кирилл Денисович", organization=neighbour)
    make_mentee("Ершова Алла Денисовна", organization=neighbour)


def test_each_number_opens_a_list_of_that_many(programme, django_user_model):
    curator = login_client(django_user_model, CURATORS, "curator")
    shown = numbers(panel(curator))
    assert {label: number for label, (number, _url) in shown.items()} == {
        "наставника": 3,
        "наставляемых": 4,
        "действующая пара": 1,
        "наставляемых без наставника": 3,
        "наставник без согласия на обработку ПД": 1,
        "наставляемых без согласия на обработку ПД": 2,
        "просроченных мероприятий": 0,
    }
    for label, (number, url) in shown.items():
        assert listed(curator, url) == number, label
    assert shown["наставляемых без наставника"][1] == reverse(
        Mentee.snippet_viewset.get_url_name("without_mentor")
    )
    assert shown["наставник без согласия на обработку ПД"][1].endswith("?consent=none")


def test_heading_names_the_curators_school_or_the_site(programme, django_user_model):
    curator = login_client(django_user_model, CURATORS, "curator")
    heading = panel(curator).select_one("#mentorship-summary-heading").get_text(" ", strip=True)
    assert heading == f"Наставничество: {school()}"
    assert "Школа" not in heading

    coordinator = login_client(django_user_model, COORDINATORS, "coordinator")
    section = panel(coordinator)
    heading = section.select_one("#mentorship-summary-heading").get_text(" ", strip=True)
    assert heading == f"Наставничество: {settings.WAGTAIL_SITE_NAME}"
    assert numbers(section)["наставника"][0] == 4  # both schools


def test_the_panel_is_wagtails_own_summary(programme, django_user_model):
    section = panel(login_client(django_user_model, CURATORS, "curator"))
    assert "w-panel--dashboard" in section["class"]
    items = section.select(".w-summary .w-summary__list > li")
    assert len(items) == 7
    assert all(item.select_one("svg.icon") and item.select_one("a span") for item in items)


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (1, "1 наставник без согласия на обработку ПД"),
        (3, "3 наставника без согласия на обработку ПД"),
        (11, "11 наставников без согласия на обработку ПД"),
        (21, "21 наставник без согласия на обработку ПД"),
    ],
)
def test_russian_counts_agree_with_the_number(count, text):
    with override("ru"):
        html = summary_items({**dict.fromkeys(COUNTS, 0), "mentors_without_consent": count})[4]
    assert html.text == text.replace(str(count), f"<span>{count}</span>", 1)


@pytest.mark.django_db
def test_the_demo_calls_its_school_one_name(client, capsys):
    call_command("load_demo_content", admin=True)
    passwords = dict(
        line.split()[:3:2] for line in capsys.readouterr().out.splitlines() if "password" in line
    )
    name = settings.WAGTAIL_SITE_NAME
    organisation = Organization.objects.get(short_name=name)
    assert Site.objects.get(is_default_site=True).site_name == name
    assert name in HomePage.objects.get().title
    assert client.login(username="curator-school4", password=passwords["curator-school4"])
    heading = panel(client).select_one("#mentorship-summary-heading").get_text(" ", strip=True)
    assert heading == f"Наставничество: {organisation}"
