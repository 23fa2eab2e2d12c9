"""A visitor reads a roadmap, its stages, downloads it as xlsx and prints it."""

import re

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.builders import build_roadmap, publish_child
from wagtail_mentorship.models import RoadmapActivity, StagePage

Status = RoadmapActivity.Status

# A roadmap as schools write them: long titles, multi-line cells, a list typed with hyphens
# (a formula trigger in spreadsheets), «ёлочки», № and a cell left empty.
REALISTIC_STAGES = [
    (
        "Подготовительный этап",
        "Август – сентябрь 2025",
        [
            {
                "title": "Издание приказа о внедрении целевой модели наставничества",
                "content": "Разработка и утверждение:\n— положения о наставничестве;\n"
                "— дорожной карты внедрения",
                "timing": "До 1 сентября",
                "responsible": "Директор\nЗаместитель директора по УВР",
                "result": "Приказ № 125/1 «О внедрении целевой модели наставничества»",
                "status": Status.DONE,
            },
            {
                "title": "Формирование базы наставляемых",
                "content": "- анкетирование педагогов;\n- собеседование с молодыми специалистами",
                "timing": "Сентябрь",
                "responsible": "",
                "result": "База наставляемых",
                "status": Status.IN_PROGRESS,
            },
        ],
    ),
    (
        "Основной этап",
        "",
        [
            {
                "title": "Организация работы наставнических пар «учитель – учитель»",
                "content": "Встречи наставника и наставляемого\nне реже одного раза в месяц",
                "timing": "В течение года",
                "responsible": "Куратор наставничества",
                "result": "=План работы пары",
            },
        ],
    ),
]


def build_realistic_roadmap(home):
    roadmap = build_roadmap(
        home, stages=0, title="Дорожная карта внедрения целевой модели наставничества"
    )
    for number, (title, timing, activities) in enumerate(REALISTIC_STAGES, start=1):
        stage = StagePage(title=title, slug=f"stage-{number}", timing=timing)
        stage.activities = [RoadmapActivity(**fields) for fields in activities]
        publish_child(roadmap, stage)
    return roadmap


def collapse(text) -> str:
    return " ".join(str(text).split())


def without_trailing_blanks(cells: list[str]) -> list[str]:
    """A row's cells without the empty ones at its end (openpyxl pads rows to the widest)."""
    while cells and not cells[-1]:
        cells.pop()
    return cells


def page_table_rows(page) -> list[list[str]]:
    rows = page.locator("table.mentorship-table tr").evaluate_all(
        "rows => rows.map(row => Array.from(row.cells, cell => cell.innerText))"
    )
    return [without_trailing_blanks([collapse(cell) for cell in row]) for row in rows]


def xlsx_rows(path) -> tuple[list[str], list[list[str]]]:
    """(the lines above the table, the table from the header row the print repeats)."""
    sheet = openpyxl.load_workbook(path).active
    header_row = int(sheet.print_title_rows.split(":")[0].lstrip("$"))
    rows = [
        without_trailing_blanks(["" if value is None else collapse(value) for value in row])
        for row in sheet.iter_rows(values_only=True)
    ]
    return [" ".join(row) for row in rows[: header_row - 1] if row], rows[header_row - 1 :]


