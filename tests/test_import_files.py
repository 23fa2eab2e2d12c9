"""Questionnaire files as schools really have them, imported into the bases."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from tests.fixture_files import FIXTURES, MENTEE_FILES, MENTOR_FILES
from tests.people_builders import make_mentor
from wagtail_mentorship.importing.pipeline import run_import
from wagtail_mentorship.importing.reports import problem_lines
from wagtail_mentorship.models import Mentee, Mentor, Organization


def load(name, target, dry_run=False, **kwargs):
    return run_import((FIXTURES / name).read_bytes(), name, target, dry_run=dry_run, **kwargs)


def forms_of(person, field):
    return sorted(form.name for form in getattr(person, field).all())


@pytest.mark.django_db
@pytest.mark.parametrize("name", MENTEE_FILES)
def test_forms_exports_and_excel_csv_import_mentees(name):
    report = load(name, "mentees")
    assert report.ok, report.problems
    assert (report.count("new"), report.count("invalid")) == (2, 0)
    lena = Mentee.objects.get(full_name="Смирнова Елена Игоревна")
    assert (lena.email, lena.phone, lena.class_name) == (
        "lena.demo@example.com",
        "+7 900 000-10-01",
        "7 «А»",
    )
    assert lena.request == "Подготовка к олимпиаде по математике"
    assert lena.is_minor is True
    assert lena.organization.name == "МБОУ «СОШ № 1»"
    assert forms_of(lena, "preferred_forms") == ["Ученик – ученик"]
    artem = Mentee.objects.get(full_name="Кузьмин Артём Олегович")
    assert forms_of(artem, "preferred_forms") == ["Студент – ученик", "Ученик – ученик"]
    # A question with no field of its own is kept with the person's answers.
    assert lena.questionnaire_answers["Как вы узнали о программе наставничества?"] == (
        "От классного руководителя"
    )
    assert "Как вы узнали о программе наставничества?" in report.unmatched


@pytest.mark.django_db
@pytest.mark.parametrize("name", MENTOR_FILES)
def test_office_bases_with_title_rows_merged_cells_and_numbers(name):
    report = load(name, "mentors")
    assert report.ok, report.problems
    assert report.sheet == "Наставники"  # the hidden sheet before it is passed over
    assert report.count("new") == 3
    orlova = Mentor.objects.get(email="orlova.demo@example.com")
    assert orlova.phone == "79000001001"  # a number cell, never «79000001001.0»
    assert orlova.capacity == 2 and orlova.category == "teacher"
    assert orlova.processing_consent_date == datetime.date(2026, 9, 1)  # a date cell
    assert orlova.processing_consent_by == "person"
    zuev = Mentor.objects.get(email="zuev.demo@example.com")
    assert zuev.processing_consent_date == datetime.date(2026, 9, 1)  # an Excel serial day
    assert forms_of(zuev, "mentorship_forms") == ["Ученик – ученик", "Учитель – учитель"]
    assert zuev.competencies == "Физика\nробототехника"
    belkina = Mentor.objects.get(full_name="Белкина Ольга Сергеевна")
    assert belkina.processing_consent_date == datetime.date(2026, 9, 2)  # typed as text
    assert belkina.category == "graduate" and belkina.capacity == 1
    assert orlova.questionnaire_answers == {"Стаж работы": "15"}


@pytest.mark.django_db
@pytest.mark.parametrize("name", MENTOR_FILES)
def test_importing_twice_creates_no_one_twice(name):
    load(name, "mentors")
    again = load(name, "mentors")
    assert (again.count("new"), again.count("updated"), again.count("unchanged")) == (0, 0, 3)
    assert Mentor.objects.count() == 3
    assert Organization.objects.filter(name="МБОУ «СОШ № 1»").count() == 1


@pytest.mark.django_db
def test_two_files_with_the_same_people_match_by_email_then_name():
    load("google_forms_mentees.csv", "mentees")
    report = load("yandex_forms_mentees.xlsx", "mentees")
    assert (report.count("new"), Mentee.objects.count()) == (0, 2)
    # The Yandex file adds its own timestamp column to the answers: an update, shown as such.
    assert report.count("updated") == 2
    change = report.changes[0]
    assert any("Время создания" in label for label, _old, _new in change.fields)


@pytest.mark.django_db
def test_preview_writes_nothing_and_reports_changes():
    make_mentor("Орлова Ирина Викторовна", email="orlova.demo@example.com", capacity=5)
    report = load("mentors_base.xlsx", "mentors", dry_run=True)
    assert (report.count("new"), report.count("updated")) == (2, 1)
    assert Mentor.objects.count() == 1
    assert Mentor.objects.get().capacity == 5
    (change,) = report.changes
    assert change.name == "Орлова Ирина Викторовна"
    assert ("максимум наставляемых", 5, 2) in change.fields
    assert not Organization.objects.filter(name="МБОУ «СОШ № 1»").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["mentors", "mentees"])
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_changes_nothing(tmp_path, target, suffix):
    load("mentors_base.xlsx", "mentors")
    load("google_forms_mentees.csv", "mentees")
    Mentor.objects.filter(email="zuev.demo@example.com").update(
        competencies='=HYPERLINK("http://evil")', phone="+7 900 000-10-02"
    )
    path = tmp_path / f"base{suffix}"
    call_command("mentorship_export", target, str(path))
    report = run_import(path.read_bytes(), path.name, target, dry_run=True)
    assert report.ok, report.problems
    assert report.count("unchanged") == (3 if target == "mentors" else 2)
    assert report.count("new") == report.count("updated") == 0


@pytest.mark.django_db
def test_the_command_line_export_is_in_each_persons_trail(tmp_path):
    from wagtail_mentorship.models import PersonalDataLogEntry

    load("mentors_base.xlsx", "mentors")
    call_command("mentorship_export", "mentors", str(tmp_path / "base.csv"))
    entries = PersonalDataLogEntry.objects.filter(action="wagtail_mentorship.export")
    assert sorted(e.object_id for e in entries) == sorted(
        str(pk) for pk in Mentor.objects.values_list("pk", flat=True)
    )
    assert {(e.user, e.data["format"]) for e in entries} == {(None, "csv")}


@pytest.mark.django_db
def test_xlsx_export_keeps_formula_like_text_as_text(tmp_path):
    make_mentor('=HYPERLINK("http://evil")', competencies="@SUM(A1)", phone="+7 900")
    path = tmp_path / "mentors.xlsx"
    call_command("mentorship_export", "mentors", str(path))
    cells = [c for row in load_workbook(path).active.iter_rows(min_row=2) for c in row if c.value]
    assert {c.value for c in cells} >= {'=HYPERLINK("http://evil")', "@SUM(A1)", "+7 900"}
    assert all(c.data_type == "s" for c in cells if isinstance(c.value, str))


@pytest.mark.django_db
def test_csv_export_neutralises_formulas(tmp_path):
    make_mentor('=HYPERLINK("http://evil")', competencies="-2+3")
    path = tmp_path / "mentors.csv"
    call_command("mentorship_export", "mentors", str(path))
    text = path.read_text(encoding="utf-8-sig")
    cells = [cell for line in text.splitlines() for cell in line.split(";")]
    assert not [cell for cell in cells if cell and cell[0] in "=+-@"]
    assert "'=HYPERLINK" in text and "'-2+3" in text


@pytest.mark.django_db
def test_command_line_import_prints_counts():
    out = io.StringIO()
    call_command("mentorship_import", "mentors", str(FIXTURES / "mentors_base.ods"), stdout=out)
    assert "Новых: 3, обновлено: 0, без изменений: 0." in out.getvalue()
    out = io.StringIO()
    call_command(
        "mentorship_import", "mentors", str(FIXTURES / "mentors_base.ods"), "--dry-run", stdout=out
    )
    assert "ничего не записано" in out.getvalue() and "без изменений: 3" in out.getvalue()


@pytest.mark.django_db
def test_command_line_import_with_problems_writes_nothing_and_fails(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "ФИО;E-mail;Категория\n"
        "Иванов Иван;ivanov@example.com;Педагог\n"
        "Петров;нет почты;Космонавт\n",
        encoding="utf-8",
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("mentorship_import", "mentors", str(bad), stderr=err)
    assert "Строка 3, столбец «E-mail»: «нет почты» — не адрес электронной почты." in err.getvalue()
    assert "Строка 3, столбец «Категория»" in err.getvalue()
    assert Mentor.objects.count() == 0


@pytest.mark.django_db
def test_a_file_read_in_several_datasets_is_still_all_or_nothing(monkeypatch):
    monkeypatch.setattr("wagtail_mentorship.importing.pipeline.CHUNK_ROWS", 2)
    rows = [f"Человек {n};p{n}@example.com" for n in range(5)]
    good = ("ФИО;E-mail\n" + "\n".join(rows) + "\n").encode()
    report = run_import(good, "people.csv", "mentors", dry_run=False)
    assert (report.count("new"), Mentor.objects.count()) == (5, 5)

    again = [*rows, "Человек 0;p0@example.com", "Новый;не почта"]
    report = run_import(
        ("ФИО;E-mail\n" + "\n".join(again) + "\n").encode(), "again.csv", "mentors", dry_run=False
    )
    assert report.count("unchanged") == 5
    lines = " ".join(problem_lines(report))
    assert "Строка 7, столбец «ФИО»: Тот же человек, что в строке 2 этого файла." in lines
    assert "Строка 8, столбец «E-mail»" in lines
    assert not report.applied and Mentor.objects.count() == 5
