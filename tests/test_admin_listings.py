"""The curator's listings, filters, exports, audit log and inspect pages."""

import csv
import datetime
import io

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import querydict_from_html

from tests.people_builders import (
    CONSENTED,
    CURATORS,
    build_programme,
    login_client,
    make_mentee,
    make_mentor,
    make_pair,
    school,
    schools,
)
from wagtail_mentorship.models import (
    Mentee,
    Mentor,
    MentorshipForm,
    MentorshipPair,
    Organization,
    PersonalDataLogEntry,
)

EXPORT = "wagtail_mentorship.export"
Status = MentorshipPair.Status


def url(snippet, view="list", *args):
    return reverse(f"wagtailsnippets_wagtail_mentorship_{snippet}:{view}", args=args)


REPORT = reverse("wagtailsnippets_wagtail_mentorship_mentee:without_mentor")


@pytest.fixture
def curator(db, django_user_model):
    return login_client(django_user_model, CURATORS, "curator", [school(), *schools(3)])


def soup_of(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def listed_titles(response) -> list[str]:
    return [
        title.get_text(strip=True)
        for title in soup_of(response).select("table.listing tbody [id$='_title']")
    ]


def column(response, heading) -> dict[str, str]:
    """Row title → the text of the column ``heading``."""
    table = soup_of(response).select_one("table.listing")
    headings = [th.get_text(" ", strip=True) for th in table.thead.select("th")]
    index = headings.index(heading)
    cells = {}
    for row in table.tbody.select("tr"):
        title = row.select_one("[id$='_title']").get_text(strip=True)
        cells[title] = row.find_all("td", recursive=False)[index].get_text(" ", strip=True)
    return cells


def spreadsheet_bytes(response) -> bytes:
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


# ---------------------------------------------------------------------------------------------
# Query counts: the same for 10 and for 200 rows


def first_mentee_without_mentor():
    return Mentee.objects.get(full_name="Наставляемый 0002")  # its pair is completed


PAGES = {
    "mentor-list": (lambda: url("mentor"), "table.listing tbody tr"),
    "mentee-list": (lambda: url("mentee"), "table.listing tbody tr"),
    "pair-list": (lambda: url("mentorshippair"), "table.listing tbody tr"),
    "without-mentor-report": (lambda: REPORT, "table.listing tbody tr"),
    "mentee-inspect": (
        lambda: url("mentee", "inspect", first_mentee_without_mentor().pk),
        "li.mentorship-suggestion",
    ),
}


def warm_queries(client, page_url, rows_selector):
    """(queries of a second, warm request, rows shown)."""
    client.get(page_url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page_url)
    return len(queries), len(soup_of(response).select(rows_selector))


@pytest.mark.parametrize("page", PAGES)
def test_queries_do_not_grow_with_rows(curator, page):
    page_url, rows_selector = PAGES[page]
    build_programme(10)
    small, small_rows = warm_queries(curator, page_url(), rows_selector)
    build_programme(190, start=10)
    large, large_rows = warm_queries(curator, page_url(), rows_selector)
    print(f"{page}: {small} queries for 10 rows, {large} for 200")
    assert small_rows > 0 and large_rows >= small_rows  # the page showed people both times
    assert small == large, (
        f"{page}: {small} queries with 10 rows ({small_rows} shown), "
        f"{large} with 200 ({large_rows} shown)"
    )


@pytest.mark.parametrize(
    "snippet",
    [
        "mentor",
        "mentee",
        "mentorshippair",
    ],
)
def test_listings_paginate_by_fifty(curator, snippet):
    build_programme(60)
    assert len(listed_titles(curator.get(url(snippet)))) == 50
    assert len(listed_titles(curator.get(url(snippet), {"p": 2}))) == 10


# ---------------------------------------------------------------------------------------------
# Filters


@pytest.fixture
def roster(db, curator):
    """Five mentors, five mentees and four pairs that differ in every filtered field, of a
    school and a college the curator curates."""
    school = Organization.objects.create(name="МБОУ «СОШ № 4»")
    college = Organization.objects.create(name="ГБПОУ «Колледж связи»")
    curator.user.mentorship_organizations.add(school, college)
    teachers = MentorshipForm.objects.get(name="Учитель – учитель")
    pupils = MentorshipForm.objects.get(name="Ученик – ученик")
    today = timezone.localdate()
    anna = make_mentor(
        "Анна Петрова",
        organization=school,
        forms=[teachers],
        capacity=2,
        publication_consent_date=datetime.date(2024, 9, 1),
        publication_consent_by="person",
        **CONSENTED,
    )
    boris = make_mentor(
        "Борис Орлов", category="pupil", organization=college, forms=[pupils], **CONSENTED
    )
    vera = make_mentor("Вера Лебедева", status="candidate", organization=school)
    gleb = make_mentor(
        "Глеб Соколов",
        category="employer",
        status="inactive",
        organization=college,
        processing_consent_withdrawn=datetime.date(2025, 1, 10),
        **CONSENTED,
    )
    make_mentor(  # a consent dated in the future is not in force yet
        "Дина Белова",
        status="candidate",
        processing_consent_date=today + datetime.timedelta(days=30),
        processing_consent_by="person",
    )
    ivan = make_mentee("Иван Сидоров", organization=school, **CONSENTED)
    maria = make_mentee("Мария Кузнецова", category="young_specialist", organization=college)
    nikita = make_mentee("Никита Егоров", organization=college)
    olga = make_mentee("Ольга Фёдорова", category="young_specialist", organization=school)
    make_mentee("Пётр Волков", category="student")
    make_pair(
        anna, [ivan], Status.ACTIVE, form=teachers, organization=school, goal="Олимпиада по физике"
    )
    make_pair(boris, [maria], Status.FORMING, form=pupils, organization=college)
    make_pair(gleb, [nikita], Status.COMPLETED, form=teachers, organization=college)
    make_pair(vera, [olga], Status.TERMINATED, form=pupils, organization=school)
    return {"school": school.pk, "college": college.pk, "teachers": teachers.pk}


ALL_MENTORS = {"Анна Петрова", "Борис Орлов", "Вера Лебедева", "Глеб Соколов", "Дина Белова"}
ALL_MENTEES = {"Иван Сидоров", "Мария Кузнецова", "Никита Егоров", "Ольга Фёдорова", "Пётр Волков"}
FILTERS = [
    ("mentor", {}, ALL_MENTORS),
    ("mentor", {"status": "candidate"}, {"Вера Лебедева", "Дина Белова"}),
    ("mentor", {"category": "pupil"}, {"Борис Орлов"}),
    ("mentor", {"organization": "college"}, {"Борис Орлов", "Глеб Соколов"}),
    ("mentor", {"mentorship_forms": "teachers"}, {"Анна Петрова"}),
    ("mentor", {"consent": "none"}, {"Вера Лебедева", "Дина Белова"}),
    ("mentor", {"consent": "processing"}, {"Борис Орлов"}),
    ("mentor", {"consent": "publication"}, {"Анна Петрова"}),
    ("mentor", {"consent": "withdrawn"}, {"Глеб Соколов"}),
    ("mentee", {}, ALL_MENTEES),
    ("mentee", {"without_mentor": "true"}, {"Никита Егоров", "Ольга Фёдорова", "Пётр Волков"}),
    ("mentee", {"without_mentor": "false"}, {"Иван Сидоров", "Мария Кузнецова"}),
    ("mentee", {"category": "young_specialist"}, {"Мария Кузнецова", "Ольга Фёдорова"}),
    ("mentee", {"organization": "school"}, {"Иван Сидоров", "Ольга Фёдорова"}),
    ("mentee", {"consent": "none"}, ALL_MENTEES - {"Иван Сидоров"}),
    # a pair's title is its mentor
    ("mentorshippair", {}, {"Анна Петрова", "Борис Орлов", "Глеб Соколов", "Вера Лебедева"}),
    ("mentorshippair", {"status": "completed"}, {"Глеб Соколов"}),
    ("mentorshippair", {"form": "teachers"}, {"Анна Петрова", "Глеб Соколов"}),
    ("mentorshippair", {"organization": "school"}, {"Анна Петрова", "Вера Лебедева"}),
]


@pytest.mark.parametrize(
    ("snippet", "params", "expected"),
    [
        pytest.param(*case, id=f"{case[0]}-" + ("-".join(map("=".join, case[1].items())) or "all"))
        for case in FILTERS
    ],
)
def test_filter(curator, roster, snippet, params, expected):
    query = {name: roster.get(value, value) for name, value in params.items()}
    titles = listed_titles(curator.get(url(snippet), query))
    assert sorted(titles) == sorted(expected)


# Searching keeps the filters, the annotated columns and the sorting.
SEARCHES = [
    pytest.param("mentor", {"q": "Петрова"}, ["Анна Петрова"], id="mentor"),
    pytest.param("mentee", {"q": "Сидоров"}, ["Иван Сидоров"], id="mentee"),
    pytest.param("mentorshippair", {"q": "олимпиада"}, ["Анна Петрова"], id="pair"),
    pytest.param(
        "mentee",
        {"q": "Иван", "without_mentor": "false"},
        ["Иван Сидоров"],
        id="mentee-without_mentor",
    ),
    pytest.param(
        "mentor",
        {"q": "Анна", "ordering": "current_mentees"},
        ["Анна Петрова"],
        id="mentor-ordered-by-load",
    ),
]


@pytest.mark.parametrize(("snippet", "params", "expected"), SEARCHES)
def test_search(curator, roster, snippet, params, expected):
    assert listed_titles(curator.get(url(snippet), params)) == expected


# ---------------------------------------------------------------------------------------------
# Exports: formula-safe, one audit entry per exported row

HYPERLINK = '=HYPERLINK("http://evil","Нажмите")'
NASTY_NAMES = ["+7 Плюсов Пётр", "@Собакина Анна", "-Минусов Игорь"]


@pytest.fixture
def nasty_mentors(db):
    mentors = [make_mentor("Анна Петрова", competencies=HYPERLINK, status="candidate")]
    mentors += [make_mentor(name, competencies="Робототехника") for name in NASTY_NAMES]
    return mentors


def test_xlsx_export_keeps_formulas_as_text(curator, nasty_mentors):
    response = curator.get(url("mentor"), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(spreadsheet_bytes(response))).active
    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row if cell.value}
    for text in [HYPERLINK, *NASTY_NAMES]:
        assert text in cells, f"{text!r} is not in the workbook"
        assert cells[text].data_type == "s", f"{text!r} is stored as {cells[text].data_type}"
    assert not [cell for cell in cells.values() if cell.data_type == "f"]


