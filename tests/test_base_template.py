"""Public pages extend the site's base.html, or the template a setting names."""

import pytest
from django.test import override_settings

from tests.builders import build_practice, build_practices_index, build_roadmap


@pytest.fixture
def pages(home_page):
    roadmap = build_roadmap(home_page, stages=1, activities=1)
    index = build_practices_index(home_page)
    practice = build_practice(index, title="Кейс")
    return [roadmap, roadmap.get_children().first(), index, practice]


def test_pages_extend_the_sites_base_template(client, pages):
    for page in pages:
        html = client.get(page.url).content.decode()
        assert 'class="site-header"' in html, page
        assert "wagtail_mentorship/css/mentorship.css" in html


@override_settings(WAGTAIL_MENTORSHIP_BASE_TEMPLATE="other_base.html")
def test_a_setting_names_another_base_template(client, pages):
    for page in pages:
        html = client.get(page.url).content.decode()
        assert 'id="other-base"' in html and 'class="site-header"' not in html, page
        assert "wagtail_mentorship/css/mentorship.css" in html
