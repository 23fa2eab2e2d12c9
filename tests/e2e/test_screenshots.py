"""Screenshots of the demo, as a curator and a visitor on a phone see it, with the checks a
reviewer would make by eye: no broken image, dashboard counts that match the lists their
links open, and a roadmap that fits a phone.

The PNGs go to ``screenshots/`` at the repository's root (git ignores it); look at them.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from tests.e2e.conftest import restore_migrated_data
from wagtail_mentorship.models import (
    BestPracticePage,
    HonorBoardPage,
    MentorshipPair,
    RoadmapPage,
    StagePage,
)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
ADMIN = "/admin/snippets/wagtail_mentorship/"
# The admin's listings, by the name of their screenshot.
LISTINGS = {
    "mentors": ADMIN + "mentor/",
    "mentees": ADMIN + "mentee/",
    "pairs": ADMIN + "mentorshippair/",
    "organisations": ADMIN + "organization/",
    "forms": ADMIN + "mentorshipform/",
    "without-mentor": ADMIN + "mentee/without-mentor/",
}
CURATOR = "curator-school4"
# Every <img> that has finished loading with nothing to show.
BROKEN_IMAGES = """() => [...document.images]
    .filter(img => img.complete && img.naturalWidth === 0)
    .map(img => img.currentSrc || img.src || img.outerHTML)"""
LOADED = "() => [...document.images].every(img => img.complete)"


@pytest.fixture
def demo(live_server):
    restore_migrated_data()
    call_command("load_demo_content")
    user = get_user_model().objects.get(username=CURATOR)
    user.set_password("demo-screens-1")
    user.save()
    return live_server.url


def shoot(page, name):
    """Saves the whole page once its images have loaded; fails on a broken one."""
    page.wait_for_load_state("networkidle")
    page.wait_for_function(LOADED)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    assert page.evaluate(BROKEN_IMAGES) == [], f"broken images on {page.url}"


def log_in(page, base_url):
    page.goto(base_url + "/admin/login/")
    page.locator("#id_username").fill(CURATOR)
    page.locator("#id_password").fill("demo-screens-1")
    page.locator("form [type=submit]").click()
    expect(page.locator("#mentorship-summary-heading")).to_be_visible()


def listed(page, url) -> int:
    page.goto(url)
    return page.locator("table.listing tbody tr").count()


def demo_school_file(tmp_path) -> Path:
    """The Google Forms fixture, its answers from the demo's school rather than the tests'."""
    text = (FIXTURES / "google_forms_mentees.csv").read_text(encoding="utf-8")
    path = tmp_path / "google_forms_mentees.csv"
    path.write_text(text.replace("МБОУ «СОШ № 1»", settings.WAGTAIL_SITE_NAME), encoding="utf-8")
    return path


def test_admin_as_a_curator(page, demo, tmp_path):
    page.set_viewport_size(DESKTOP)
    log_in(page, demo)
    shoot(page, "admin-dashboard")

    for name, url in LISTINGS.items():
        page.goto(demo + url)
        expect(page.locator("table.listing tbody tr").first).to_be_visible()
        shoot(page, f"admin-{name}")

    pair = MentorshipPair.objects.filter(organization__short_name__contains="№ 4").first()
    page.goto(f"{demo}{ADMIN}mentorshippair/inspect/{pair.pk}/")
    shoot(page, "admin-pair-inspect")
    mentor = pair.mentor
    page.goto(f"{demo}{ADMIN}mentor/edit/{mentor.pk}/")
    shoot(page, "admin-mentor-edit")

    page.goto(demo + LISTINGS["mentees"] + "import/")
    page.set_input_files("input[type=file][name=file]", demo_school_file(tmp_path))
    page.get_by_role("button", name="Загрузить и проверить").click()
    expect(page).to_have_url(re.compile(r"/import/[0-9a-f-]{36}/$"))
    expect(page.locator('[data-count="new"]')).to_have_text("2")
    shoot(page, "admin-import-preview")

    # Each of the dashboard's counts opens a list of that many.
    page.goto(demo + "/admin/")
    links = page.locator(".mentorship-summary .w-summary__list a")
    counts = {
        link.get_attribute("href"): int(re.search(r"\d+", link.inner_text()).group())
        for link in links.all()
    }
    # mentors, mentees, active pairs, without a mentor, mentors and mentees without consent,
    # overdue activities
    assert len(counts) == 7, counts
    for href, count in counts.items():
        assert listed(page, demo + href) == count, href


def test_public_pages_on_a_phone(page, demo):
    page.set_viewport_size(PHONE)
    roadmap = RoadmapPage.objects.get(slug="roadmap-school")
    page.goto(demo + "/")
    shoot(page, "public-home")
    page.goto(demo + roadmap.url)
    shoot(page, "public-roadmap")
    expect(page.locator("table.mentorship-table th", has_text="Статус").first).to_be_attached()
    scroll_width, inner_width = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= inner_width, f"the roadmap is {scroll_width}px wide"
    table = page.locator(".mentorship-table-scroll")
    overflows = table.evaluate("el => el.scrollWidth > el.clientWidth")
    labelled = table.get_attribute("aria-label") or table.get_attribute("aria-labelledby")
    assert not overflows or labelled, "the table scrolls sideways with no label"

    page.goto(demo + StagePage.objects.child_of(roadmap).first().url)
    shoot(page, "public-stage")
    for name, model in (("honour-board", HonorBoardPage), ("practice", BestPracticePage)):
        page.goto(demo + model.objects.live().first().url)
        shoot(page, f"public-{name}")