def test_csv_export_neutralises_formulas(curator, nasty_mentors):
    response = curator.get(url("mentor"), {"export": "csv"})
    text = spreadsheet_bytes(response).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    cells = {cell for row in rows for cell in row}
    assert len(rows) == 1 + len(nasty_mentors)
    assert {"'" + HYPERLINK, *("'" + name for name in NASTY_NAMES)} <= cells
    assert "Анна Петрова" in cells  # ordinary text is left alone
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))]


@pytest.mark.parametrize("export_format", ["xlsx", "csv"])
def test_export_writes_one_audit_entry_per_exported_row(curator, nasty_mentors, export_format):
    response = curator.get(url("mentor"), {"status": "approved", "export": export_format})
    spreadsheet_bytes(response)
    entries = PersonalDataLogEntry.objects.filter(action=EXPORT)
    approved = {str(mentor.pk) for mentor in nasty_mentors[1:]}
    assert sorted(entries.values_list("object_id", flat=True)) == sorted(approved)
    assert {entry.user for entry in entries} == {curator.user}
    assert {entry.content_type.model for entry in entries} == {"mentor"}
    assert entries[0].data["format"] == export_format


def test_report_export_is_safe_and_audited(curator, db):
    mentor = make_mentor("Анна Петрова", capacity=2)
    waiting = make_mentee("@Собакина Анна", request="=1+1")
    make_pair(mentor, [make_mentee("Иван Сидоров")])
    response = curator.get(REPORT, {"export": "csv"})
    text = spreadsheet_bytes(response).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 2  # the heading and the one mentee without a mentor
    assert {"'@Собакина Анна", "'=1+1"} <= set(rows[1])
    entries = PersonalDataLogEntry.objects.filter(action=EXPORT)
    assert [(e.object_id, e.user) for e in entries] == [(str(waiting.pk), curator.user)]


