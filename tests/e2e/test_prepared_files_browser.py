"""A prepared file in a real browser: the button of the monitoring report opens the file's
page, which offers the download, and «Мои файлы» lists it; neither page has a WCAG 2.1 A/AA
violation. The tests' task backend prepares the file at once."""

import docx
import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.test_monitoring_report_browser import REPORT, VIEWPORTS, coordinator  # noqa: F401
from tests.test_monitoring_report import YEAR


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_note_is_prepared_then_downloaded(coordinator, viewport):  # noqa: F811
    page, base_url = coordinator
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(f"{base_url}{REPORT}?year={YEAR}")
    page.get_by_role("button", name="Информационно-аналитическая справка (docx)").click()
    page.wait_for_url("**/mentorship/files/*/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Файл готов")
    assert_no_axe_violations(page)

    with page.expect_download() as started:
        page.get_by_role("link", name="Скачать «").click()
    download = started.value
    assert download.suggested_filename.endswith(f"{YEAR}-{YEAR + 1}.docx")
    assert "ИНФОРМАЦИОННО-АНАЛИТИЧЕСКАЯ СПРАВКА" in "\n".join(
        paragraph.text.upper() for paragraph in docx.Document(download.path()).paragraphs
    )

    page.get_by_role("link", name="Все мои файлы").click()
    listed = page.get_by_role("row").filter(has_text="Информационно-аналитическая справка")
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text("Готово")
    assert_no_axe_violations(page)
