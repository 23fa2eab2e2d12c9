"""Search that understands Russian endings: on PostgreSQL «пятиклассники» finds a practice
about «пятиклассников» (the `russian` text search configuration); SQLite's FTS5 has no Russian
stemmer, so there a visitor finds the word form typed and an admin finds a name by its start."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.urls import reverse

from tests import people_builders as people
from tests.builders import build_practice, build_practices_index

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Russian stemming needs PostgreSQL's `russian` text search configuration; "
    "SQLite's FTS5 tokenizer has no Russian stemmer (run with DATABASE_URL=postgres://…)",
)
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="what SQLite's FTS5 backend does without stemming"
)


def titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".mentorship-card h2 a")]


@pytest.fixture
def practices(home_page):
    index = build_practices_index(home_page)
    build_practice(index, title="Проекты пятиклассников")
    build_practice(index, title="Первый год учителя")
    return index


def mentee_listing(client, query) -> str:
    url = reverse("wagtailsnippets_wagtail_mentorship_mentee:list")
    return client.get(url, {"q": query}).content.decode()


@postgres_only
def test_a_visitor_finds_a_practice_by_another_ending(client, practices):
    assert titles(client.get(practices.url, {"q": "пятиклассники"})) == ["Проекты пятиклассников"]
    assert titles(client.get(practices.url, {"q": "учитель"})) == ["Первый год учителя"]


@postgres_only
def test_a_curator_finds_a_mentee_by_the_words_of_the_request(admin_client):
    people.make_mentee("Иванов Иван", request="Помощь пятиклассникам с проектами")
    people.make_mentee("Петров Пётр", request="Подготовка к ЕГЭ")
    html = mentee_listing(admin_client, "пятиклассники")
    assert "Иванов Иван" in html and "Петров Пётр" not in html


@sqlite_only
def test_on_sqlite_a_visitor_finds_the_word_form_typed(client, practices):
    assert titles(client.get(practices.url, {"q": "пятиклассников"})) == ["Проекты пятиклассников"]
    assert titles(client.get(practices.url, {"q": "пятиклассники"})) == []


def test_a_curator_finds_a_mentee_by_the_start_of_the_name(admin_client):
    people.make_mentee("Пятницкая Ольга")
    people.make_mentee("Петров Пётр")
    html = mentee_listing(admin_client, "Пятниц")
    assert "Пятницкая Ольга" in html and "Петров Пётр" not in html
