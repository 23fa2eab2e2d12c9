"""A curator, not a superuser, imports a questionnaire spreadsheet into the mentees' base:
a file with a broken e-mail is refused in the preview; the fixed file is confirmed."""

import csv
import re

from playwright.sync_api import expect

from wagtail_mentorship.models import Mentee

MENTEES = "/admin/snippets/wagtail_mentorship/mentee/"
HEADERS = ["ФИО", "E-mail", "Класс", "Запрос"]
ROWS = [
    ["Орлова Ирина Сергеевна", "orlova@school1.example", "9 «А»", "Подготовка к олимпиаде"],
    ["Зуев Максим Андреевич", "zuev@school1.example", "10 «Б»", "Проект по физике"],
    ["Белова Дарья Олеговна", "belova@school1.example", "11 «В»", "Выбор профессии"],
]


def write_csv(path, rows):
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, delimiter=";")
        writer.writerow(HEADERS)
        writer.writerows(rows)
    return path


def upload(page, path):
    expect(page.get_by_role("heading", level=1)).to_contain_text("Импорт наставляемых")
    page.set_input_files("input[type=file][name=file]", path)
    page.get_by_role("button", name="Загрузить и проверить").click()
    expect(page).to_have_url(re.compile(rf"{MENTEES}import/[0-9a-f-]{{36}}/$"))


def test_curator_imports_mentees_after_fixing_the_file(curator, tmp_path):
    page, base_url = curator
    broken = [ROWS[0], [ROWS[1][0], "не-почта", *ROWS[1][2:]], ROWS[2]]
    broken_file = write_csv(tmp_path / "анкеты.csv", broken)
    fixed_file = write_csv(tmp_path / "анкеты-исправлено.csv", ROWS)

    page.goto(base_url + MENTEES)
    page.get_by_role("button", name="Действия", exact=True).click()  # the header's «…»
    page.get_by_role("link", name="Импорт из таблицы").click()
    expect(page).to_have_url(base_url + MENTEES + "import/")
    upload(page, broken_file)

    problems = page.locator("section[aria-labelledby=import-problems] tbody tr")
    expect(problems).to_have_count(1)
    expect(problems.locator("td")).to_have_text(
        ["3", "E-mail", "«не-почта» — не адрес электронной почты."]
    )
    expect(page.locator('[data-count="invalid"]')).to_have_text("1")
    expect(page.get_by_role("button", name="Подтвердить загрузку")).to_have_count(0)
    expect(page.get_by_role("button", name="Отменить и удалить файл")).to_be_visible()
    assert Mentee.objects.count() == 0

    page.goto(base_url + MENTEES + "import/")
    upload(page, fixed_file)
    expect(page.locator('[data-count="new"]')).to_have_text("3")
    expect(page.locator("section[aria-labelledby=import-problems]")).to_have_count(0)
    page.get_by_role("button", name="Подтвердить загрузку").click()

    expect(page).to_have_url(base_url + MENTEES)
    expect(page.locator(".messages")).to_contain_text("«анкеты-исправлено.csv» загружен. Новых: 3")
    rows = page.locator("table.listing tbody tr")
    expect(rows).to_have_count(3)
    for name, _email, class_name, _request in ROWS:
        expect(rows.filter(has_text=name)).to_contain_text(class_name)

    imported = Mentee.objects.order_by("full_name").values_list(
        "full_name", "email", "class_name", "request"
    )
    assert list(imported) == sorted(tuple(row) for row in ROWS)
