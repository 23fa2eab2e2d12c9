"""«Подобрать пары всем» in a real browser on the demo: the municipal coordinator has every
mentee without a mentor proposed a mentor, unticks one proposal, accepts the rest and finds
exactly those pairs, in «forming» state, in the pairs listing. The review screen has no
WCAG 2.1 A/AA violation at 1280 and 375 px."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.conftest import restore_migrated_data
from wagtail_mentorship.models import Mentee, MentorshipPair

COORDINATOR = "coordinator"  # the demo's municipal coordinator
PASSWORD = "demo-pairing-1"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 375, "height": 812}}
WITHOUT_MENTOR = "/admin/snippets/wagtail_mentorship/mentee/without-mentor/"


@pytest.fixture
def coordinator(page, live_server):
    restore_migrated_data()
    call_command("load_demo_content")
    user = get_user_model().objects.get(username=COORDINATOR)
    user.set_password(PASSWORD)
    user.save()
    base_url = live_server.url
    page.goto(base_url + "/admin/login/")
    page.locator("#id_username").fill(COORDINATOR)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form [type=submit]").click()
    expect(page.locator("#mentorship-summary-heading")).to_be_visible()
    return page, base_url


def open_review(page, base_url):
    """From the «Наставляемые без наставника» report's header to the review of the proposals."""
    page.goto(base_url + WITHOUT_MENTOR)
    page.locator(f'a[href="{reverse("wagtail_mentorship:pair_everyone")}"]').first.click()
    expect(page.locator("#id_min_score")).to_have_value("40")
    page.locator("button[name=action][value=propose]").click()
    rows = page.locator("table.mentorship-pair-everyone tbody tr")
    expect(rows.first).to_be_visible()
    return rows


def mentee_names(rows) -> list[str]:
    """The mentees' names of the review's rows, in order: «Фамилия Имя Отчество (…)»."""
    return [text.split(" (")[0] for text in rows.locator("td[data-mentee]").all_inner_texts()]


def test_the_coordinator_pairs_everyone_but_one(coordinator):
    page, base_url = coordinator
    rows = open_review(page, base_url)
    names = mentee_names(rows)
    waiting = set(Mentee.objects.without_mentor().values_list("full_name", flat=True))
    # The demo's whole town: both schools and the college, every one of them proposed.
    assert len(names) >= 3 and set(names) == waiting

    # Each row's box is labelled with its mentee; the curator unticks one proposal.
    unticked = names[1]
    box = page.get_by_role("checkbox", name=re.compile(re.escape(unticked)))
    expect(box).to_be_checked()
    box.uncheck()
    page.locator("button[name=action][value=create]").click()

    expect(page).to_have_url(re.compile(r"/mentorshippair/\?status=forming$"))
    expect(page.locator(".messages")).to_contain_text(str(len(names) - 1))
    listing = page.locator("table.listing tbody")
    for name in names:
        if name == unticked:
            expect(listing).not_to_contain_text(name)
        else:
            expect(listing).to_contain_text(name)
    forming = MentorshipPair.objects.filter(status=MentorshipPair.Status.FORMING)
    paired = set(forming.values_list("mentees__full_name", flat=True))
    assert paired >= set(names) - {unticked} and unticked not in paired
    assert Mentee.objects.without_mentor().get().full_name == unticked


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_review_has_no_axe_violations(coordinator, viewport):
    page, base_url = coordinator
    page.set_viewport_size(VIEWPORTS[viewport])
    open_review(page, base_url)
    assert_no_axe_violations(page)
    if viewport == "mobile":
        scroll_width, inner_width = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert scroll_width <= inner_width, f"the review is {scroll_width}px wide"
