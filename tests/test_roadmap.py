"""What a visitor gets from a roadmap: numbered stages and activities, a constant query count,
and an xlsx download with the same rows as the page table."""

import io
import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tests.builders import build_roadmap
from wagtail_mentorship.models import RoadmapActivity, StagePage


def squash(text) -> str:
    return re.sub(r"\s+", " ", str(text)).strip()


def page_table_rows(html: str) -> list[list[str]]:
    table = BeautifulSoup(html, "html.parser").select_one("table.mentorship-table")
    return [
        [squash(cell.get_text(" ")) for cell in row.find_all(["th", "td"])]
        for row in table.find_all("tr")
    ]


def xlsx_rows(content: bytes) -> list[list[str]]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [
        [squash(value) for value in row if value is not None]
        for row in sheet.iter_rows(values_only=True)
    ]


def render(client, page):
    client.get(page.url)  # warm the site-root cache, as any earlier visitor would
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    assert response.status_code == 200
    return response, len(queries)


def test_stages_and_activities_are_numbered_in_order(client, home_page):
    roadmap = build_roadmap(home_page, stages=3, activities=3)
    rows = page_table_rows(client.get(roadmap.url).content.decode())
    numbers = [row[0] for row in rows[1:] if len(row) > 1]
    assert numbers == ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3"]
    stage_rows = [row[0] for row in rows[1:] if len(row) == 1]
    assert stage_rows == ["Этап 1. Этап-1", "Этап 2. Этап-2", "Этап 3. Этап-3"]


def test_numbers_follow_the_editors_order_not_typed_numbers(client, home_page):
    roadmap = build_roadmap(home_page, stages=3, activities=2)
    first, second, third = (page.pk for page in roadmap.get_children())
    # The editor drags stage 3 to the top, then takes stage 2 off the site.
    StagePage.objects.get(pk=third).move(StagePage.objects.get(pk=first), pos="left")
    StagePage.objects.get(pk=second).unpublish()
    rows = page_table_rows(client.get(roadmap.url).content.decode())
    assert [row[0] for row in rows if len(row) == 1] == ["Этап 1. Этап-3", "Этап 2. Этап-1"]
    assert [row[1] for row in rows if row[0] == "1.1"] == ["Мероприятие 3-1"]

    stage = StagePage.objects.get(pk=first)
    stage.activities.first().delete()
    response = client.get(stage.url)
    assert "Этап 2. Этап-1" in response.content.decode()
    assert "2.1." in response.content.decode()


def test_roadmap_shows_document_details_and_links_every_stage(client, home_page):
    roadmap = build_roadmap(home_page, stages=2, activities=1)
    html = client.get(roadmap.url).content.decode()
    assert "УТВЕРЖДЕНО приказом № 12 от 01.09.2025" in html
    assert "2025–2026 учебный год" in html
    soup = BeautifulSoup(html, "html.parser")
    for stage in roadmap.get_children().specific():
        assert soup.select_one(f'table a[href="{stage.url}"]') is not None
    toc_targets = [a["href"] for a in soup.select("nav.mentorship-toc a")]
    assert toc_targets == ["#stage-1", "#stage-2"]
    for target in toc_targets:
        assert soup.find(id=target[1:]) is not None


def test_empty_columns_are_left_out(client, home_page):
    roadmap = build_roadmap(home_page, stages=1, activities=2)
    RoadmapActivity.objects.update(content="", status=RoadmapActivity.Status.PLANNED)
    header = page_table_rows(client.get(roadmap.url).content.decode())[0]
    assert header == ["№", "Мероприятие", "Сроки", "Ответственные", "Результат / документ"]


def test_query_count_does_not_grow_with_the_roadmap(client, home_page):
    small = build_roadmap(home_page, stages=3, activities=3, slug="small")
    large = build_roadmap(home_page, stages=30, activities=10, slug="large")
    _small_response, small_queries = render(client, small)
    large_response, large_queries = render(client, large)
    assert large_response.content.decode().count('<th scope="row"') == 300
    assert small_queries == large_queries
    # Wagtail's routing and the site menu take six; stages, activities, organisation the rest.
    assert large_queries <= 10


def test_stage_page_shows_its_activities_and_neighbours(client, home_page):
    roadmap = build_roadmap(home_page, stages=3, activities=2)
    second = roadmap.get_children().specific()[1]
    html = client.get(second.url).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.h1.get_text(" ", strip=True) == "Этап 2. Этап-2"
    assert [squash(h.get_text(" ")) for h in soup.select(".mentorship-activity h2")] == [
        "2.1. Мероприятие 2-1",
        "2.2. Мероприятие 2-2",
    ]
    assert soup.select_one('a[rel="prev"]')["href"].endswith("/stage-1/")
    assert soup.select_one('a[rel="next"]')["href"].endswith("/stage-3/")
    assert "Выполнено" in html and "1 из 2 мероприятий выполнено" in html


def test_xlsx_download_has_the_rows_of_the_page_table(client, home_page):
    roadmap = build_roadmap(home_page, stages=3, activities=3)
    stage = StagePage.objects.child_of(roadmap).first()
    stage.timing = "Ежегодно"
    stage.save_revision().publish()
    activity = stage.activities.first()
    activity.responsible = "Директор\nЗаместитель директора по УВР"
    activity.save()

    page_rows = page_table_rows(client.get(roadmap.url).content.decode())
    response = client.get(roadmap.url + "xlsx/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == f'attachment; filename="{roadmap.slug}.xlsx"'
    # after the title, organisation, period and approval lines and an empty row
    assert xlsx_rows(response.content)[5:] == page_rows
    assert page_rows[1] == ["Этап 1. Этап-1 Сроки: Ежегодно"]


@pytest.mark.parametrize("dangerous", ['=HYPERLINK("http://x")', "+7 900", "-1", "@SUM(A1)"])
def test_xlsx_keeps_formula_like_text_as_text(client, home_page, dangerous):
    roadmap = build_roadmap(home_page, stages=1, activities=1)
    RoadmapActivity.objects.update(title=dangerous)
    sheet = load_workbook(io.BytesIO(client.get(roadmap.url + "xlsx/").content)).active
    cell = sheet["B8"]  # the title lines, an empty row, the header, the stage, the activity
    assert cell.value == dangerous
    assert cell.data_type == "s"


def test_draft_stages_stay_off_the_public_roadmap(client, home_page):
    roadmap = build_roadmap(home_page, stages=2, activities=1)
    draft = StagePage(title="Черновик этапа", slug="draft", live=False)
    roadmap.add_child(instance=draft)
    html = client.get(roadmap.url).content.decode()
    assert "Черновик этапа" not in html
    assert client.get(draft.url or roadmap.url + "draft/").status_code == 404
