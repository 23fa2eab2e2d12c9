"""The .docx documents of the pairs: the order assigning the pairs chosen in the listing, and a
pair's individual plan, each within what the user may see, and each in the audit log."""

import datetime
import io
from urllib.parse import unquote

import docx
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from tests.access_world import build_world
from tests.prepared_files import prepared
from tests.test_access_leaks import clients
from wagtail_mentorship.importing.audit import EXPORT_ACTION
from wagtail_mentorship.models import MentorshipForm, MentorshipPair, PersonalDataLogEntry
from wagtail_mentorship.monitoring.documents import DOCX_CONTENT_TYPE

ORDER_URL = "/admin/bulk/wagtail_mentorship/mentorshippair/order_docx/"


@pytest.fixture
def world(db, django_user_model):
    world = build_world(django_user_model)
    forms = list(MentorshipForm.objects.order_by("pk")[:2])
    start = timezone.localdate().replace(month=9, day=1)
    for number, key in enumerate(("A", "AB", "B")):
        pair = world.pairs[key]
        pair.form = forms[number % 2]
        pair.start_date = start
        pair.end_date = start + datetime.timedelta(days=270)
        pair.development_plan = f"Олимпиадная подготовка пары {key}\nРазбор задач пары {key}"
        pair.save()
    return world


@pytest.fixture
def browsers(world):
    return clients(world)


def order_url(*pairs) -> str:
    return ORDER_URL + "?" + "&".join(f"id={pair.pk}" for pair in pairs)


def plan_url(pair) -> str:
    return reverse(MentorshipPair.snippet_viewset.get_url_name("plan_docx"), args=[pair.pk])


def opened(response) -> docx.document.Document:
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_CONTENT_TYPE
    return docx.Document(io.BytesIO(b"".join(response)))


def text_of(document) -> str:
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def rows_of(table) -> list:
    return [[cell.text for cell in row.cells] for row in table.rows]


def short(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def test_the_order_holds_the_chosen_pairs_as_the_listing_shows_them(world, browsers):
    chosen = [world.pairs["A"], world.pairs["AB"]]
    listing = browsers["curator_a"].get(
        reverse(MentorshipPair.snippet_viewset.get_url_name("list"))
    )
    response = prepared(browsers["curator_a"], order_url(*chosen))
    document = opened(response)

    disposition = unquote(response["Content-Disposition"])
    assert disposition.startswith("attachment; filename*=utf-8''приказ-о-закреплении-пар-")
    [pairs_table] = document.tables
    header, *rows = rows_of(pairs_table)
    assert header == ["№", "Наставник", "Наставляемые", "Форма наставничества", "Срок"]
    expected = [
        [
            str(number),
            pair.mentor.full_name,
            pair.mentee_names(),
            str(pair.form),
            f"{short(pair.start_date)} – {short(pair.end_date)}",
        ]
        for number, pair in enumerate(
            MentorshipPair.objects.filter(pk__in=[p.pk for p in chosen]), 1
        )
    ]
    assert rows == expected
    shown = listing.content.decode()
    for pair in chosen:
        for name in (pair.mentor.full_name, pair.mentee_names(), str(pair.form)):
            assert name in shown
    text = text_of(document)
    assert "ПРИКАЗ" in text and "ПРИКАЗЫВАЮ" in text and "№ ____" in text
    assert world.school_a.name in text
    assert "Незнамова" not in text  # school B's pair was not chosen


def test_a_curator_gets_no_order_of_another_schools_pairs(world, browsers):
    response = browsers["curator_b"].get(order_url(world.pairs["A"]))
    assert response.status_code == 404
    assert not PersonalDataLogEntry.objects.filter(action=EXPORT_ACTION).exists()

    # Chosen together with their own, another school's pair is left out.
    document = opened(
        prepared(browsers["curator_b"], order_url(world.pairs["A"], world.pairs["B"]))
    )
    text = text_of(document)
    assert "Незнамова" in text
    assert "Тайнова" not in text and "Секретов" not in text


def test_a_curator_gets_no_plan_of_another_schools_pair(world, browsers):
    response = browsers["curator_b"].get(plan_url(world.pairs["A"]))
    assert response.status_code == 404
    assert "Тайнова" not in response.content.decode()
    assert browsers["editor"].get(plan_url(world.pairs["A"])).status_code in (302, 403, 404)


def test_the_plan_holds_the_goal_plan_meetings_and_signatures(world, browsers):
    pair = world.pairs["A"]
    response = prepared(browsers["curator_a"], plan_url(pair))
    document = opened(response)
    text = text_of(document)

    assert "ИНДИВИДУАЛЬНЫЙ ПЛАН РАЗВИТИЯ" in text
    for expected in (
        pair.goal,
        "Олимпиадная подготовка пары A",
        "Разбор задач пары A",
        pair.mentor.full_name,
        str(pair.form),
        "Секретов Златан Петрович",
    ):
        assert expected in text
    meetings = rows_of(document.tables[-1])
    assert meetings[1] == [
        "1",
        short(world.pairs["A"].meetings.get().date),
        "Регулярная",
        "Встреча A",
    ]
    # A minor's plan is signed by the legal representative.
    assert "Секретова Злата Львовна" in text


@pytest.mark.parametrize("view", ["inspect", "edit"])
def test_the_pair_page_and_its_form_offer_its_plan(world, browsers, view):
    pair = world.pairs["A"]
    url = reverse(MentorshipPair.snippet_viewset.get_url_name(view), args=[pair.pk])
    response = browsers["curator_a"].get(url)
    assert response.status_code == 200
    assert plan_url(pair) in response.content.decode()
    # Not to a curator of another school: the pair does not exist for them.
    assert browsers["curator_b"].get(url).status_code == 404


def test_the_listing_offers_the_order(world, browsers):
    listing = browsers["curator_a"].get(
        reverse(MentorshipPair.snippet_viewset.get_url_name("list"))
    )
    assert ORDER_URL in listing.content.decode()


def test_each_document_is_logged_for_each_pair(world, browsers):
    prepared(browsers["curator_a"], order_url(world.pairs["A"], world.pairs["AB"]))
    prepared(browsers["curator_a"], plan_url(world.pairs["A"]))
    entries = PersonalDataLogEntry.objects.filter(action=EXPORT_ACTION)
    logged = sorted((e.object_id, e.data["document"]) for e in entries)
    a, ab = str(world.pairs["A"].pk), str(world.pairs["AB"].pk)
    assert logged == sorted([(a, "order"), (ab, "order"), (a, "plan")])
    assert {e.user for e in entries} == {world.users["curator_a"]}
