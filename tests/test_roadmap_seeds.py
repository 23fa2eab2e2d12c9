"""The five seed roadmaps, typed into Word tables laid out as their originals, import through
the admin and the roadmap prints their numbers as the approved documents do (4.3.1 stays
4.3.1); a hand-typed xlsx with «1.» stage rows imports; a broken document writes nothing."""

import io
import zipfile
from types import SimpleNamespace

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from openpyxl import Workbook
from wagtail.test.utils import WagtailTestUtils

from tests.builders import build_roadmap, build_site
from tests.roadmap_seed_tables import LEFT, SEED_TABLES, UP
from wagtail_mentorship.models import RoadmapPage, StagePage
from wagtail_mentorship.models.pages.roadmap_table import activity_numbers
from wagtail_mentorship.spreadsheets.docx_tables import read_word_table

UPLOAD = "wagtail_mentorship_roadmap_import:upload"
SEEDS = {seed.name: seed for seed in SEED_TABLES}


def write_cell(cell, value: str) -> None:
    """Each line of ``value`` a paragraph of the cell, as Word keeps them."""
    first, *more = value.split("\n")
    cell.paragraphs[0].text = first
    for line in more:
        cell.add_paragraph(line)


def _run_start(rows, r, c, step) -> tuple[int, int]:
    """The cell a merge marker belongs to: up the column or left along the row."""
    while rows[r][c] in (UP, LEFT):
        r, c = (r - 1, c) if step == UP else (r, c - 1)
    return r, c


def seed_docx(seed, *, before=()) -> bytes:
    """The seed's document: its heading, then its table with the merges of the original."""
    document = docx.Document()
    for table_rows in before:  # tables above the roadmap's, an approval block for one
        small = document.add_table(rows=len(table_rows), cols=len(table_rows[0]))
        for r, row in enumerate(table_rows):
            for c, value in enumerate(row):
                write_cell(small.cell(r, c), value)
    document.add_paragraph(seed.heading)
    rows = [seed.header, *seed.rows]
    table = document.add_table(rows=len(rows), cols=len(seed.header))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value not in (UP, LEFT):
                write_cell(table.cell(r, c), value)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            last_of_run = (value == LEFT and (c + 1 == len(row) or row[c + 1] != LEFT)) or (
                value == UP and (r + 1 == len(rows) or rows[r + 1][c] != UP)
            )
            if last_of_run:
                table.cell(*_run_start(rows, r, c, value)).merge(table.cell(r, c))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class RoadmapImportTestCase(WagtailTestUtils, TestCase):
    def setUp(self):
        self.roadmap = build_roadmap(build_site(), stages=0, title="Дорожная карта", slug="rm")
        self.login()

    def upload(self, name, content) -> str:
        response = self.client.post(
            reverse(UPLOAD, args=[self.roadmap.pk]), {"file": SimpleUploadedFile(name, content)}
        )
        self.assertEqual(response.status_code, 302, response.content[:500])
        return response["Location"]

    def import_and_publish(self, name, content):
        """Upload → preview → confirm, then the editor publishes every draft stage."""
        preview_url = self.upload(name, content)
        preview = self.client.get(preview_url)
        self.assertEqual(preview.context["report"].problems, [])
        self.assertContains(preview, 'value="confirm"')
        response = self.client.post(preview_url, {"action": "confirm"}, follow=True)
        self.assertContains(response, "сохранены как черновики")
        for stage in StagePage.objects.child_of(self.roadmap):
            stage.get_latest_revision().publish()

    def page_stages(self) -> list[tuple[str, list[str]]]:
        """Each stage's heading on the public roadmap and the numbers of its activities."""
        page = RoadmapPage.objects.get(pk=self.roadmap.pk)
        soup = self.get_soup(self.client.get(page.url).content)
        return [
            (
                body.select_one("th[scope=rowgroup] a").get_text(" ", strip=True),
                [th.get_text(strip=True) for th in body.select("th[scope=row]")],
            )
            for body in soup.select("table.mentorship-table tbody")
        ]

    def activity(self, number):
        stages = StagePage.objects.child_of(self.roadmap)
        return next(a for stage in stages for a in stage.activities.all() if a.number == number)


