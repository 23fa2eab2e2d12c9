"""Cached public pages (``public/cache.py``): as fast as a cached page, never out of date.

The first request of each test warms the cache; what a visitor sees after a publish, a
withdrawn consent or an anonymisation must be the new state on the very next request.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.builders import build_practice, build_practices_index, build_roadmap, publish_child
from tests.test_blocks import publish_body
from tests.test_consent import consenting_mentor
from wagtail_mentorship.models import HonorBoardEntry, HonorBoardPage, RoadmapActivity, StagePage
from wagtail_mentorship.privacy.anonymise import anonymise

pytestmark = pytest.mark.django_db

WARM_ROADMAP_QUERIES = 8


def html_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_roadmap_shows_a_changed_activity_right_after_publish(client, home_page):
    roadmap = build_roadmap(home_page, stages=2, activities=2)
    assert "Мероприятие 2-1" in html_of(client, roadmap.url)

    stage = StagePage.objects.child_of(roadmap).get(slug="stage-2")
    draft = stage.get_latest_revision_as_object()
    activities = list(draft.activities.all())
    activities[0].title = "Встреча с родителями наставляемых"
    draft.activities = activities
    draft.save_revision().publish()

    html = html_of(client, roadmap.url)
    assert "Встреча с родителями наставляемых" in html
    assert "Мероприятие 2-1" not in html


def test_the_table_is_served_from_the_cache(client, home_page):
    """A change that sends no signal stays unseen: the table really comes from the cache."""
    roadmap = build_roadmap(home_page, stages=1, activities=1)
    html_of(client, roadmap.url)
    RoadmapActivity.objects.update(title="Изменено мимо сигналов")
    assert "Изменено мимо сигналов" not in html_of(client, roadmap.url)


def test_a_warm_roadmap_page_needs_few_queries(client, home_page, capsys):
    roadmap = build_roadmap(home_page, stages=30, activities=10)
    cold = queries_of(client, roadmap.url)
    warm = queries_of(client, roadmap.url)
    with capsys.disabled():
        print(f"\nroadmap page, 30 stages × 10 activities: {cold} queries cold, {warm} warm")
    assert warm <= WARM_ROADMAP_QUERIES
    assert warm < cold


@pytest.fixture
def people_on_pages(client, home_page):
    """A mentor on the honour board and among a best practice's authors, pages cached."""
    mentor = consenting_mentor("Людмила Петровна Соколова")
    board = HonorBoardPage(title="Доска почёта", slug="board")
    board.entries = [HonorBoardEntry(mentor=mentor, citation="За олимпиаду")]
    publish_child(home_page, board)
    practice = build_practice(build_practices_index(home_page), title="Кейс с автором")
    practice.authors.create(mentor=mentor)
    practice.save_revision().publish()
    for page in (board, practice):
        assert mentor.full_name in html_of(client, page.url)
    return mentor, [board.url, practice.url]


def test_a_mentor_disappears_right_after_the_consent_is_withdrawn(client, people_on_pages):
    mentor, urls = people_on_pages
    mentor.publication_consent_withdrawn = timezone.localdate()
    mentor.save()  # as the admin's edit view saves it
    for url in urls:
        assert mentor.full_name not in html_of(client, url)


def test_nothing_of_an_anonymised_mentor_remains(client, people_on_pages):
    mentor, urls = people_on_pages
    assert anonymise([mentor]) == 1
    for url in urls:
        html = html_of(client, url)
        assert mentor.full_name not in html
        assert mentor.achievements not in html
        assert "За олимпиаду" not in html


def test_blocks_are_cached_and_show_a_published_change(client, home_page):
    roadmap = build_roadmap(home_page, stages=3, activities=3, title="Карта школы")
    build_practice(build_practices_index(home_page), title="Практика недели")
    publish_body(
        home_page,
        [
            ("roadmap_summary", {"heading": "", "roadmap": roadmap}),
            ("latest_practices", {"heading": "", "count": 3, "index_page": None}),
        ],
    )
    cold = queries_of(client, home_page.url)
    warm = queries_of(client, home_page.url)
    assert warm < cold

    stage = StagePage.objects.child_of(roadmap).get(slug="stage-1")
    stage.title = "Адаптация молодых педагогов"
    stage.save_revision().publish()
    assert "Адаптация молодых педагогов" in html_of(client, home_page.url)
