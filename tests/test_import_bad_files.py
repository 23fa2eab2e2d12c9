"""Bad files: the curator sees what is wrong, in Russian, and the database stays as it was."""

import io
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from django.test import override_settings

from tests.people_builders import make_mentor
from wagtail_mentorship.importing.pipeline import run_import
from wagtail_mentorship.importing.reports import problem_lines
from wagtail_mentorship.models import Mentee, Mentor, MentorshipForm, Organization

FIXTURES = Path(__file__).parent / "fixtures"
GOOD_XLSX = (FIXTURES / "mentors_base.xlsx").read_bytes()
BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
        for n in range(1, 10)
    )
    + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b"<si><t>&lol9;</t></si></sst>"
)


def database_state():
    return (
        list(Mentor.objects.order_by("pk").values()),
        list(Mentee.objects.order_by("pk").values()),
        list(Organization.objects.order_by("pk").values()),
        list(MentorshipForm.objects.order_by("pk").values()),
    )


def replaced_part(data: bytes, name: str, content: bytes) -> bytes:
    """The same xlsx with one part replaced."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, content if item.filename == name else source.read(item))
    return out.getvalue()


def zip_bomb() -> bytes:
    """An «xlsx» whose one part inflates from about 100 KB to 100 MB, written in chunks."""
    out = io.BytesIO()
    chunk = b"\0" * (1 << 20)
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part,
    ):
        for _ in range(100):
            part.write(chunk)
    return out.getvalue()


@pytest.fixture
def base(db):
    make_mentor("Существующая Наставница", email="kept@example.com", capacity=3)
    return database_state()


def refused(data, name, target="mentors"):
    report = run_import(data, name, target, dry_run=False)
    assert not report.ok and not report.applied
    return " ".join(problem_lines(report))


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (
            b"\x89PNG\r\n\x1a\n" + b"\0" * 200,
            "photo.xlsx",
            "«photo.xlsx» — не таблица, хотя так назван",
        ),
        (
            b"%PDF-1.7 ...",
            "scan.pdf",
            "«scan.pdf» — не таблица: загрузите файл .xlsx, .ods или .csv",
        ),
        (b"\0\1\2binary" * 20, "export.csv", "не текстовая таблица (csv)"),
        (GOOD_XLSX[: len(GOOD_XLSX) // 2], "cut.xlsx", "повреждён или загружен не полностью"),
        (b"", "empty.csv", "Файл пуст"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
            "secret.xlsx",
            "защищён паролем или сохранён в старом формате Excel 97–2003",
        ),
        (
            replaced_part(GOOD_XLSX, "xl/sharedStrings.xml", BILLION_LAUGHS),
            "laughs.xlsx",
            "содержит XML-объявления, которых не бывает в таблицах (DTD)",
        ),
        (
            "Фамилия;Почта\nИванов;ivanov@example.com\n".encode(),
            "no-name-column.csv",
            "В строке заголовков (строка 1) не найден столбец «ФИО»",
        ),
    ],
    ids=["png", "pdf", "binary-csv", "truncated", "empty", "encrypted", "xml-bomb", "header"],
)
def test_unreadable_files_are_refused_with_a_reason(base, data, name, message):
    assert message in refused(data, name)
    assert database_state() == base


def test_a_zip_bomb_is_refused_before_it_is_inflated(base):
    bomb = zip_bomb()
    tracemalloc.start()
    text = refused(bomb, "bomb.xlsx")
    _size, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "распаковывается в 100,0" in text and "открывать его не будем" in text
    assert peak < 5 * len(bomb) + (1 << 20)  # nothing near the 100 MB it would inflate to
    assert database_state() == base


@override_settings(WAGTAIL_MENTORSHIP_IMPORT_MAX_BYTES=1000)
def test_a_file_over_the_size_limit_is_refused(base):
    assert "можно загрузить файл не больше 1000" in refused(GOOD_XLSX, "big.xlsx")
    assert database_state() == base


@override_settings(WAGTAIL_MENTORSHIP_IMPORT_MAX_ROWS=3)
def test_a_sheet_over_the_row_limit_is_refused(base):
    rows = "\n".join(f"Человек {n};p{n}@example.com" for n in range(10))
    text = refused(f"ФИО;E-mail\n{rows}\n".encode(), "many.csv")
    assert "строк: 10; за один раз можно загрузить не больше 3" in text  # the header not counted
    assert database_state() == base


@override_settings(WAGTAIL_MENTORSHIP_IMPORT_MAX_ROWS=3)
def test_as_many_rows_as_the_limit_with_titles_and_a_header_are_imported(base):
    rows = "\n".join(f"Человек {n};p{n}@example.com" for n in range(3))
    data = f"База наставников;\nна 01.09.2026;\nФИО;E-mail\n{rows}\n".encode()
    report = run_import(data, "three.csv", "mentors", dry_run=False)
    assert report.applied and report.count("new") == 3


@override_settings(WAGTAIL_MENTORSHIP_IMPORT_MAX_COLUMNS=50)
def test_a_sheet_of_thousands_of_columns_is_refused(base):
    wide = ";".join(f"Вопрос {n}" for n in range(16_384))
    data = f"ФИО;E-mail;{wide}\nИванова;iv@example.com;{wide}\n".encode()
    text = refused(data, "wide.csv")
    assert "В строке 1 заполнено столбцов: 16386; загрузить можно не больше 50" in text
    assert database_state() == base


def test_a_cell_of_megabytes_is_refused_with_its_place(base):
    data = ("ФИО;E-mail;Запрос\nИванова;iv@example.com;" + "а" * 100_000 + "\n").encode()
    text = refused(data, "long.csv", "mentees")
    assert "Строка 2, столбец 3: в ячейке 100000 символов; загрузить можно не больше 10000" in text
    assert database_state() == base


def test_a_cell_over_the_csv_readers_limit_is_refused_not_a_crash(base):
    data = ("ФИО;E-mail;Запрос\nИванова;iv@example.com;" + "а" * 5_000_000 + "\n").encode()
    assert "Строку 2 не прочитать" in refused(data, "huge-cell.csv", "mentees")
    assert database_state() == base


def test_an_unclosed_quote_is_refused_with_its_line(base):
    data = 'ФИО;E-mail\nИванова;iv@example.com\n"Петров;p@example.com\nСидоров;s@example.com\n'
    text = refused(data.encode(), "quote.csv")
    assert "не закрыта кавычка" in text and "Строку 3 не прочитать" in text  # where it opens
    assert database_state() == base


def test_a_utf8_file_with_one_cp1251_line_is_refused_with_the_line(base):
    data = (
        "ФИО;E-mail\nИванова Анна;iv@example.com\n".encode()
        + "Петрова Ольга;p@example.com\n".encode("cp1251")
    )
    text = refused(data, "mixed.csv")
    assert "Строка 3 записана не в той кодировке, что строки перед ней (UTF-8)" in text
    assert database_state() == base


def test_one_bad_row_and_nothing_is_written(base):
    csv = (
        "ФИО;E-mail;Максимум наставляемых;Формы наставничества;Согласие на обработку ПД\n"
        "Новый Наставник;new@example.com;2;Учитель – учитель;01.09.2026\n"
        "Существующая Наставница;kept@example.com;4;;\n"
        "Плохой Наставник;bad@example.com;два;Космическая форма;31.02.2026\n"
        ";nameless@example.com;1;;\n"
        "Новый Наставник;;1;;\n"
    ).encode()
    lines = refused(csv, "mixed.csv")
    assert "Строка 4, столбец «Максимум наставляемых»: «два» — не целое число." in lines
    assert (
        "Строка 4, столбец «Формы наставничества»: Нет такого значения: «Космическая форма»"
        in lines
    )
    assert "Строка 4, столбец «Согласие на обработку ПД»: «31.02.2026» — не дата" in lines
    assert "Строка 5, столбец «ФИО»: Не заполнено ФИО." in lines
    assert "Строка 6, столбец «ФИО»: Тот же человек, что в строке 2 этого файла." in lines
    assert database_state() == base


def test_a_minor_with_consent_and_no_representative_is_refused_as_the_form_would(base):
    """The model's own rules run on every row: the admin's form refuses this mentee too."""
    data = (
        "ФИО;Класс;Несовершеннолетний;Согласие на обработку ПД\nЮный Ученик;7 «А»;да;01.09.2026\n"
    ).encode()
    report = run_import(data, "minor.csv", "mentees", dry_run=False)
    assert not report.applied
    assert [(p.row, p.column) for p in report.problems] == [(2, "Законный представитель")]
    assert "Укажите законного представителя" in report.problems[0].message
    assert database_state() == base
