"""Small builders of pages for tests: a site with a home page, roadmaps, practices."""

from wagtail.models import Locale, Page, Site

from home.models import HomePage
from wagtail_mentorship.models import (
    BestPracticeIndexPage,
    BestPracticePage,
    Organization,
    RoadmapActivity,
    RoadmapPage,
    StagePage,
)


def publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def build_site() -> HomePage:
    """A default site whose root is a fresh HomePage (also after a transactional flush)."""
    Locale.objects.get_or_create(language_code="ru")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    for child in root.get_children():
        child.delete()
    home = publish_child(root, HomePage(title="Школа", slug="home"))
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Школа"
    )
    return home


def build_roadmap(parent, *, stages=3, activities=3, title="Дорожная карта", slug=None, **fields):
    organization, _ = Organization.objects.get_or_create(
        name="МБОУ «Средняя общеобразовательная школа № 1»",
        defaults={"short_name": "МБОУ «СОШ № 1»"},
    )
    roadmap = publish_child(
        parent,
        RoadmapPage(
            title=title,
            slug=slug or f"roadmap-{RoadmapPage.objects.count() + 1}",
            organization=organization,
            period="2025–2026 учебный год",
            approval="УТВЕРЖДЕНО приказом № 12 от 01.09.2025",
            **fields,
        ),
    )
    for stage_no in range(1, stages + 1):
        stage = StagePage(title=f"Этап-{stage_no}", slug=f"stage-{stage_no}")
        stage.activities = [
            RoadmapActivity(
                sort_order=n,
                title=f"Мероприятие {stage_no}-{n}",
                content=f"Содержание {stage_no}-{n}",
                timing="В течение года",
                responsible="Куратор",
                result=f"Приказ {stage_no}-{n}",
                status=RoadmapActivity.Status.DONE if n == 1 else RoadmapActivity.Status.PLANNED,
            )
            for n in range(1, activities + 1)
        ]
        publish_child(roadmap, stage)
    return roadmap


def build_practices_index(parent, slug="practices") -> BestPracticeIndexPage:
    return publish_child(parent, BestPracticeIndexPage(title="Лучшие практики", slug=slug))


def build_practice(index, *, title, year=2024, kind="case", form=None, tags=(), **fields):
    page = BestPracticePage(
        title=title,
        slug=fields.pop("slug", None) or f"practice-{BestPracticePage.objects.count() + 1}",
        year=year,
        kind=kind,
        mentorship_form=form,
        summary=fields.pop("summary", f"Кратко о практике «{title}»."),
        **fields,
    )
    page.tags.add(*tags)
    return publish_child(index, page)
