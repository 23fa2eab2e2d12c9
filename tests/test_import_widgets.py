"""How an import reads the cells that name something: a choice, a mentorship form, a person;
and what an empty-looking cell does to a record already in the base."""

import pytest

from tests.people_builders import make_mentee, make_mentor
from wagtail_mentorship.importing.pipeline import run_import
from wagtail_mentorship.importing.reports import problem_lines
from wagtail_mentorship.models import Mentee, Mentor, MentorshipForm, MentorshipPair

PAIRS = "Наставник;Наставляемые;Форма наставничества"


def csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def imported(data, target):
    return run_import(data, f"{target}.csv", target, dry_run=False)


# Empty-looking cells and choices ---------------------------------------------------------


def test_empty_looking_cells_leave_the_record_as_it_is(db):
    olga = make_mentee(
        "Петрова Ольга", email="olga@example.com", is_minor=True, phone="+7 900 000-00-01"
    )
    report = imported(
        csv(
            "ФИО;E-mail;Телефон;Несовершеннолетний;Класс",
            "Петрова Ольга;olga@example.com;   ;;8 «Б»",
        ),
        "mentees",
    )
    assert report.applied and report.count("updated") == 1, problem_lines(report)
    olga.refresh_from_db()
    assert (olga.class_name, olga.phone, olga.is_minor) == ("8 «Б»", "+7 900 000-00-01", True)


def test_a_choice_may_be_written_as_its_code(db):
    report = imported(csv("ФИО;Категория;Статус", "Орлова Ирина;graduate;approved"), "mentors")
    assert report.applied, problem_lines(report)
    assert Mentor.objects.values_list("category", "status").get() == ("graduate", "approved")


def test_a_choice_not_in_the_list_is_refused_with_the_list(db):
    report = imported(csv("ФИО;Статус", "Орлова Ирина;Уволен"), "mentors")
    labels = ", ".join(str(label) for label in Mentor.Status.labels)  # as the admin shows them
    assert problem_lines(report) == [
        f"Строка 2, столбец «Статус»: «Уволен» — не из списка: {labels}."
    ]


# Mentorship forms -----------------------------------------------------------------------


@pytest.fixture
def people(db):
    return {
        "orlova": make_mentor("Орлова Ирина", email="orlova@example.com", capacity=3),
        "zuev": make_mentor("Зуев Максим"),
        "lena": make_mentee("Смирнова Елена"),
    }


def test_an_unknown_form_is_refused_with_the_forms_there_are(people):
    report = imported(csv(PAIRS, "Орлова Ирина;Смирнова Елена;Ученик – робот"), "pairs")
    known = ", ".join(form.name for form in MentorshipForm.objects.all())
    assert problem_lines(report) == [
        f"Строка 2, столбец «Форма наставничества»: Нет такого значения: «Ученик – робот»; "
        f"известны: {known}."
    ]


def test_a_pair_has_one_form(people):
    cell = "Учитель – учитель, Ученик – ученик"
    report = imported(csv(PAIRS, f"Орлова Ирина;Смирнова Елена;{cell}"), "pairs")
    (line,) = problem_lines(report)
    assert line.startswith(
        f"Строка 2, столбец «Форма наставничества»: Нет такого значения: «{cell}»"
    )
    assert not MentorshipPair.objects.exists()


# People ---------------------------------------------------------------------------------


def test_a_mentor_by_the_email_in_angle_brackets(people):
    report = imported(csv(PAIRS, "<Orlova@Example.com>;Смирнова Елена;Учитель – учитель"), "pairs")
    assert report.applied, problem_lines(report)
    assert MentorshipPair.objects.get().mentor == people["orlova"]


def test_a_person_without_an_email_is_found_by_the_name_written_with_one(people):
    # The file knows Елена's new address; the base has none yet: her name finds her.
    row = "orlova@example.com;Смирнова Елена <lena.new@example.com>;Учитель – учитель"
    report = imported(csv(PAIRS, row), "pairs")
    assert report.applied, problem_lines(report)
    assert list(MentorshipPair.objects.get().mentees.all()) == [people["lena"]]


def test_someone_named_with_an_email_who_is_not_in_the_base(people):
    row = "orlova@example.com;Нет Такой <nobody@example.com>;Учитель – учитель"
    assert problem_lines(imported(csv(PAIRS, row), "pairs")) == [
        "Строка 2, столбец «Наставляемые»: В базе нет наставляемого "
        "«Нет Такой <nobody@example.com>»."
    ]


def test_a_pair_has_one_mentor(people):
    row = "Орлова Ирина, Зуев Максим;Смирнова Елена;Учитель – учитель"
    assert problem_lines(imported(csv(PAIRS, row), "pairs")) == [
        "Строка 2, столбец «Наставник»: В базе нет наставника «Орлова Ирина, Зуев Максим»."
    ]
    assert not MentorshipPair.objects.exists()


def test_a_shared_email_is_refused_with_everyone_who_has_it(people):
    make_mentee("Петров Пётр", email="parent@example.com")
    make_mentee("Петрова Мария", email="parent@example.com")
    names = ", ".join(
        Mentee.objects.filter(email="parent@example.com").values_list("full_name", flat=True)
    )
    row = "orlova@example.com;parent@example.com;Учитель – учитель"
    (line,) = problem_lines(imported(csv(PAIRS, row), "pairs"))
    assert line == (
        f"Строка 2, столбец «Наставляемые»: Адрес parent@example.com указан у нескольких "
        f"наставляемых: {names}. Напишите ФИО вместе с адресом, например "
        f"«Петров Пётр <parent@example.com>»."
    )
