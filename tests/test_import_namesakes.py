"""Namesakes and siblings in imports, and imports that act for the importer's organisations.

Two teachers may share a full name and have their own e-mails; a parent who fills in the
form for two children gives both the parent's e-mail. Neither makes two people one. A curator
imports for their own organisations only, and the database stays exactly as it was when a
file reaches beyond them.
"""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from tests.import_helpers import map_columns
from tests.people_builders import (
    COORDINATORS,
    CURATORS,
    login_client,
    make_mentee,
    make_mentor,
    school,
    schools,
)
from wagtail_mentorship.importing import matching
from wagtail_mentorship.importing.pipeline import run_import
from wagtail_mentorship.importing.reports import problem_lines
from wagtail_mentorship.models import (
    ColumnMapping,
    Mentee,
    Mentor,
    MentorshipForm,
    MentorshipPair,
    Organization,
    SpreadsheetImport,
)
from wagtail_mentorship.people.identity import same_person
from wagtail_mentorship.people.pair_rules import pair_errors

MENTORS = "wagtailsnippets_wagtail_mentorship_mentor"
SCHOOL_A, SCHOOL_B = "МБОУ «СОШ № 1»", "МБОУ «СОШ № 2»"


def csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def imported(data, target="mentors", dry_run=False, **kwargs):
    """The import's report, in the English of the source texts."""
    with translation.override("en"):
        return run_import(data, f"{target}.csv", target, dry_run=dry_run, **kwargs)


def database_state():
    return (
        list(Mentor.objects.order_by("pk").values()),
        list(Mentee.objects.order_by("pk").values()),
        list(MentorshipPair.objects.order_by("pk").values()),
        list(MentorshipPair.mentees.through.objects.order_by("pk").values()),
        list(Organization.objects.order_by("pk").values()),
        list(MentorshipForm.objects.order_by("pk").values()),
    )


def notes_of(report) -> list[tuple]:
    return [(note.row, note.column, note.message) for note in report.notes]


@pytest.fixture
def two_schools(db):
    return schools(2)


@pytest.fixture
def curator_b(django_user_model, two_schools):
    """A curator of school № 2 only."""
    return login_client(django_user_model, CURATORS, "curator-b", [two_schools[1]])


# Namesakes and siblings ------------------------------------------------------------------


def test_two_new_namesakes_with_their_own_emails_are_two_people(two_schools):
    report = imported(
        csv(
            "ФИО;E-mail;Организация",
            f"Иванова Анна Петровна;anna.math@example.com;{SCHOOL_A}",
            f"иванова  анна петровна;anna.music@example.com;{SCHOOL_A}",
        )
    )
    assert report.ok and report.applied, problem_lines(report)
    assert report.count("new") == 2
    assert sorted(Mentor.objects.values_list("email", flat=True)) == [
        "anna.math@example.com",
        "anna.music@example.com",
    ]
    assert notes_of(report) == [
        (
            3,
            "ФИО",
            "Namesake of Иванова Анна Петровна (anna.math@example.com) in row 2: imported as a "
            "different person, since the e-mails differ.",
        )
    ]


def test_a_new_namesake_of_someone_in_the_base(two_schools):
    kept = make_mentor(
        "Иванова Анна Петровна",
        email="anna.math@example.com",
        organization=two_schools[0],
        capacity=4,
    )
    before = Mentor.objects.filter(pk=kept.pk).values().get()
    report = imported(
        csv(
            "ФИО;E-mail;Организация;Максимум наставляемых",
            f"Иванова Анна Петровна;anna.music@example.com;{SCHOOL_A};1",
        )
    )
    assert report.ok and report.applied, problem_lines(report)
    assert (report.count("new"), report.count("updated"), report.count("unchanged")) == (1, 0, 0)
    assert Mentor.objects.filter(pk=kept.pk).values().get() == before
    assert Mentor.objects.get(email="anna.music@example.com").capacity == 1
    assert notes_of(report) == [
        (
            2,
            "ФИО",
            "Namesake of Иванова Анна Петровна (anna.math@example.com) already in the base: "
            "imported as a different person, since the e-mails differ.",
        )
    ]