def test_visitor_reads_the_roadmap_and_a_stage(page, site_url):
    base_url, home = site_url
    roadmap = build_roadmap(home, stages=3, activities=3, slug="plan")
    page.goto(base_url + roadmap.url)

    expect(page.get_by_role("heading", level=1)).to_have_text(roadmap.title)
    table = page.get_by_role("table")
    for stage in range(1, 4):
        expect(table.get_by_role("link", name=f"Этап-{stage}")).to_have_attribute(
            "href", f"{roadmap.url}stage-{stage}/"
        )

    # The header row, then for each stage its heading row and its numbered activities.
    header, *body = page_table_rows(page)
    assert len(header) == 7  # No., activity, content, timing, responsible, result, status
    expected = []
    for stage in range(1, 4):
        expected.append([f"Этап-{stage}"])
        expected += [
            [
                f"{stage}.{n}",
                f"Мероприятие {stage}-{n}",
                f"Содержание {stage}-{n}",
                "В течение года",
                "Куратор",
                f"Приказ {stage}-{n}",
                "Выполнено" if n == 1 else "Запланировано",
            ]
            for n in range(1, 4)
        ]
    assert len(body) == len(expected)
    for row, wanted in zip(body, expected, strict=True):
        if len(wanted) == 1:
            assert len(row) == 1 and wanted[0] in row[0], row
        else:
            assert row == wanted
    expect(table.get_by_role("rowheader", name="3.3", exact=True)).to_be_visible()

    # The table of contents points at each stage's heading row in the table.
    toc_links = page.locator("nav.mentorship-toc").get_by_role("link")
    expect(toc_links).to_have_count(3)
    for stage in range(1, 4):
        link = toc_links.nth(stage - 1)
        expect(link).to_have_attribute("href", f"#stage-{stage}")
        expect(link).to_contain_text(f"Этап-{stage}")
        expect(table.locator(f"#stage-{stage}")).to_contain_text(f"Этап-{stage}")
    toc_links.nth(2).click()
    expect(page).to_have_url(re.compile(r"#stage-3$"))

    # A stage's link leads to the stage page with its numbered activities.
    table.get_by_role("link", name="Этап-2").click()
    expect(page).to_have_url(f"{base_url}{roadmap.url}stage-2/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Этап-2")
    expect(page.locator(".mentorship-activity h2")).to_have_text(
        [f"2.{n}. Мероприятие 2-{n}" for n in range(1, 4)]
    )
    expect(page.get_by_text("Содержание 2-3")).to_be_visible()

    # The breadcrumb leads back to the roadmap.
    page.locator("nav.mentorship-breadcrumbs").get_by_role("link", name=roadmap.title).click()
    expect(page).to_have_url(base_url + roadmap.url)
    expect(page.get_by_role("table")).to_be_visible()


def test_realistic_roadmap_numbers_and_texts(page, site_url):
    base_url, home = site_url
    roadmap = build_realistic_roadmap(home)
    page.goto(base_url + roadmap.url)

    _header, *body = page_table_rows(page)
    stage_rows = [row[0] for row in body if len(row) == 1]
    assert len(stage_rows) == 2
    assert "Подготовительный этап" in stage_rows[0] and "Август – сентябрь 2025" in stage_rows[0]
    assert [row[0] for row in body if len(row) > 1] == ["1.1", "1.2", "2.1"]
    first = body[1]
    assert first[1] == "Издание приказа о внедрении целевой модели наставничества"
    assert first[2] == (
        "Разработка и утверждение: — положения о наставничестве; — дорожной карты внедрения"
    )
    assert first[4] == "Директор Заместитель директора по УВР"
    assert body[2][4] == ""  # the empty «responsible» cell stays in its column
    # Line breaks of the texts are kept on the page.
    content_cell = page.get_by_role("cell", name=re.compile("^Разработка и утверждение"))
    expect(content_cell.locator("br")).to_have_count(2)


@pytest.mark.parametrize("kind", ["simple", "realistic"])
def test_xlsx_download_has_the_rows_of_the_page_table(page, site_url, kind, tmp_path):
    base_url, home = site_url
    if kind == "simple":
        roadmap = build_roadmap(home, stages=3, activities=3, slug="plan")
    else:
        roadmap = build_realistic_roadmap(home)
    page.goto(base_url + roadmap.url)
    rows_on_page = page_table_rows(page)
    assert len(rows_on_page) == (13 if kind == "simple" else 6)

    with page.expect_download() as download_info:
        page.locator(".mentorship-actions a[download]").click()
    download = download_info.value
    assert download.suggested_filename == f"{roadmap.slug}.xlsx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    title_lines, table_rows = xlsx_rows(path)
    assert title_lines[0] == roadmap.title
    assert table_rows == rows_on_page


def test_print_button_and_print_styles(page, site_url):
    base_url, home = site_url
    roadmap = build_roadmap(home, stages=2, activities=2, slug="plan")
    page.goto(base_url + roadmap.url)

    toc = page.locator("nav.mentorship-toc")
    actions = page.locator(".mentorship-actions")
    table = page.get_by_role("table")
    expect(page.locator("button[data-mentorship-print]")).to_be_visible()  # unhidden by print.js
    expect(toc).to_be_visible()
    expect(actions).to_be_visible()

    page.emulate_media(media="print")
    expect(toc).to_be_hidden()
    expect(actions).to_be_hidden()
    expect(table).to_be_visible()
    expect(table.get_by_role("rowheader", name="2.2", exact=True)).to_be_visible()
