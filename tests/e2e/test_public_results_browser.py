"""The «Итоги программы» section reads well and passes axe-core, wide and on a phone."""

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.conftest import restore_migrated_data
from tests.test_public_results import Programme, publish_results

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 375, "height": 812}}


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_results_section_has_no_axe_violations(page, site_url, viewport):
    base_url, _home = site_url
    restore_migrated_data()
    programme = Programme()
    publish_results(programme)
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(base_url + "/")

    section = page.get_by_role("region", name="Итоги программы")
    expect(section.get_by_role("heading", level=2)).to_have_text("Итоги программы")
    expect(section.locator("dd")).to_have_count(7)
    table = section.get_by_role("table", name="Пары и группы по формам наставничества")
    expect(table.get_by_role("row")).to_have_count(3)
    together = table.get_by_role("row").filter(has_text="Другие формы")
    expect(together.get_by_role("cell")).to_have_text(["5", "5", "7"])
    assert_no_axe_violations(page)

    # The section never widens the page: on a phone each form is a card.
    scroll_width, inner_width = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= inner_width
    box = section.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= inner_width