# ---------------------------------------------------------------------------------------------
# Audit log of the admin's own create, edit and delete


def edit_form_data(client, page_url, **changes):
    response = client.get(page_url)
    form_index = [form.get("action") for form in soup_of(response).find_all("form")].index(page_url)
    data = querydict_from_html(response.content.decode(), form_index=form_index)
    for name, value in changes.items():
        data[name] = value
    return data


def test_create_edit_delete_of_a_mentor_are_logged(curator, db):
    add_url = url("mentor", "add")
    school = str(schools(3)[1].pk)
    data = edit_form_data(
        curator, add_url, full_name="Анна Петрова", capacity="2", organization=school
    )
    assert curator.post(add_url, data).status_code == 302
    mentor = Mentor.objects.get(full_name="Анна Петрова")

    edit_url = url("mentor", "edit", mentor.pk)
    data = edit_form_data(curator, edit_url, capacity="3")
    assert curator.post(edit_url, data).status_code == 302
    assert Mentor.objects.get(pk=mentor.pk).capacity == 3

    assert curator.post(url("mentor", "delete", mentor.pk)).status_code == 302
    assert not Mentor.objects.filter(pk=mentor.pk).exists()

    entries = PersonalDataLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Mentor), object_id=str(mentor.pk)
    ).order_by("timestamp", "pk")
    assert [(e.action, e.user) for e in entries] == [
        ("wagtail.create", curator.user),
        ("wagtail.edit", curator.user),
        ("wagtail.delete", curator.user),
    ]


