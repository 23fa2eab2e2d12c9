"""A site's own page types derived from the app's abstract pages (tests/testapp) work
wherever the app's own pages do: the roadmap import, the xlsx download and the blocks."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import override
from openpyxl import Workbook, load_workbook

from home.models import HomeBodyBlock
from tests.builders import build_practice, build_practices_index, build_roadmap, publish_child
from tests.testapp.models import (
    ClubActivity,
    ClubPracticePage,
    ClubRoadmapPage,
    ClubStagePage,
)
from wagtail_mentorship.importing.roadmap import parse_roadmap_table, save_as_drafts
from wagtail_mentorship.models import BestPracticePage, RoadmapActivity, RoadmapPage, StagePage
from wagtail_mentorship.public.blocks import RoadmapSummaryBlock
from wagtail_mentorship.spreadsheets.reading import open_spreadsheet


def build_club_roadmap(parent, *, stages=2, activities=2, title="Карта клуба наставников"):
    roadmap = publish_child(
        parent, ClubRoadmapPage(title=title, slug="club-roadmap", club_name="Клуб «Старт»")
    )
    for stage_no in range(1, stages + 1):
        stage = ClubStagePage(title=f"Этап клуба {stage_no}", slug=f"club-stage-{stage_no}")
        stage.activities = [
            ClubActivity(
                title=f"Встреча клуба {stage_no}-{n}",
                timing="Ежемесячно",
                status=ClubActivity.Status.DONE if n == 1 else ClubActivity.Status.PLANNED,
            )
            for n in range(1, activities + 1)
        ]
        publish_child(roadmap, stage)
    return roadmap


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def publish_body(page, body):
    page.body = body
    page.save_revision().publish()


def test_the_abstract_pages_name_their_related_models():
    assert RoadmapPage.get_stage_model() is StagePage
    assert StagePage.get_activity_model() is RoadmapActivity
    assert RoadmapPage.get_activity_model() is RoadmapActivity
    assert ClubRoadmapPage.get_stage_model() is ClubStagePage
    assert ClubStagePage.get_activity_model() is ClubActivity
    assert ClubRoadmapPage.get_activity_model() is ClubActivity


def test_the_roadmap_import_makes_club_stages_and_activities(home_page, admin_user):
    roadmap = build_club_roadmap(home_page, stages=0)
    data = xlsx_bytes(
        [
            ["№", "Мероприятие", "Сроки", "Ответственные"],
            ["Этап 1. Набор в клуб"],
            ["1.1.", "Анкетирование", "Сентябрь", "Куратор"],
            ["1.2.", "Приказ о клубе", "Октябрь", "Директор"],
            ["Этап 2. Встречи клуба"],
            ["2.1.", "Первая встреча", "Ноябрь", "Наставники"],
        ]
    )
    stages, problems = parse_roadmap_table(open_spreadsheet(data, "club.xlsx"))
    assert problems == []

    counts = save_as_drafts(roadmap, stages, admin_user)

    assert counts == {"stages_new": 2, "stages_updated": 0, "activities": 3}
    assert not StagePage.objects.child_of(roadmap).exists()
    drafts = [page.get_latest_revision_as_object() for page in roadmap.get_children().specific()]
    assert [type(page) for page in drafts] == [ClubStagePage, ClubStagePage]
    assert [page.title for page in drafts] == ["Набор в клуб", "Встречи клуба"]
    assert not any(page.live for page in drafts)
    activities = list(drafts[0].activities.all())
    assert {type(activity) for activity in activities} == {ClubActivity}
    assert [(a.title, a.timing, a.responsible) for a in activities] == [
        ("Анкетирование", "Сентябрь", "Куратор"),
        ("Приказ о клубе", "Октябрь", "Директор"),
    ]

    save_as_drafts(roadmap, stages[:1], admin_user)  # again: the same club stage, updated
    assert ClubStagePage.objects.child_of(roadmap).count() == 2


def test_the_xlsx_download_of_a_club_roadmap_has_its_stages(client, home_page):
    roadmap = build_club_roadmap(home_page, stages=2, activities=2)
    response = client.get(roadmap.url + "xlsx/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == 'attachment; filename="club-roadmap.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    first_column = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert "Этап 1. Этап клуба 1" in first_column
    assert "Этап 2. Этап клуба 2" in first_column
    cells = {cell for row in sheet.iter_rows(values_only=True) for cell in row}
    assert {"Встреча клуба 1-1", "Встреча клуба 2-2"} <= cells


def test_the_roadmap_summary_renders_a_club_roadmap(client, home_page):
    roadmap = build_club_roadmap(home_page, stages=2, activities=2)
    publish_body(home_page, [("roadmap_summary", {"heading": "", "roadmap": roadmap})])
    soup = BeautifulSoup(client.get(home_page.url).content, "html.parser")
    summary = soup.select_one(".mentorship-summary")
    assert summary.h2.get_text(strip=True) == "Карта клуба наставников"
    assert summary.h2.a["href"] == roadmap.url
    links = [a.get_text(strip=True) for a in summary.select("li > a")]
    assert links == ["Этап 1. Этап клуба 1", "Этап 2. Этап клуба 2"]
    assert [int(p["value"]) for p in summary.select("progress")] == [50, 50]


def test_the_roadmap_chooser_offers_every_roadmap_page_type(admin_client, home_page):
    club_roadmap = build_club_roadmap(home_page, stages=0)
    build_roadmap(home_page, stages=0, title="Карта школы")
    chooser = RoadmapSummaryBlock().child_blocks["roadmap"]
    assert set(chooser.target_models) == {RoadmapPage, ClubRoadmapPage}
    assert set(chooser.widget.model_names) == {
        "wagtail_mentorship.roadmappage",
        "testapp.clubroadmappage",
    }
    assert set(chooser.field.queryset.specific()) == {
        club_roadmap,
        RoadmapPage.objects.get(),
    }  # and not the home page nor any other page
    assert chooser.clean(club_roadmap).pk == club_roadmap.pk
    with pytest.raises(ValidationError):
        chooser.clean(home_page)

    response = admin_client.get(
        reverse("wagtailadmin_choose_page_child", args=[home_page.pk]),
        {"page_type": ",".join(chooser.widget.model_names)},
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.json()["html"], "html.parser")
    choosable = {link["data-title"] for link in soup.select("a.choose-page")}
    assert choosable == {"Карта клуба наставников", "Карта школы"}


def test_the_roadmap_chooser_deconstructs_as_before():
    """As a plain PageChooserBlock of RoadmapPage: a site's migrations do not change."""
    chooser = RoadmapSummaryBlock().child_blocks["roadmap"]
    with override("en"):  # the labels as the migrations hold them
        assert chooser.deconstruct() == (
            "wagtail.blocks.PageChooserBlock",
            (),
            {"label": "roadmap", "page_type": ["wagtail_mentorship.RoadmapPage"]},
        )
    assert HomeBodyBlock().child_blocks["roadmap_summary"].deconstruct()[0] == (
        "wagtail.blocks.StructBlock"
    )


