"""The import's preview shows what will be written before anything is: the columns as
recognised, the first rows as they will be saved, the changes, and what the curator decides
on (an organisation for a file that names none, minors with no representative, no consent);
its pages say where the curator is."""

import csv
import io

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import nested_form_data

from tests.builders import build_site
from tests.fixture_files import FIXTURES
from tests.people_builders import CURATORS, login_client, make_mentee, school, schools
from wagtail_mentorship.models import Mentee, RoadmapPage, SpreadsheetImport

MENTEES = "wagtailsnippets_wagtail_mentorship_mentee"
ROADMAP_UPLOAD = "wagtail_mentorship_roadmap_import:upload"
ORGANIZATION_COLUMN = "Образовательная организация"


def google_forms_without_organisation() -> bytes:
    """The Google Forms export of the fixtures, its organisation column taken out."""
    text = (FIXTURES / "google_forms_mentees.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    drop = rows[0].index(ORGANIZATION_COLUMN)
    out = io.StringIO()
    csv.writer(out).writerows([cell for i, cell in enumerate(row) if i != drop] for row in rows)
    return out.getvalue().encode()


class ImportPreviewTestCase(WagtailTestUtils, TestCase):
    def curator(self, username, organizations):
        return login_client(get_user_model(), CURATORS, username, organizations)

    def upload(self, client, content, name="mentees.csv", **fields):
        response = client.post(
            reverse(f"{MENTEES}:import"), {"file": SimpleUploadedFile(name, content), **fields}
        )
        self.assertEqual(response.status_code, 302, response.content[:500])
        return response["Location"]

    def confirm(self, client, preview_url, **fields):
        return client.post(preview_url, nested_form_data({"action": "confirm", **fields}))

    def section(self, soup, heading_id):
        return soup.select_one(f"#{heading_id}").find_parent("section")

    def table(self, section) -> list[list[str]]:
        return [
            [cell.get_text(" ", strip=True) for cell in row.select("th, td")]
            for row in section.select("tr")
        ]


class GoogleFormsWithoutOrganisationTests(ImportPreviewTestCase):
    def setUp(self):
        self.school_a, self.school_b = schools(2)
        self.client = self.curator("curator-ab", [self.school_a, self.school_b])
        self.preview_url = self.upload(self.client, google_forms_without_organisation())

    def test_the_preview_shows_the_columns_as_recognised(self):
        soup = self.get_soup(self.client.get(self.preview_url).content)
        columns = dict(self.table(self.section(soup, "import-recognised"))[1:])
        self.assertEqual(columns["«Фамилия, имя, отчество»"], "ФИО")
        self.assertEqual(columns["«Адрес электронной почты»"], "E-mail")
        self.assertEqual(columns["«Класс/группа»"], "Класс или группа")
        self.assertEqual(columns["«Несовершеннолетний (да/нет)»"], "Несовершеннолетний")
        self.assertEqual(columns["«Отметка времени»"], "Другие ответы анкеты")
        self.assertEqual(
            columns["«Как вы узнали о программе наставничества?»"], "Другие ответы анкеты"
        )
        self.assertNotIn(f"«{ORGANIZATION_COLUMN}»", columns)

    def test_the_first_rows_are_shown_as_they_will_be_saved(self):
        soup = self.get_soup(self.client.get(self.preview_url).content)
        header, first, *others = self.table(self.section(soup, "import-first-rows"))
        row = dict(zip(header, first, strict=True))
        self.assertEqual(row["Строка"], "2")
        self.assertEqual(row["Что произойдёт"], "новая запись")
        self.assertEqual(row["Организация"], "—")  # to be chosen: see the caution
        self.assertEqual(row["ФИО"], "Смирнова Елена Игоревна")
        self.assertEqual(row["Несовершеннолетний"], "да")
        self.assertEqual(row["Класс или группа"], "7 «А»")
        self.assertEqual(row["Желаемые формы наставничества"], "Ученик – ученик")
        self.assertIn("Отметка времени: 01.09.2026 10:15:00", row["Другие ответы анкеты"])
        self.assertEqual(len(others), 1)  # the file has two rows
        self.assertFalse(Mentee.objects.exists())

    def test_the_curator_is_asked_for_one_of_their_organisations(self):
        soup = self.get_soup(self.client.get(self.preview_url).content)
        cautions = self.section(soup, "import-cautions")
        self.assertIn(
            "2 новые записи без организации (строки: 2, 3)", cautions.get_text(" ", strip=True)
        )
        offered = {o["value"] for o in cautions.select("select[name=organization] option")}
        self.assertEqual(offered, {"", str(self.school_a.pk), str(self.school_b.pk)})
        self.assertIsNotNone(soup.select_one("button[value=confirm]"))

    def test_choosing_the_organisation_imports_every_row_into_it(self):
        response = self.confirm(self.client, self.preview_url, organization=self.school_b.pk)
        self.assertRedirects(response, reverse(f"{MENTEES}:list"))
        self.assertEqual(Mentee.objects.count(), 2)
        self.assertEqual(
            set(Mentee.objects.values_list("organization", flat=True)), {self.school_b.pk}
        )

    def test_a_forged_organisation_is_refused_and_nothing_is_written(self):
        elsewhere = school("МБОУ «Гимназия № 3»")
        response = self.confirm(self.client, self.preview_url, organization=elsewhere.pk)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Ничего не загружено")
        self.assertFalse(Mentee.objects.exists())
        self.assertEqual(SpreadsheetImport.objects.get().status, SpreadsheetImport.Status.PENDING)
        # Not choosing is refused the same way.
        self.confirm(self.client, self.preview_url, organization="")
        self.assertFalse(Mentee.objects.exists())

    def test_minors_without_a_representative_and_people_without_consent_are_flagged(self):
        soup = self.get_soup(self.client.get(self.preview_url).content)
        cautions = {li["data-caution"]: li.get_text() for li in soup.select("[data-caution]")}
        self.assertIn("(строки: 2, 3)", cautions["representative"])
        self.assertIn("без согласия на обработку", cautions["consent"])


class OneOrganisationTests(ImportPreviewTestCase):
    def test_a_curator_of_one_organisation_gets_it_without_asking(self):
        client = self.curator("curator-a", [school()])
        preview_url = self.upload(client, google_forms_without_organisation())
        soup = self.get_soup(client.get(preview_url).content)
        self.assertIsNone(soup.select_one("select[name=organization]"))
        self.assertIsNone(soup.select_one("[data-caution=organization]"))
        self.confirm(client, preview_url)
        organizations = set(Mentee.objects.values_list("organization", flat=True))
        self.assertEqual((Mentee.objects.count(), organizations), (2, {school().pk}))


class IgnoredColumnTests(ImportPreviewTestCase):
    def test_a_column_without_a_header_is_shown_as_ignored(self):
        client = self.curator("curator-a", [school()])
        data = "ФИО;;E-mail\nОрлова Ирина;заметка на полях;orlova@example.com\n"
        soup = self.get_soup(client.get(self.upload(client, data.encode())).content)
        columns = self.table(self.section(soup, "import-recognised"))[1:]
        self.assertEqual(
            columns,
            [
                ["«ФИО»", "ФИО"],
                ["столбец B без заголовка", "Не загружается"],
                ["«E-mail»", "E-mail"],
            ],
        )


class UpdatedRowsTests(ImportPreviewTestCase):
    def test_updated_rows_show_each_field_old_and_new(self):
        make_mentee("Орлова Ирина", email="orlova@example.com", class_name="7 «А»", is_minor=True)
        client = self.curator("curator-a", [school()])
        data = "ФИО;E-mail;Класс;Несовершеннолетний\nОрлова Ирина;orlova@example.com;8 «Б»;нет\n"
        preview_url = self.upload(client, data.encode())
        soup = self.get_soup(client.get(preview_url).content)
        changes = self.table(self.section(soup, "import-changes"))
        self.assertIn(["2", "Орлова Ирина", "Класс или группа", "7 «А»", "8 «Б»"], changes)
        self.assertIn(["Несовершеннолетний", "да", "нет"], changes)
        first = dict(zip(*self.table(self.section(soup, "import-first-rows"))[:2], strict=True))
        self.assertEqual(first["Что произойдёт"], "изменится")


class TitlesAndHelpTests(ImportPreviewTestCase):
    def test_the_people_import_pages_say_where_the_curator_is(self):
        client = self.curator("curator-a", [school()])
        soup = self.get_soup(client.get(reverse(f"{MENTEES}:import")).content)
        self.assertEqual(soup.h1.get_text(strip=True), "Импорт наставляемых: загрузка файла")
        nav = soup.select_one("[data-w-breadcrumbs]").get_text(" ", strip=True)
        self.assertIn("Наставляемые", nav)
        listing = soup.select_one(f'[data-w-breadcrumbs] a[href="{reverse(f"{MENTEES}:list")}"]')
        self.assertIsNotNone(listing)

        preview_url = self.upload(client, google_forms_without_organisation())
        soup = self.get_soup(client.get(preview_url).content)
        self.assertEqual(
            soup.h1.get_text(strip=True), "Импорт наставляемых: проверка перед записью"
        )
        upload_link = soup.select_one(
            f'[data-w-breadcrumbs] a[href="{reverse(f"{MENTEES}:import")}"]'
        )
        self.assertEqual(upload_link.get_text(strip=True), "Импорт наставляемых")

    @override_settings(WAGTAIL_MENTORSHIP_IMPORT_MAX_BYTES=5 * 1024 * 1024)
    def test_the_roadmap_upload_has_its_own_help_and_the_true_limit(self):
        home = build_site()
        roadmap = home.add_child(instance=RoadmapPage(title="Дорожная карта школы", slug="map"))
        self.login()
        soup = self.get_soup(self.client.get(reverse(ROADMAP_UPLOAD, args=[roadmap.pk])).content)
        self.assertEqual(
            soup.h1.get_text(strip=True), "Этапы и мероприятия из таблицы: Дорожная карта школы"
        )
        main = soup.select_one("main").get_text(" ", strip=True)
        self.assertIn("«Наименование мероприятия»", main)
        self.assertIn("5,0\xa0МБ", main)
        self.assertNotIn("Google", main)
        self.assertNotIn("«ФИО»", main)
        self.assertNotIn("0 байт", main)

    @override_settings(WAGTAIL_MENTORSHIP_IMPORT_MAX_BYTES=5 * 1024 * 1024)
    def test_the_people_upload_states_the_true_limit(self):
        client = self.curator("curator-a", [school()])
        page = self.get_soup(client.get(reverse(f"{MENTEES}:import")).content)
        self.assertIn("до 5,0\xa0МБ", page.select_one("main").get_text())
