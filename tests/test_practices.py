"""The best-practices section: filters, search, tags and pagination as a visitor uses them."""

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from tests.builders import build_practice, build_practices_index
from wagtail_mentorship.models import MentorshipForm


def titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".mentorship-card h2 a")]


@pytest.fixture
def practices(home_page):
    index = build_practices_index(home_page)
    teachers = MentorshipForm.objects.get(name="Учитель – учитель")
    pupils = MentorshipForm.objects.get(name="Ученик – ученик")
    build_practice(index, title="Первый год учителя", year=2023, form=teachers, tags=["адаптация"])
    build_practice(
        index,
        title="Проекты пятиклассников",
        year=2024,
        form=pupils,
        tags=["проекты"],
        summary="Старшеклассники помогают с исследовательской работой.",
    )
    build_practice(index, title="Памятка куратору", year=2024, kind="material", tags=["куратору"])
    return index


def test_index_lists_newest_first_with_their_facts(client, practices):
    response = client.get(practices.url)
    assert titles(response) == ["Памятка куратору", "Проекты пятиклассников", "Первый год учителя"]
    html = response.content.decode()
    assert "Найдено практик: 3" in html
    assert "Методический материал" in html and "«Учитель – учитель»" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=material", ["Памятка куратору"]),
        ("year=2023", ["Первый год учителя"]),
        ("kind=case&year=2024", ["Проекты пятиклассников"]),
        ("tag=адаптация", ["Первый год учителя"]),
        ("q=исследовательской", ["Проекты пятиклассников"]),
        ("q=учителя&year=2024", []),
    ],
)
def test_filters_and_search(client, practices, query, expected):
    assert titles(client.get(f"{practices.url}?{query}")) == expected


def test_filter_by_form_offers_only_forms_in_use(client, practices):
    form = MentorshipForm.objects.get(name="Ученик – ученик")
    response = client.get(f"{practices.url}?form={form.pk}")
    assert titles(response) == ["Проекты пятиклассников"]
    options = BeautifulSoup(response.content, "html.parser").select("select[name=form] option")
    assert [o.get_text(strip=True) for o in options] == [
        "Все формы",
        "Ученик – ученик",
        "Учитель – учитель",
    ]


@pytest.mark.parametrize("query", ["year=abc", "kind=unknown", "form=999999", "page=-3"])
def test_nonsense_parameters_never_break_the_page(client, practices, query):
    response = client.get(f"{practices.url}?{query}")
    assert response.status_code == 200


@override_settings(WAGTAIL_MENTORSHIP_PRACTICES_PER_PAGE=2)
def test_pagination_keeps_the_filters(client, practices):
    build_practice(practices, title="Ещё кейс 2024", year=2024)
    first = client.get(f"{practices.url}?year=2024")
    assert len(titles(first)) == 2
    next_link = BeautifulSoup(first.content, "html.parser").select_one('a[rel="next"]')["href"]
    assert "year=2024" in next_link and "page=2" in next_link
    second = client.get(practices.url + next_link)
    assert len(titles(second)) == 1
    assert set(titles(first) + titles(second)) == {
        "Ещё кейс 2024",
        "Памятка куратору",
        "Проекты пятиклассников",
    }


def test_practice_page_shows_body_blocks_and_tag_links(client, practices):
    page = build_practice(
        practices,
        title="Кейс с таблицей",
        tags=["адаптация"],
        body=[
            ("heading", "Итоги года"),
            ("quote", {"quote": "Было с кем обсудить урок", "author": "", "role": "наставляемый"}),
            (
                "table",
                {
                    "caption": "Результаты",
                    "columns": ["Показатель", "Май"],
                    "rows": [["Балл", "4"]],
                },
            ),
        ],
    )
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    assert soup.select_one(".mentorship-body h2").get_text() == "Итоги года"
    assert soup.select_one("blockquote").get_text(strip=True) == "Было с кем обсудить урок"
    assert soup.select_one("table caption").get_text() == "Результаты"
    assert [th.get_text() for th in soup.select("table th[scope=col]")] == ["Показатель", "Май"]
    tag_link = soup.select_one(".mentorship-tags a")["href"]
    assert titles(client.get(tag_link)) == ["Кейс с таблицей", "Первый год учителя"]