# ---------------------------------------------------------------------------------------------
# What a curator reads on the pages


def test_mentee_inspect_shows_questionnaire_answers_as_text(curator, db):
    answers = {
        "Любимый предмет": "Физика",
        "Чем хотите заниматься?": "Робототехникой & <программированием>",
    }
    mentee = make_mentee("Иван Сидоров", questionnaire_answers=answers)
    page = soup_of(curator.get(url("mentee", "inspect", mentee.pk)))
    shown = page.select_one("dl.mentorship-answers")
    pairs = zip(shown.select("dt"), shown.select("dd"), strict=True)
    assert {dt.get_text(): dd.get_text() for dt, dd in pairs} == answers
    assert "{" not in page.select_one("main").get_text()  # no raw JSON


def test_mentor_listing_shows_mentees_of_capacity(curator, db):
    anna = make_mentor("Анна Петрова", capacity=2)
    boris = make_mentor("Борис Орлов", capacity=3)
    make_mentor("Вера Лебедева")
    ivan, maria, nikita = (make_mentee(name) for name in ("Иван", "Мария", "Никита"))
    make_pair(anna, [ivan], Status.ACTIVE)
    make_pair(anna, [nikita], Status.COMPLETED)  # no longer takes a place
    make_pair(boris, [maria, nikita], Status.FORMING)  # a group
    load = column(curator.get(url("mentor")), "Наставляемые / максимум")
    assert load == {"Анна Петрова": "1 / 2", "Борис Орлов": "2 / 3", "Вера Лебедева": "0 / 1"}