@pytest.mark.parametrize("target", ["mentors", "mentees"])
def test_a_row_without_email_and_two_namesakes_in_the_base_is_refused(two_schools, target):
    make = make_mentor if target == "mentors" else make_mentee
    make("Иванова Анна Петровна", email="anna.math@example.com", organization=two_schools[0])
    make("Иванова Анна Петровна", email="anna.music@example.com", organization=two_schools[0])
    state = database_state()
    report = imported(
        csv("ФИО;Телефон;Организация", f"Иванова Анна Петровна;+7 900 000-00-01;{SCHOOL_A}"),
        target,
    )
    assert not report.ok and not report.applied
    (problem,) = report.problems
    assert (problem.row, problem.column) == (2, "ФИО")
    assert "anna.math@example.com" in problem.message
    assert "anna.music@example.com" in problem.message
    assert "e-mail" in problem.message  # what to do about it
    assert database_state() == state


def test_a_row_without_email_after_two_namesake_rows_is_refused(two_schools):
    report = imported(
        csv(
            "ФИО;E-mail;Организация",
            f"Иванова Анна;anna.math@example.com;{SCHOOL_A}",
            f"Иванова Анна;anna.music@example.com;{SCHOOL_A}",
            f"Иванова Анна;;{SCHOOL_A}",
        )
    )
    assert [(p.row, p.column) for p in report.problems] == [(4, "ФИО")]
    assert "2, 3" in report.problems[0].message
    assert not Mentor.objects.exists()


def test_the_same_email_and_name_in_two_rows_is_still_one_person(two_schools):
    report = imported(
        csv(
            "ФИО;E-mail",
            "Иванова Анна;anna@example.com",
            "ИВАНОВА АННА;Anna@Example.com",
        )
    )
    assert [(p.row, p.message) for p in report.problems] == [
        (3, "The same person as in row 2 of this file.")
    ]
    assert not Mentor.objects.exists()


def test_rows_whose_name_keys_share_a_hash_are_still_told_apart(two_schools, monkeypatch):
    """The file's earlier rows are remembered by their name key's hash; a row whose key only
    shares the hash is another person. Every key is given one hash here."""
    monkeypatch.setattr(matching, "hash", lambda key: 0, raising=False)
    report = imported(
        csv(
            "ФИО;E-mail;Организация",
            f"Иванова Анна;;{SCHOOL_A}",
            f"Петрова Мария;;{SCHOOL_A}",
            f"Иванова Анна;;{SCHOOL_B}",
            f"иванова анна;;{SCHOOL_A}",
        )
    )
    assert [(p.row, p.message) for p in report.problems] == [
        (5, "The same person as in row 2 of this file.")
    ]


def test_siblings_with_their_parents_email_are_two_mentees(two_schools):
    data = csv(
        "ФИО;E-mail;Организация;Класс",
        f"Петров Пётр;parent@example.com;{SCHOOL_A};5 «А»",
        f"Петрова Мария;parent@example.com;{SCHOOL_A};3 «Б»",
    )
    report = imported(data, "mentees")
    assert report.ok and report.applied, problem_lines(report)
    assert report.count("new") == 2
    assert sorted(Mentee.objects.values_list("full_name", "class_name")) == [
        ("Петров Пётр", "5 «А»"),
        ("Петрова Мария", "3 «Б»"),
    ]
    assert notes_of(report) == [
        (
            3,
            "E-mail",
            "Shares the e-mail parent@example.com with Петров Пётр (row 2): imported as a "
            "different person, since the names differ.",
        )
    ]

    again = imported(data, "mentees")
    assert again.ok and again.applied, problem_lines(again)
    assert (again.count("new"), again.count("updated"), again.count("unchanged")) == (0, 0, 2)
    assert Mentee.objects.count() == 2
    assert any("with Петрова Мария already in the base" in n.message for n in again.notes)


def test_a_sibling_of_someone_in_the_base_is_a_new_mentee(two_schools):
    brother = make_mentee("Петров Пётр", email="parent@example.com", organization=two_schools[0])
    report = imported(
        csv("ФИО;E-mail;Организация", f"Петрова Мария;parent@example.com;{SCHOOL_A}"), "mentees"
    )
    assert report.ok and report.count("new") == 1, problem_lines(report)
    assert Mentee.objects.get(pk=brother.pk).full_name == "Петров Пётр"
    assert [(n.row, n.column) for n in report.notes] == [(2, "E-mail")]
    assert "Петров Пётр" in report.notes[0].message


