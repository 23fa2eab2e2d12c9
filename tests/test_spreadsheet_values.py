"""Cells as schools fill them in, and the header rows above them: what the base keeps, and
the messages a curator gets, with the row and column as the spreadsheet numbers them."""

import datetime
import io

import openpyxl
import pytest

from wagtail_mentorship.importing.pipeline import run_import
from wagtail_mentorship.importing.reports import problem_lines
from wagtail_mentorship.models import Mentee, Mentor, MentorshipPair


def xlsx(*rows) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def imported(data, target="mentors", name=None):
    name = name or f"{target}.{'xlsx' if data.startswith(b'PK') else 'csv'}"
    return run_import(data, name, target, dry_run=False)


def imported_ok(data, target="mentors"):
    report = imported(data, target)
    assert report.ok and report.applied, problem_lines(report)
    return report


# Cells ----------------------------------------------------------------------------------


def test_answers_keep_what_the_cells_show(db):
    imported_ok(
        xlsx(
            [
                "ФИО",
                "Готов вести группу",
                "Готов в выходные",
                "Дата собеседования",
                "Дата анкеты",
                "Стаж",
                "Время создания",  # Forms' timestamp: an answer, not the mentor's «Время»
                "Девиз",
            ],
            [
                "Орлова Ирина",
                True,
                False,
                datetime.datetime(2026, 9, 1, 8, 30),
                datetime.date(2026, 8, 25),
                15.0,
                datetime.datetime(2026, 8, 20, 14, 5),
                "'Лучше поздно, чем никогда'",
            ],
        )
    )
    mentor = Mentor.objects.get()
    assert mentor.questionnaire_answers == {
        "Готов вести группу": "Да",
        "Готов в выходные": "Нет",
        "Дата собеседования": "01.09.2026 08:30",
        "Дата анкеты": "25.08.2026",
        "Стаж": "15",
        "Время создания": "20.08.2026 14:05",
        "Девиз": "'Лучше поздно, чем никогда'",
    }
    assert mentor.availability == ""


def test_spaces_and_tabs_typed_into_cells_are_not_kept(db):
    imported_ok(
        xlsx(
            ["ФИО", "Класс", "Запрос"],
            ["Петрова\tОльга Сергеевна", "7-А  класс", "  Подготовка   к  олимпиаде "],
        ),
        "mentees",
    )
    mentee = Mentee.objects.get()
    assert (mentee.full_name, mentee.class_name, mentee.request) == (
        "Петрова Ольга Сергеевна",
        "7-А класс",
        "Подготовка к олимпиаде",
    )


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        ("01.09.2026 10:00", datetime.date(2026, 9, 1)),  # Forms write the time as well
        ("2026-09-02", datetime.date(2026, 9, 2)),
        ("03/09/2026", datetime.date(2026, 9, 3)),
        ("04-09-2026", datetime.date(2026, 9, 4)),
        ("05.09.26", datetime.date(2026, 9, 5)),
    ],
)
def test_consent_dates_as_schools_write_them(db, cell, day):
    imported_ok(csv("ФИО;Согласие на обработку ПД", f"Орлова Ирина;{cell}"))
    assert Mentor.objects.get().processing_consent_date == day


def test_a_number_beyond_any_date_is_refused_with_a_message(db):
    report = imported(xlsx(["ФИО", "Согласие на обработку ПД"], ["Орлова Ирина", 2958466]))
    assert problem_lines(report) == [
        "Строка 2, столбец «Согласие на обработку ПД»: «2958466» — не дата; пишите так: 01.09.2026."
    ]


def test_minor_or_not_in_words(db):
    data = csv(
        "ФИО;Несовершеннолетний",
        "Петров Пётр;да",
        "Сидорова Анна;НЕТ",
        "Кузьмин Артём;может быть",
    )
    assert problem_lines(imported(data, "mentees")) == [
        "Строка 4, столбец «Несовершеннолетний»: «может быть» — ни «да», ни «нет»: "
        "напишите «да» или «нет»."
    ]
    imported_ok(data.replace("может быть".encode(), b"-"), "mentees")
    assert dict(Mentee.objects.values_list("full_name", "is_minor")) == {
        "Петров Пётр": True,
        "Сидорова Анна": False,
        "Кузьмин Артём": False,
    }


# Header rows ----------------------------------------------------------------------------


def test_a_sheet_of_empty_cells_is_refused_as_empty(db):
    assert problem_lines(imported(csv(";;", ";;", ";;"))) == ["Лист пуст."]


def test_missing_columns_are_named_with_the_header_row_below_the_titles(db):
    report = imported(
        csv("Пары наставничества;", "на 01.09.2026;", "Форма;Статус", "Учитель – учитель;"),
        "pairs",
    )
    assert problem_lines(report) == [
        "В строке заголовков (строка 3) не найден столбец «Наставник», «Наставляемые»."
    ]
    assert not MentorshipPair.objects.exists()


def test_a_file_naming_no_known_column_names_its_first_row(db):
    report = imported(csv("Фамилия;Имя", "Иванов;Иван"))
    assert problem_lines(report) == ["В строке заголовков (строка 1) не найден столбец «ФИО»."]


def test_a_header_naming_the_full_name_alone_below_a_title(db):
    imported_ok(csv("Анкета наставника;", "ФИО;Стаж", "Иванова Анна;15"))
    assert Mentor.objects.get().questionnaire_answers == {"Стаж": "15"}


def test_rows_below_title_rows_are_numbered_as_in_the_sheet(db):
    report = imported(
        csv(
            "База наставников;",
            "на 01.09.2026;",
            "ФИО;E-mail",
            "Иванова Анна;anna@example.com",
            "Петров Павел;petrov-at-example.com",
        )
    )
    assert problem_lines(report) == [
        "Строка 5, столбец «E-mail»: «petrov-at-example.com» — не адрес электронной почты."
    ]


def test_rows_far_down_the_sheet_are_numbered_as_in_the_sheet(db):
    good = [f"Наставник {n};mentor{n}@example.com" for n in range(2, 25)]  # rows 2–24
    report = imported(csv("ФИО;E-mail", *good, "Петров Павел;petrov-at-example.com"))
    assert problem_lines(report) == [
        "Строка 25, столбец «E-mail»: «petrov-at-example.com» — не адрес электронной почты."
    ]
    assert not Mentor.objects.exists()


def test_a_column_without_a_header_does_not_hide_the_columns_after_it(db):
    imported_ok(csv("ФИО;;E-mail", "Иванова Анна;;anna@example.com"))
    assert Mentor.objects.get().email == "anna@example.com"
