"""The blocks a school puts on its own pages."""

from bs4 import BeautifulSoup

from tests.builders import build_practice, build_practices_index, build_roadmap


def publish_body(page, body):
    page.body = body
    page.save_revision().publish()


def test_roadmap_summary_shows_stages_with_progress(client, home_page):
    roadmap = build_roadmap(home_page, stages=2, activities=4, title="Карта школы")
    publish_body(home_page, [("roadmap_summary", {"heading": "", "roadmap": roadmap})])
    soup = BeautifulSoup(client.get(home_page.url).content, "html.parser")
    summary = soup.select_one(".mentorship-summary")
    assert summary.h2.get_text(strip=True) == "Карта школы"
    links = [(a.get_text(strip=True), a["href"]) for a in summary.select("li > a")]
    assert [text for text, _ in links] == ["Этап 1. Этап-1", "Этап 2. Этап-2"]
    assert [int(p["value"]) for p in summary.select("progress")] == [25, 25]
    assert "1 из 4 мероприятий выполнено" in summary.get_text()


def test_roadmap_summary_of_an_unpublished_roadmap_shows_nothing(client, home_page):
    roadmap = build_roadmap(home_page, stages=1, activities=1, title="Снятая карта")
    publish_body(home_page, [("roadmap_summary", {"heading": "", "roadmap": roadmap})])
    roadmap.unpublish()
    html = client.get(home_page.url).content.decode()
    assert "Снятая карта" not in html
    assert "mentorship-summary" not in html


def test_latest_practices_are_newest_first_and_limited(client, home_page):
    index = build_practices_index(home_page)
    other_index = build_practices_index(home_page, slug="elsewhere")
    for n in range(1, 5):
        build_practice(index, title=f"Практика {n}")
    build_practice(other_index, title="Практика из другого раздела")
    publish_body(
        home_page,
        [("latest_practices", {"heading": "Новое", "count": 2, "index_page": index})],
    )
    soup = BeautifulSoup(client.get(home_page.url).content, "html.parser")
    block = soup.select_one(".mentorship-latest")
    assert [a.get_text() for a in block.select("h3 a")] == ["Практика 4", "Практика 3"]
    assert block.select("a")[-1]["href"] == index.url
