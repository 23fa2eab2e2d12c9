"""«Информационно-аналитическая справка»: the monitoring report's figures as a .docx note, the
same as the admin page shows them, within the organisations the user may see."""

import io
from urllib.parse import unquote

import docx
import pytest
from bs4 import BeautifulSoup
from django.utils.translation import gettext

from tests.people_builders import COORDINATORS, CURATORS, login_client
from tests.prepared_files import prepared
from tests.test_monitoring_report import URL, YEAR, Programme
from wagtail_mentorship.monitoring.documents import DOCX_CONTENT_TYPE

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return Programme()


def note(client, **query):
    response = prepared(client, URL, query, post={"export": "docx"})
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_CONTENT_TYPE
    return response, docx.Document(io.BytesIO(b"".join(response.streaming_content)))


def table_rows(document) -> list[list[str]]:
    [figures] = document.tables
    return [[cell.text for cell in row.cells] for row in figures.rows]


def page_rows(page: str) -> list[list[str]]:
    """The page's table of figures, header included, as its cells' text."""
    table = BeautifulSoup(page, "html.parser").find(id="figures-caption").parent
    return [
        [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])] for row in table("tr")
    ]


def paragraphs(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_the_note_holds_the_figures_of_the_page(programme, django_user_model):
    coordinator = login_client(django_user_model, COORDINATORS, "coordinator")
    response, document = note(coordinator, year=YEAR)

    assert f"{YEAR}-{YEAR + 1}.docx" in unquote(response["Content-Disposition"])
    rows = table_rows(document)
    by_figure = {row[0]: row[1:] for row in rows}
    assert rows[0] == [gettext("Figure"), "МАОУ «Лицей № 2»", "МБОУ «СОШ № 7»", gettext("Total")]
    assert by_figure[gettext("Mentors")] == ["3", "1", "4"]
    assert by_figure[gettext("Pupils in the organisation")] == ["200", "—", "—"]
    assert by_figure[gettext("Coverage of pupils")] == ["1,5 %", "—", "—"]
    assert by_figure[gettext("Completed share")] == ["25,0 %", "0,0 %", "20,0 %"]
    assert by_figure[gettext("Response rate")] == ["85,7 %", "100,0 %", "87,5 %"]
    assert by_figure["Удовлетворённость: Полезны ли встречи?"] == ["7,0", "10,0", "8,0"]
    # Cell for cell what the coordinator sees on the page with the same filter.
    page = coordinator.get(URL, {"year": YEAR}).content.decode()
    assert page_rows(page) == rows

    text = "\n".join(paragraphs(document))
    assert "МАОУ «Лицей № 2», МБОУ «СОШ № 7»" in text
    assert f"{YEAR}/{YEAR + 1}" in text
    assert "ИНФОРМАЦИОННО-АНАЛИТИЧЕСКАЯ СПРАВКА" in text
    # The growth of the whole report, from the start to the end of the programme.
    assert "Наставляемые, «Уверенность в себе»: 5,0 → 7,5 (+2,5)" in text
    assert "Директор ____________" in text and "Куратор программы наставничества" in text


def test_the_page_offers_the_note_with_its_filter(programme, django_user_model):
    coordinator = login_client(django_user_model, COORDINATORS, "coordinator")
    page = coordinator.get(URL, {"year": YEAR - 1, "organization": programme.other.pk})
    button = BeautifulSoup(page.content, "html.parser").find(
        "button", string="Информационно-аналитическая справка (docx)"
    )
    form = button.find_parent("form")
    assert form["method"] == "post" and form.select_one("[name=csrfmiddlewaretoken]")
    assert f"organization={programme.other.pk}" in form["action"]
    assert f"year={YEAR - 1}" in form["action"] and button["value"] == "docx"
    _response, document = note(coordinator, year=YEAR, organization=programme.other.pk)
    assert table_rows(document)[0] == [gettext("Figure"), "МБОУ «СОШ № 7»"]  # no total of one


def test_a_curator_gets_no_note_of_another_school(programme, django_user_model):
    curator = login_client(django_user_model, CURATORS, "curator")
    # Another school's id put into the link: the curator's own school still, and only it.
    _response, document = note(curator, year=YEAR, organization=programme.other.pk)
    rows = table_rows(document)
    text = "\n".join(paragraphs(document) + [cell for row in rows for cell in row])
    assert "СОШ № 7" not in text
    assert rows[0] == [gettext("Figure"), "МАОУ «Лицей № 2»"]
    assert {row[0]: row[1:] for row in rows}[gettext("Meetings held")] == ["4"]