class SeedDocumentTests(RoadmapImportTestCase):
    def check_seed(self, name):
        seed = SEEDS[name]
        self.import_and_publish(f"roadmap-{name}.docx", seed_docx(seed))
        self.assertEqual(
            self.page_stages(),
            [
                (f"Этап {index}. {title}", list(numbers))
                for index, (title, numbers) in enumerate(seed.stages, start=1)
            ],
        )

    def test_chaikovsky_stages_merged_down_their_activities(self):
        self.check_seed("000")
        stage = StagePage.objects.child_of(self.roadmap).first()
        activities = list(stage.activities.all())
        self.assertEqual(
            activities[0].title,
            "Изучение и систематизация имеющихся материалов по проблеме наставничества",
        )
        self.assertEqual(activities[0].timing, "Сентябрь - октябрь 2022 года")
        # One activity split over three rows by its timings: three rows, one title.
        self.assertEqual(
            [(a.title[:12], a.timing) for a in activities[2:5]],
            [
                ("Выбор форм и", "Ноябрь 2022 года"),
                ("Выбор форм и", "1 декада ноября 2022 года"),
                ("Выбор форм и", "В течение года"),
            ],
        )

    def test_college_keeps_its_printed_sub_numbers(self):
        self.check_seed("001")
        item = self.activity("4.3.1")
        self.assertTrue(item.title.startswith("Составление программы обучения наставников"))
        self.assertEqual((item.timing, item.responsible), ("Ноябрь", "Кураторы"))
        self.assertTrue(item.result.startswith("Программа обучения наставников, утвержденная"))
        self.assertEqual(self.activity("1.7").title[:30], "Разработка методики анкетирова")
        # A stage row's own aim and timing are the stage's description and timing.
        stage = StagePage.objects.child_of(self.roadmap).get(title="Формирование базы наставляемых")
        self.assertEqual(stage.timing, "Ежегодно\nсентябрь-октябрь")
        self.assertIn("Выявление конкретных проблем", stage.description)
        html = self.client.get(stage.url).content.decode()
        self.assertIn("2.1.", html)
        stage = StagePage.objects.child_of(self.roadmap).get(title="Обучение наставников")
        soup = self.get_soup(self.client.get(stage.url).content)
        numbers = [n.get_text(strip=True) for n in soup.select(".mentorship-activity__number")]
        self.assertEqual(numbers, ["4.1.", "4.2.", "4.3.", "4.3.1.", "4.3.2.", "4.3.3."])

    def test_beloyarsky_stage_numbers_with_the_name_merged_across(self):
        self.check_seed("002")
        item = self.activity("2.5")
        self.assertEqual((item.timing, item.responsible), ("декабрь 2022 г.", "МАУ «БМЦ», ОУ"))
        self.assertEqual(item.result, "Методическое пособие")

    def test_sosnogorsk_a_stage_and_its_activities_in_one_row(self):
        self.check_seed("003")
        item = StagePage.objects.child_of(self.roadmap).get(title="Формирование банка наставляемых")
        (activity,) = item.activities.all()
        self.assertEqual(
            activity.title,
            "1) Сбор информации о профессиональных запросах педагогов\n"
            "2) Формирование банка данных наставляемых",
        )
        self.assertEqual(activity.timing, "Ежегодно, до 15 сентября\nЕжегодно, до 1 октября")

    def test_mozhga_numbers_at_the_start_of_each_activity(self):
        self.check_seed("004")
        item = self.activity("1.1")
        self.assertEqual(
            item.title,
            "Формирование в образовательной организации команды и назначение ответственного "
            "(куратора) за внедрение модели наставничества",
        )
        self.assertEqual(item.responsible, "Директор Пономарёва О.Л.")

    def test_the_roadmap_table_is_the_largest_of_the_document(self):
        approval = [["УТВЕРЖДЕНО", "Приказом Управления образования"]]
        content = seed_docx(SEEDS["004"], before=[approval])
        self.import_and_publish("roadmap.docx", content)
        self.assertEqual(len(self.page_stages()), len(SEEDS["004"].stages))


