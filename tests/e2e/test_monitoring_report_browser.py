"""The monitoring report in a real browser, with two schools' figures, their total and the
charts: no WCAG 2.1 A/AA violation at 1280 and 375 px, and on a phone the wide table scrolls
in its own labelled region while the page itself does not."""

import pytest
from django.utils.translation import gettext
from playwright.sync_api import expect

from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.conftest import ensure_groups, log_in
from tests.test_monitoring_report import YEAR, Programme

REPORT = "/admin/mentorship/monitoring/"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 375, "height": 812}}


@pytest.fixture
def coordinator(page, site_url):
    base_url, _home = site_url
    Programme()
    _curators, coordinators = ensure_groups()
    log_in(page, base_url, "coordinator", coordinators)
    return page, base_url


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_report_has_no_axe_violations(coordinator, viewport):
    page, base_url = coordinator
    page.set_viewport_size(VIEWPORTS[viewport])
    response = page.goto(f"{base_url}{REPORT}?year={YEAR}")
    assert response.ok, f"{response.status} {page.url}"
    region = page.get_by_role("region", name=gettext("Figures of the programme by organisation"))
    table = region.get_by_role("table")
    # Two schools and their total, and three charts a school: the audit sees them all.
    expect(table.get_by_role("columnheader")).to_have_count(4)
    expect(table.get_by_role("cell", name="87,5 %")).to_be_visible()
    expect(page.locator("figure svg[role=img]")).to_have_count(6)
    expect(
        page.get_by_role("button", name="Информационно-аналитическая справка (docx)")
    ).to_be_visible()

    assert_no_axe_violations(page)
    if viewport == "mobile":
        scroll_width, inner_width = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert scroll_width <= inner_width, f"the report is {scroll_width}px wide"
        # The table is wider than the phone: its region scrolls, by touch or by the keyboard.
        assert region.evaluate("(el) => el.scrollWidth > el.clientWidth")
        region.focus()
        page.keyboard.press("ArrowRight")
        expect(region).to_be_focused()
