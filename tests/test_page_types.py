"""Every page type through Wagtail's own page assertions, with admin form data."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from home.models import HomePage
from tests.builders import build_practice, build_practices_index, build_roadmap, build_site
from wagtail_mentorship.models import (
    BestPracticeIndexPage,
    BestPracticePage,
    MentorshipForm,
    Organization,
    RoadmapPage,
    StagePage,
)


def activity_form(**fields):
    return {
        "title": "Отбор кандидатов в наставники",
        "content": "Анкетирование педагогов",
        "timing": "Ежегодно, до 1 октября",
        "start_date": "",
        "due_date": "",
        "responsible": "Заместитель директора по УВР",
        "result": "Приказ об утверждении списка наставников",
        "status": "planned",
        **fields,
    }


class PageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = build_site()
        cls.roadmap = build_roadmap(cls.home, stages=2, activities=2)
        cls.stage = cls.roadmap.get_children().first().specific
        cls.index = build_practices_index(cls.home)
        cls.practice = build_practice(cls.index, title="Кейс", tags=["адаптация"])

    def setUp(self):
        self.login()

    def test_parent_and_subpage_types(self):
        self.assertAllowedSubpageTypes(RoadmapPage, {StagePage})
        self.assertAllowedParentPageTypes(StagePage, {RoadmapPage})
        self.assertAllowedSubpageTypes(StagePage, {})
        self.assertAllowedSubpageTypes(BestPracticeIndexPage, {BestPracticePage})
        self.assertAllowedParentPageTypes(BestPracticePage, {BestPracticeIndexPage})
        self.assertAllowedSubpageTypes(BestPracticePage, {})
        self.assertCanCreateAt(HomePage, RoadmapPage)
        self.assertCanCreateAt(HomePage, BestPracticeIndexPage)
        self.assertCanNotCreateAt(HomePage, StagePage)
        self.assertCanNotCreateAt(HomePage, BestPracticePage)

    def test_roadmap_and_practices_section_not_at_tree_root(self):
        root = Page.get_first_root_node()
        self.assertFalse(RoadmapPage.can_create_at(root))
        self.assertFalse(BestPracticeIndexPage.can_create_at(root))
        self.assertTrue(RoadmapPage.can_create_at(self.home))

    def test_create_roadmap(self):
        organization = Organization.objects.first()
        self.assertCanCreate(
            self.home,
            RoadmapPage,
            nested_form_data(
                {
                    "title": "Дорожная карта 2026",
                    "slug": "roadmap-2026",
                    "organization": organization.pk,
                    "period": "2026–2027 учебный год",
                    "approval": "УТВЕРЖДЕНО приказом № 7 от 01.09.2026",
                    "intro": rich_text("<p>Цель — закрепить молодых специалистов.</p>"),
                }
            ),
        )
        created = RoadmapPage.objects.get(slug="roadmap-2026")
        self.assertEqual(created.organization, organization)
        self.assertTrue(created.live)

    def test_create_stage_with_activities(self):
        self.assertCanCreate(
            self.roadmap,
            StagePage,
            nested_form_data(
                {
                    "title": "Формирование базы наставников",
                    "slug": "mentors-base",
                    "timing": "Сентябрь",
                    "description": rich_text("<p>Отбор и обучение.</p>"),
                    "activities": inline_formset(
                        [
                            activity_form(start_date="2026-09-01", due_date="2026-10-01"),
                            activity_form(title="Обучение наставников", status="in_progress"),
                        ]
                    ),
                }
            ),
        )
        stage = StagePage.objects.get(slug="mentors-base")
        self.assertEqual(
            [a.title for a in stage.activities.all()],
            ["Отбор кандидатов в наставники", "Обучение наставников"],
        )

    def test_activity_due_date_before_start_date_is_refused(self):
        response = self.client.post(
            f"/admin/pages/add/wagtail_mentorship/stagepage/{self.roadmap.pk}/",
            nested_form_data(
                {
                    "title": "Этап с ошибкой",
                    "slug": "bad-dates",
                    "description": rich_text(""),
                    "activities": inline_formset(
                        [activity_form(start_date="2026-10-01", due_date="2026-09-01")]
                    ),
                    "action-publish": "action-publish",
                }
            ),
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(StagePage.objects.filter(slug="bad-dates").exists())
        formset = response.context["form"].formsets["activities"]
        self.assertIn("due_date", formset.forms[0].errors)

    def test_create_practices_section_and_practice(self):
        self.assertCanCreate(
            self.home,
            BestPracticeIndexPage,
            nested_form_data(
                {"title": "Практики", "slug": "practices-2", "intro": rich_text("<p>Кейсы</p>")}
            ),
        )
        form = MentorshipForm.objects.get(name="Учитель – учитель")
        self.assertCanCreate(
            self.index,
            BestPracticePage,
            nested_form_data(
                {
                    "title": "Наставник для молодого учителя",
                    "slug": "young-teacher",
                    "kind": "case",
                    "year": "2025",
                    "mentorship_form": form.pk,
                    "organization": "",
                    "tags": "адаптация, молодой специалист",
                    "summary": "Как пара учителей прошла первый год.",
                    "body": streamfield(
                        [
                            ("heading", "Запрос"),
                            ("paragraph", rich_text("<p>Трудности с дисциплиной.</p>")),
                            ("quote", {"quote": "Было с кем обсудить", "author": "", "role": ""}),
                        ]
                    ),
                    "authors": inline_formset([]),
                }
            ),
        )
        practice = BestPracticePage.objects.get(slug="young-teacher")
        self.assertEqual(practice.mentorship_form, form)
        self.assertEqual(
            sorted(tag.name for tag in practice.tags.all()), ["адаптация", "молодой специалист"]
        )

    def test_pages_are_routable_renderable_editable_previewable(self):
        # A StreamField's editor is drawn by JavaScript, so the practice's edit form is
        # given as data instead of being scraped from the HTML.
        practice_data = nested_form_data(
            {
                "title": self.practice.title,
                "slug": self.practice.slug,
                "kind": "programme",
                "year": "2024",
                "mentorship_form": "",
                "organization": "",
                "tags": "адаптация",
                "summary": self.practice.summary,
                "body": streamfield([("heading", "Итоги")]),
                "authors": inline_formset([]),
            }
        )
        for page, edit_data in (
            (self.roadmap, None),
            (self.stage, None),
            (self.index, None),
            (self.practice, practice_data),
        ):
            with self.subTest(page=type(page).__name__):
                self.assertPageIsRoutable(page)
                self.assertPageIsRenderable(page)
                self.assertPageIsEditable(page, post_data=edit_data)
                self.assertPageIsPreviewable(page, post_data=edit_data)

    def test_roadmap_xlsx_route(self):
        self.assertPageIsRoutable(self.roadmap, "xlsx/")
        self.assertPageIsRenderable(self.roadmap, "xlsx/")
