"""The public roadmap on a phone: a status column once any activity has moved on from
«planned», and every cell carrying its column's label for the card a phone shows."""

from bs4 import BeautifulSoup

from tests.builders import build_roadmap
from wagtail_mentorship.models import RoadmapActivity

Status = RoadmapActivity.Status


def roadmap_table(client, roadmap):
    html = client.get(roadmap.url).content.decode()
    return BeautifulSoup(html, "html.parser").select_one("table.mentorship-table")


def test_status_column_shows_what_the_stage_pages_show(client, home_page):
    roadmap = build_roadmap(home_page, stages=2, activities=2)  # the first of each stage done
    table = roadmap_table(client, roadmap)
    header = [th.get_text(strip=True) for th in table.select("thead th")]
    assert header[-1] == "Статус"
    rows = table.select("tr:has(th[scope=row])")
    statuses = [row.select("td")[-1].get_text(strip=True) for row in rows]
    assert statuses == ["Выполнено", "Запланировано"] * 2


def test_no_status_column_while_everything_is_planned(client, home_page):
    roadmap = build_roadmap(home_page, stages=1, activities=2)
    RoadmapActivity.objects.update(status=Status.PLANNED)
    header = [th.get_text(strip=True) for th in roadmap_table(client, roadmap).select("thead th")]
    assert "Статус" not in header


def test_each_cell_is_labelled_by_its_column_and_stays_a_table(client, home_page):
    roadmap = build_roadmap(home_page, stages=2, activities=3)
    table = roadmap_table(client, roadmap)
    columns = [th.get_text(strip=True) for th in table.select("thead th")][1:]
    rows = table.select("tr:has(th[scope=row])")
    assert len(rows) == 6
    for row in rows:
        assert [td["data-label"] for td in row.select("td")] == columns
    # Explicit roles: a screen reader still meets a table when a phone's CSS makes it cards.
    assert table["role"] == "table"
    assert {td["role"] for td in table.select("td")} == {"cell"}
    assert {th["role"] for th in table.select("thead th")} == {"columnheader"}