def test_latest_practices_include_a_club_practice(client, home_page, django_assert_max_num_queries):
    index = build_practices_index(home_page)
    build_practice(index, title="Практика школы")
    publish_child(
        index,
        ClubPracticePage(
            title="Практика клуба", slug="club-practice", year=2025, summary="Кратко о клубе."
        ),
    )
    publish_body(
        home_page, [("latest_practices", {"heading": "", "count": 3, "index_page": index})]
    )
    soup = BeautifulSoup(client.get(home_page.url).content, "html.parser")
    block = soup.select_one(".mentorship-latest")
    assert [a.get_text() for a in block.select("h3 a")] == ["Практика клуба", "Практика школы"]
    assert "Кратко о клубе." in block.get_text()

    block_def = HomeBodyBlock().child_blocks["latest_practices"]
    value = block_def.to_python({"heading": "", "count": 3, "index_page": None})
    # View restrictions, the pages, then one query per page type.
    with django_assert_max_num_queries(4):
        practices = list(block_def.get_context(value)["practices"])
        for practice in practices:  # joined in: no query each
            str(practice.organization), str(practice.mentorship_form)
    assert [type(p) for p in practices] == [ClubPracticePage, BestPracticePage]


def test_the_admin_import_fills_a_club_roadmap(admin_client, home_page):
    """The page's header offers the import, and upload → preview → confirm makes the club's
    own stage pages and activities."""
    roadmap = build_club_roadmap(home_page, stages=0)
    import_url = reverse("wagtail_mentorship_roadmap_import:upload", args=[roadmap.pk])
    edit_page = admin_client.get(reverse("wagtailadmin_pages:edit", args=[roadmap.pk]))
    assert import_url in edit_page.content.decode()
    table = "Этап;Мероприятие;Сроки\nЭтап 1. Клуб;Встреча клуба;Сентябрь\n".encode()
    response = admin_client.post(import_url, {"file": SimpleUploadedFile("club.csv", table)})
    assert response.status_code == 302
    response = admin_client.post(response["Location"], {"action": "confirm"})
    assert response.status_code == 302
    (stage,) = ClubStagePage.objects.child_of(roadmap)
    draft = stage.get_latest_revision_as_object()
    assert [type(a) for a in draft.activities.all()] == [ClubActivity]
    assert [a.title for a in draft.activities.all()] == ["Встреча клуба"]