def test_a_row_without_email_still_finds_the_one_person_of_its_name(two_schools):
    anna = make_mentor("Иванова Анна", email="anna@example.com", organization=two_schools[0])
    report = imported(
        csv("ФИО;Организация;Максимум наставляемых", f"Иванова Анна;{SCHOOL_A};3"),
    )
    assert report.ok and report.count("updated") == 1, problem_lines(report)
    anna.refresh_from_db()
    assert (anna.capacity, Mentor.objects.count()) == (3, 1)
    assert report.notes == []


def test_a_parent_mentor_and_a_child_sharing_the_email_may_be_paired(two_schools):
    parent = make_mentor("Петрова Ольга", email="parent@example.com", capacity=2)
    child = make_mentee("Петрова Мария", email="PARENT@example.com")
    namesake = make_mentee("Петрова Ольга", email="olga.junior@example.com")
    herself = make_mentee("петрова ольга", email="Parent@Example.com")
    assert not same_person(parent, child) and not same_person(parent, namesake)
    assert same_person(parent, herself)
    pair = MentorshipPair(mentor=parent, status=MentorshipPair.Status.FORMING)
    assert pair_errors(pair, [child, namesake]) == {}
    assert "mentees" in pair_errors(pair, [herself])


# Acting for one's own organisations ----------------------------------------------------


def test_a_curator_cannot_import_into_another_schools_base(curator_b, two_schools):
    school_a, school_b = two_schools
    make_mentor("Орлова Ирина", email="orlova@example.com", organization=school_a, capacity=2)
    make_mentor("Зуев Максим", email="zuev@example.com", organization=school_b)
    state = database_state()
    report = imported(
        csv(
            "ФИО;E-mail;Организация;Максимум наставляемых",
            "Зуев Максим;zuev@example.com;;3",  # their own: fine on its own
            "Орлова Ирина;orlova@example.com;;5",  # school A's, by e-mail
            f"Новый Наставник;new@example.com;{SCHOOL_A};1",  # into school A, by the column
        ),
        user=curator_b.user,
        organization=school_b,
    )
    assert not report.applied
    assert [(p.row, p.column, p.message) for p in report.problems] == [
        (
            3,
            "E-mail",
            "Орлова Ирина is in the base of another organisation: ask the municipal coordinator.",
        ),
        (
            4,
            "Организация",
            f"You do not act for «{SCHOOL_A}»: ask its curator or the municipal coordinator.",
        ),
    ]
    assert SCHOOL_A not in report.problems[0].message  # nothing more than needed
    assert database_state() == state


def test_a_coordinator_imports_into_any_school(django_user_model, two_schools):
    """The same rows as a curator is refused, from someone who acts for every school."""
    school_a, school_b = two_schools
    make_mentor("Орлова Ирина", email="orlova@example.com", organization=school_a, capacity=2)
    coordinator = login_client(django_user_model, COORDINATORS, "coordinator")
    report = imported(
        csv(
            "ФИО;E-mail;Организация;Максимум наставляемых",
            "Орлова Ирина;orlova@example.com;;5",
            f"Новый Наставник;new@example.com;{SCHOOL_A};1",
        ),
        user=coordinator.user,
        organization=school_b,
    )
    assert report.applied, problem_lines(report)
    assert (report.count("new"), report.count("updated")) == (1, 1)
    assert Mentor.objects.get(email="orlova@example.com").organization == school_a
    assert Mentor.objects.get(email="new@example.com").organization == school_a


def test_another_schools_namesake_is_not_a_match(curator_b, two_schools):
    school_a, school_b = two_schools
    theirs = make_mentor("Иванова Анна", organization=school_a)  # no e-mail
    report = imported(csv("ФИО", "Иванова Анна"), user=curator_b.user, organization=school_b)
    assert report.applied and report.count("new") == 1, problem_lines(report)
    assert Mentor.objects.get(pk=theirs.pk).organization == school_a
    assert Mentor.objects.exclude(pk=theirs.pk).get().organization == school_b
    assert report.notes == []  # another school's people are not mentioned


