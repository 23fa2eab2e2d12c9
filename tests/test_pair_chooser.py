"""A pair's mentor and mentees are picked in searchable chooser modals that list only the people
the curator may pick, and tell namesakes apart by class or position, school and consent."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from tests.people_builders import (
    CONSENTED,
    CURATORS,
    login_client,
    make_mentee,
    make_mentor,
    make_pair,
    school,
)
from wagtail_mentorship.models import MentorshipPair

NAMESAKE = "Волкова Виктория Андреевна"
OTHER_SCHOOL = "МБОУ «СОШ № 7»"
ADD_PAIR = reverse("wagtailsnippets_wagtail_mentorship_mentorshippair:add")
REPRESENTATIVE = {
    "processing_consent_date": datetime.date(2025, 9, 1),
    "processing_consent_by": "representative",
    "representative_name": "Волков Андрей Петрович",
}


def post_form(client, url, data):
    """Posts every value of the form (the test client sends one value a key of a QueryDict)."""
    return client.post(url, dict(data.lists()))


def chooser_url(who, view="choose", *args):
    return reverse(f"wagtail_mentorship_{who}_chooser:{view}", args=args)


@pytest.fixture
def curator(db, django_user_model):
    return login_client(django_user_model, CURATORS, "curator")


@pytest.fixture
def namesakes(db):
    """Two pupils of one name in the curator's school, told apart by class and consent."""
    return (
        make_mentee(NAMESAKE, class_name="7 Б", is_minor=True),
        make_mentee(NAMESAKE, class_name="9 А", is_minor=True, **REPRESENTATIVE),
    )


def rows(response) -> list[str]:
    """The chooser's result rows, as text; the modal's HTML comes inside its JSON."""
    assert response.status_code == 200
    body = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        body = json.loads(body)["html"]
    listing = BeautifulSoup(body, "html.parser").select("table tbody tr")
    return [" ".join(row.get_text(" ", strip=True).split()) for row in listing]


def test_mentee_chooser_lists_only_the_curators_people(curator, namesakes):
    make_mentee("Незнамова Ольга", organization=school(OTHER_SCHOOL))
    listed = rows(curator.get(chooser_url("mentee")))
    assert len(listed) == 2
    assert all(NAMESAKE in row for row in listed)


def test_mentor_chooser_lists_own_mentors_and_partners_of_own_pairs(curator, db):
    make_mentor("Иванова Мария", position="Учитель физики")
    partner = make_mentor("Скрытнов Пётр", organization=school(OTHER_SCHOOL))
    make_mentor("Чужой Наставник", organization=school(OTHER_SCHOOL))
    make_pair(partner, [make_mentee("Парная Анна")], organization=school())
    listed = " | ".join(rows(curator.get(chooser_url("mentor"))))
    assert "Иванова Мария" in listed and "Учитель физики" in listed
    assert "Скрытнов Пётр" in listed
    assert "Чужой Наставник" not in listed


def test_namesakes_are_told_apart_by_class_school_and_consent(curator, namesakes):
    listed = sorted(rows(curator.get(chooser_url("mentee"))))
    assert "7 Б" in listed[0] and "9 А" in listed[1]
    assert all(school().name in row for row in listed)
    assert "Нет согласия законного представителя (несовершеннолетний)" in listed[0]
    assert "Только обработка" in listed[1]


def test_search_finds_people_by_name(curator, namesakes):
    make_mentee("Петров Иван", class_name="7 Б")
    results = rows(curator.get(chooser_url("mentee", "choose_results"), {"q": "Волкова"}))
    assert len(results) == 2 and all(NAMESAKE in row for row in results)
    results = rows(curator.get(chooser_url("mentee", "choose_results"), {"q": "Петров"}))
    assert len(results) == 1 and "Петров Иван" in results[0]


def test_multiple_choice_returns_the_labels_of_visible_people_only(curator, namesakes):
    stranger = make_mentee("Незнамова Ольга", organization=school(OTHER_SCHOOL))
    pks = [namesakes[1].pk, stranger.pk]
    response = curator.get(chooser_url("mentee", "chosen_multiple"), {"id": pks})
    result = json.loads(response.content)["result"]
    assert [item["id"] for item in result] == [str(namesakes[1].pk)]
    assert "9 А" in result[0]["title"] and "Только обработка" in result[0]["title"]


def test_a_pair_is_saved_through_the_chooser_widgets(curator, namesakes):
    mentor = make_mentor("Иванова Мария", capacity=2, **CONSENTED)
    page = curator.get(ADD_PAIR)
    html = page.content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("[data-mentorship-multiple-chooser]") is not None
    assert soup.select_one("select[name=mentees]") is None  # no list of the whole base
    data = querydict_from_html(html, form_id="w-editor-form")
    data["mentor"] = str(mentor.pk)
    data["organization"] = str(school().pk)
    data.setlist("mentees", [str(namesakes[1].pk)])
    response = post_form(curator, ADD_PAIR, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    pair = MentorshipPair.objects.get(mentor=mentor)
    assert list(pair.mentees.all()) == [namesakes[1]]

    edit_url = reverse("wagtailsnippets_wagtail_mentorship_mentorshippair:edit", args=[pair.pk])
    edit = curator.get(edit_url)
    chosen = BeautifulSoup(edit.content, "html.parser").select(
        "[data-chosen-items] [data-chosen-item]"
    )
    assert len(chosen) == 1 and "9 А" in chosen[0].get_text()
    assert chosen[0].select_one("input")["value"] == str(namesakes[1].pk)

    data = querydict_from_html(edit.content.decode(), form_id="w-editor-form")
    data.setlist("mentees", [str(namesakes[0].pk), str(namesakes[1].pk)])
    assert post_form(curator, edit_url, data).status_code == 302
    assert set(MentorshipPair.objects.get(pk=pair.pk).mentees.all()) == set(namesakes)


def test_the_edit_page_says_what_keeps_the_pair_from_becoming_active(curator, namesakes):
    mentor = make_mentor("Иванова Мария", capacity=2, **CONSENTED)
    pair = make_pair(mentor, [namesakes[0]], MentorshipPair.Status.FORMING)
    edit_url = reverse("wagtailsnippets_wagtail_mentorship_mentorshippair:edit", args=[pair.pk])
    blockers = BeautifulSoup(curator.get(edit_url).content, "html.parser").select_one(
        "[data-activation-blockers]"
    )
    assert NAMESAKE in blockers.get_text()
    assert "законного представителя" in blockers.get_text()

    pair.mentees = [namesakes[1]]  # whose representative has consented
    pair.save()
    page = BeautifulSoup(curator.get(edit_url).content, "html.parser")
    assert page.select_one("[data-activation-blockers]") is None