class HandTypedSpreadsheetTests(RoadmapImportTestCase):
    def test_stage_rows_numbered_in_the_first_column_and_merged_across(self):
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(["Дорожная карта школы"])
        sheet.append(["№", "Наименование мероприятия", "Сроки", "Ответственный", "Результат"])
        sheet.append(["1.", "Подготовка условий для запуска программы наставничества"])
        sheet.merge_cells("B3:E3")
        sheet.append(["1.1", "Приказ о внедрении", "Сентябрь", "Директор", "Приказ"])
        sheet.append([1.2, "Положение о наставничестве", "Октябрь", "Куратор", "Положение"])
        sheet.append([2, "Формирование базы наставников"])
        sheet.merge_cells("B6:E6")
        sheet.append([2.1, "Анкетирование", "Ежегодно,\nдо 1 октября", "Куратор", "Анкеты"])
        buffer = io.BytesIO()
        workbook.save(buffer)
        self.import_and_publish("roadmap.xlsx", buffer.getvalue())
        self.assertEqual(
            self.page_stages(),
            [
                ("Этап 1. Подготовка условий для запуска программы наставничества", ["1.1", "1.2"]),
                ("Этап 2. Формирование базы наставников", ["2.1"]),
            ],
        )
        self.assertEqual(self.activity("2.1").timing, "Ежегодно,\nдо 1 октября")

    def test_a_timing_too_long_for_its_field_is_named_with_its_row_and_column(self):
        table = "№;Мероприятие;Сроки\n1.;Подготовка условий\n1.1;Приказ;" + "Ежегодно " * 40
        report = self.client.get(self.upload("roadmap.csv", table.encode())).context["report"]
        self.assertEqual(
            [(p.row, p.column, p.message[:35]) for p in report.problems],
            [(3, "Сроки", "В ячейке 359 символов; здесь помеща")],
        )


class BrokenDocumentTests(RoadmapImportTestCase):
    def refused(self, name, content) -> str:
        preview_url = self.upload(name, content)
        response = self.client.get(preview_url)
        self.assertNotContains(response, 'value="confirm"')
        self.client.post(preview_url, {"action": "confirm"})
        self.assertFalse(StagePage.objects.child_of(self.roadmap).exists())
        return " ".join(problem.message for problem in response.context["report"].problems)

    def test_a_truncated_document_is_refused_with_a_message(self):
        content = seed_docx(SEEDS["002"])
        message = self.refused("roadmap.docx", content[: len(content) // 2])
        self.assertIn("«roadmap.docx» повреждён", message)

    def test_a_file_named_docx_that_is_not_one(self):
        message = self.refused("roadmap.docx", "№;Мероприятие\n1.1;Приказ\n".encode())
        self.assertIn("не документ Word", message)

    def test_a_document_without_a_table(self):
        document = docx.Document()
        document.add_paragraph("Дорожная карта")
        buffer = io.BytesIO()
        document.save(buffer)
        self.assertIn("нет таблицы", self.refused("roadmap.docx", buffer.getvalue()))

    def test_a_zip_bomb_named_docx_is_not_unpacked(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("word/document.xml", b" " * 5_000_000)
        self.assertIn("распаковывается", self.refused("roadmap.docx", buffer.getvalue()))


def test_numbers_continue_at_the_depth_of_the_number_before():
    def items(*numbers):
        return [SimpleNamespace(number=number) for number in numbers]

    assert activity_numbers(4, items("", "", "4.3", "4.3.1", "", "")) == [
        "4.1",
        "4.2",
        "4.3",
        "4.3.1",
        "4.3.2",
        "4.3.3",
    ]
    assert activity_numbers(4, items("4.3.3.", "", "4.4", "")) == ["4.3.3", "4.3.4", "4.4", "4.5"]
    assert activity_numbers(2, items("", "", "")) == ["2.1", "2.2", "2.3"]


def test_a_word_cell_merged_down_and_across_repeats_its_text():
    seed = SEEDS["000"]
    rows = list(read_word_table(seed_docx(seed), "000.docx").rows())
    assert rows[0] == list(seed.header)
    assert (
        rows[1][:2]
        == rows[7][:2]
        == ["1.", "Подготовка условий для запуска программы наставничества"]
    )
    assert rows[4][2] == rows[3][2]  # «Выбор форм и программ…» merged down its three rows
    rows = list(read_word_table(seed_docx(SEEDS["004"]), "004.docx").rows())
    assert rows[1] == ["Этап №1. Подготовка условий для запуска программы наставничества"] * 4