def test_new_people_go_to_the_uploads_organisation(django_user_model, two_schools):
    school_b = two_schools[1]
    curator = login_client(django_user_model, CURATORS, "curator-ab", two_schools)
    report = imported(
        csv("ФИО;E-mail", "Новый Человек;new@example.com"),
        "mentees",
        user=curator.user,
        organization=school_b,
    )
    assert report.applied, problem_lines(report)
    assert Mentee.objects.get().organization == school_b
    # Of two schools, the curator must say which one.
    report = imported(csv("ФИО", "Другой Человек"), "mentees", user=curator.user)
    assert [(p.row, p.column) for p in report.problems] == [(2, "Организация")]
    assert Mentee.objects.count() == 1


def test_a_curator_of_one_school_imports_into_it(curator_b, two_schools):
    report = imported(csv("ФИО", "Новый Человек"), user=curator_b.user)
    assert report.applied, problem_lines(report)
    assert Mentor.objects.get().organization == two_schools[1]


def test_a_curator_cannot_add_an_organisation_through_the_column(django_user_model, curator_b):
    data = csv("ФИО;Организация", "Новый Человек;МБОУ «СОШ № 99»")
    state = database_state()
    report = imported(data, user=curator_b.user)
    assert [(p.row, p.column, p.message) for p in report.problems] == [
        (
            2,
            "Организация",
            "There is no organisation «МБОУ «СОШ № 99»» in the base: write its name as the base "
            "does, or ask the municipal coordinator to add it.",
        )
    ]
    assert database_state() == state
    coordinator = login_client(django_user_model, COORDINATORS, "coordinator")
    assert imported(data, user=coordinator.user).applied
    assert Mentor.objects.get().organization.name == "МБОУ «СОШ № 99»"


def test_an_upload_for_another_school_is_refused(curator_b, two_schools):
    report = imported(csv("ФИО", "Новый Человек"), user=curator_b.user, organization=two_schools[0])
    assert [p.message for p in report.problems] == [
        f"You do not act for «{SCHOOL_A}»: ask its curator or the municipal coordinator."
    ]
    assert not Mentor.objects.exists()


def test_the_command_line_acts_for_the_named_organisation(tmp_path, two_schools):
    path = tmp_path / "mentors.csv"
    path.write_bytes(csv("ФИО;E-mail", "Новый Человек;new@example.com"))
    out = io.StringIO()
    call_command("mentorship_import", "mentors", str(path), "--organization", SCHOOL_B, stdout=out)
    assert Mentor.objects.get().organization == two_schools[1]
    with pytest.raises(CommandError):
        call_command("mentorship_import", "mentors", str(path), "--organization", "Нет такой")
    call_command(
        "mentorship_import", "mentees", str(path), f"--organization={two_schools[0].pk}", stdout=out
    )
    assert Mentee.objects.get().organization == two_schools[0]


# Pairs -----------------------------------------------------------------------------------

PAIRS = "Наставник;Наставляемые;Форма наставничества"


def test_a_shared_email_names_a_mentee_only_with_the_name(two_schools):
    school_a = two_schools[0]
    make_mentor("Орлова Ирина", email="orlova@example.com", organization=school_a, capacity=2)
    make_mentee("Петров Пётр", email="parent@example.com", organization=school_a)
    maria = make_mentee("Петрова Мария", email="parent@example.com", organization=school_a)
    report = imported(csv(PAIRS, "orlova@example.com;parent@example.com;Ученик – ученик"), "pairs")
    (problem,) = report.problems
    assert (problem.row, problem.column) == (2, "Наставляемые")
    assert "Петров Пётр" in problem.message and "Петрова Мария" in problem.message
    assert "Петров Пётр <parent@example.com>" in problem.message  # how to write it
    assert not MentorshipPair.objects.exists()

    report = imported(
        csv(PAIRS, "orlova@example.com;Петрова Мария <parent@example.com>;Ученик – ученик"),
        "pairs",
    )
    assert report.applied, problem_lines(report)
    assert list(MentorshipPair.objects.get().mentees.all()) == [maria]


