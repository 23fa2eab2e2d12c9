"""Pairs and groups from a spreadsheet: mentor and mentees named by e-mail or full name."""

import pytest
from django.core.management import call_command

from tests.people_builders import make_mentee, make_mentor, make_pair
from wagtail_mentorship.importing.pipeline import run_import
from wagtail_mentorship.importing.reports import problem_lines
from wagtail_mentorship.models import MentorshipPair

HEADER = "Наставник;Наставляемые;Форма наставничества;Статус;Дата начала;Номер приказа\n"


@pytest.fixture
def people(db):
    return {
        "orlova": make_mentor("Орлова Ирина", email="orlova@example.com", capacity=2),
        "zuev": make_mentor("Зуев Максим", capacity=1),
        "lena": make_mentee("Смирнова Елена"),
        "artem": make_mentee("Кузьмин Артём", email="artem@example.com"),
        "masha": make_mentee("Петрова Маша", is_minor=True),
    }


def imported(csv: str, dry_run=False):
    return run_import((HEADER + csv).encode(), "pairs.csv", "pairs", dry_run=dry_run)


def test_a_group_by_email_and_name_and_again_unchanged(people):
    row = (
        "orlova@example.com;Смирнова Елена, artem@example.com;"
        "Учитель – учитель;Формируется;01.09.2026;12/од\n"
    )
    report = imported(row)
    assert report.ok and report.count("new") == 1
    pair = MentorshipPair.objects.get()
    assert pair.mentor == people["orlova"] and pair.form.name == "Учитель – учитель"
    assert set(pair.mentees.all()) == {people["lena"], people["artem"]}
    assert (pair.status, str(pair.start_date), pair.order_number) == (
        "forming",
        "2026-09-01",
        "12/од",
    )
    again = imported(row)
    assert (again.count("new"), again.count("unchanged")) == (0, 1)
    changed = imported(row.replace("12/од", "13/од"), dry_run=True)
    assert changed.count("updated") == 1
    assert changed.changes[0].fields == [("номер приказа", "12/од", "13/од")]


def test_unknown_people_and_broken_rules_are_reported_and_nothing_is_written(people):
    make_mentee("Смирнова Елена", email="other.lena@example.com")  # a second Елена
    report = imported(
        "Нет Такого;Кузьмин Артём;;;;\n"
        "orlova@example.com;Смирнова Елена;;;;\n"
        "Зуев Максим;Кузьмин Артём, Петрова Маша;Ученик – ученик;Действует;;\n"
        "orlova@example.com;Петрова Маша;Ученик – ученик;Действует;;\n"
    )
    lines = problem_lines(report)
    assert "Строка 2, столбец «Наставник»: В базе нет наставника «Нет Такого»." in lines
    assert (
        "Строка 3, столбец «Наставляемые»: Наставляемых с ФИО «Смирнова Елена» несколько: "
        "укажите e-mail." in lines
    )
    assert any(
        line.startswith("Строка 4, столбец «Наставляемые»: Зуев Максим может вести не больше 1")
        for line in lines
    )
    assert any(
        line.startswith("Строка 5, столбец «Статус»: Пара не может начать работу") for line in lines
    )
    assert MentorshipPair.objects.count() == 0


def test_pairs_export_then_import_changes_nothing(people, tmp_path):
    make_pair(people["orlova"], [people["lena"], people["artem"]], status="forming")
    make_pair(people["zuev"], [people["masha"]], status="completed", order_number="=1+1")
    path = tmp_path / "pairs.xlsx"
    call_command("mentorship_export", "pairs", str(path))
    report = run_import(path.read_bytes(), path.name, "pairs", dry_run=True)
    assert report.ok, report.problems
    assert (report.count("unchanged"), report.count("new")) == (2, 0)