def test_a_curator_pairs_only_people_they_may_see(curator_b, two_schools):
    school_a, school_b = two_schools
    make_mentor("Орлова Ирина", email="orlova@example.com", organization=school_a)
    zuev = make_mentor("Зуев Максим", email="zuev@example.com", organization=school_b)
    lena = make_mentee("Смирнова Елена", organization=school_b)
    state = database_state()
    report = imported(
        csv(PAIRS, "orlova@example.com;Смирнова Елена;Ученик – ученик"),
        "pairs",
        user=curator_b.user,
    )
    assert [(p.row, p.column) for p in report.problems] == [(2, "Наставник")]
    assert "orlova@example.com" in report.problems[0].message
    assert database_state() == state

    report = imported(
        csv(PAIRS, "zuev@example.com;Смирнова Елена;Ученик – ученик"),
        "pairs",
        user=curator_b.user,
    )
    assert report.applied, problem_lines(report)
    pair = MentorshipPair.objects.get()
    assert (pair.mentor, list(pair.mentees.all()), pair.organization) == (zuev, [lena], school_b)


# The admin --------------------------------------------------------------------------------


def upload(client, data, **fields):
    return client.post(
        reverse(f"{MENTORS}:import"), {"file": SimpleUploadedFile("mentors.csv", data), **fields}
    )


def test_the_upload_offers_the_curators_schools_only(django_user_model, two_schools):
    school_a, school_b = two_schools
    other = school("МБОУ «Гимназия № 3»")
    curator = login_client(django_user_model, CURATORS, "curator-ab", two_schools)
    page = BeautifulSoup(curator.get(reverse(f"{MENTORS}:import")).content, "html.parser")
    offered = {o["value"] for o in page.select("select[name=organization] option") if o["value"]}
    assert offered == {str(school_a.pk), str(school_b.pk)}

    data = csv("ФИО;Стаж и опыт работы", "Новый Человек;Учитель физики")
    # Left blank, the preview asks for the school: tests/test_import_preview.py.
    assert upload(curator, data, organization=other.pk).status_code == 200
    assert not SpreadsheetImport.objects.exists()

    response = upload(curator, data, organization=school_b.pk)
    assert response.status_code == 302
    pending = SpreadsheetImport.objects.get()
    assert pending.organization == school_b
    preview_url = response["Location"]
    assert 'data-count="new">1<' in curator.get(preview_url).content.decode()
    map_columns(curator, preview_url, {"Стаж и опыт работы": "position"})
    curator.post(preview_url, {"action": "confirm"})
    person = Mentor.objects.get()
    assert (person.organization, person.position) == (school_b, "Учитель физики")
    # The column mapping is remembered for school № 2's files only.
    assert ColumnMapping.remembered("mentors", school_b) == {"стаж и опыт работы": "position"}
    assert ColumnMapping.remembered("mentors", school_a) == {}


def test_a_curator_of_one_school_has_it_fixed(curator_b, two_schools):
    school_a, school_b = two_schools
    page = BeautifulSoup(curator_b.get(reverse(f"{MENTORS}:import")).content, "html.parser")
    field = page.select_one("select[name=organization]")
    assert field.has_attr("disabled")
    assert [o.get_text() for o in field.select("option[selected]")] == [str(school_b)]
    # A school posted anyway is not taken.
    response = upload(curator_b, csv("ФИО", "Новый Человек"), organization=school_a.pk)
    assert response.status_code == 302
    assert SpreadsheetImport.objects.get().organization == school_b
    curator_b.post(response["Location"], {"action": "confirm"})
    assert Mentor.objects.get().organization == school_b


def test_the_preview_shows_namesakes_as_notes(django_user_model, two_schools):
    school_a = two_schools[0]
    make_mentor("Иванова Анна", email="anna.math@example.com", organization=school_a)
    curator = login_client(django_user_model, CURATORS, "curator-a", [school_a])
    response = upload(curator, csv("ФИО;E-mail", "Иванова Анна;anna.music@example.com"))
    preview = BeautifulSoup(curator.get(response["Location"]).content, "html.parser")
    notes = preview.select_one("#import-notes").find_parent("section")
    assert "anna.math@example.com" in notes.get_text()
    assert preview.select_one("#import-problems") is None
    assert preview.select_one("button[value=confirm]") is not None
    curator.post(response["Location"], {"action": "confirm"})
    assert Mentor.objects.filter(full_name="Иванова Анна").count() == 2
