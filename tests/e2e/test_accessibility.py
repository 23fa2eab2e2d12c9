"""axe-core finds no WCAG 2.1 A/AA violation on the app's public pages, wide or narrow."""

import datetime
import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image
from playwright.sync_api import expect
from wagtail.models import Collection

from tests.builders import build_practice, build_practices_index, build_roadmap, publish_child
from tests.e2e.axe import assert_no_axe_violations
from wagtail_mentorship.models import HonorBoardEntry, HonorBoardPage, Mentor, MentorshipForm

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 375, "height": 812}}
# Each page type with what it must show, so that the audit never passes on an empty page.
PAGES = {
    "roadmap": ("table.mentorship-table th[scope=row]", 9),
    "stage": (".mentorship-activity", 3),
    "practice_index": (".mentorship-card", 3),
    "practice": (".mentorship-body > *", 4),
    "home": (".mentorship-summary li, .mentorship-latest .mentorship-card", 6),
    "honor_board": (".mentorship-board__entry", 2),
}
# The honour board shows these mentors, in this order, and never the one without consent.
BOARD_NAMES = ["Петрова Ольга Викторовна", "Соколов Дмитрий Андреевич"]
UNCONSENTED_NAME = "Волкова Ирина Сергеевна"

# Every block of a practice's body that needs no uploaded file.
PRACTICE_BODY = [
    ("heading", "Как мы подбирали наставнические пары"),
    (
        "paragraph",
        "<p>Пары составлялись по итогам <b>анкетирования</b> и собеседований; "
        '<a href="https://example.com/">подробнее о методике</a>.</p>',
    ),
    (
        "quote",
        {
            "quote": "За год я научилась планировать уроки\nи не бояться открытых занятий.",
            "author": "",
            "role": "молодой специалист, учитель математики",
        },
    ),
    (
        "table",
        {
            "caption": "Результаты наставнических пар по четвертям",
            "columns": ["Показатель", "I четверть", "II четверть", "III четверть", "IV четверть"],
            "rows": [
                ["Открытые уроки", "1", "2", "2", "3"],
                ["Качество знаний, %", "48", "52", "55", "61"],
            ],
        },
    ),
]


def portrait():
    buffer = io.BytesIO()
    Image.new("RGB", (480, 600), (70, 110, 160)).save(buffer, format="PNG")
    # The published copy goes to the root collection, which a flushed database has lost.
    Collection.get_first_root_node() or Collection.add_root(name="Root")
    return ImageFile(buffer, name="p.png")


def board_mentor(name, *, publication, **publish):
    """A mentor who consented to processing and, if ``publication``, to publishing ``publish``."""
    given = datetime.date(2025, 9, 1)
    consent = {"processing_consent_date": given, "processing_consent_by": "person"}
    if publication:
        consent |= {"publication_consent_date": given, "publication_consent_by": "person"}
    return Mentor.objects.create(full_name=name, status="approved", **consent, **publish)


def build_honor_board(home) -> HonorBoardPage:
    full = board_mentor(
        BOARD_NAMES[0],
        publication=True,
        publish_name=True,
        publish_photo=True,
        publish_achievements=True,
        portrait=portrait(),
        achievements="Победитель конкурса «Педагог года — 2024»\nНаставник трёх призёров олимпиады",
    )
    name_only = board_mentor(BOARD_NAMES[1], publication=True, publish_name=True)
    # Ticks without a consent to publication: the board must still leave this mentor out.
    unconsented = board_mentor(
        UNCONSENTED_NAME, publication=False, publish_name=True, publish_achievements=True
    )
    board = HonorBoardPage(title="Доска почёта наставников", slug="honor-board")
    board.entries = [
        HonorBoardEntry(mentor=full, citation="За подготовку победителей городской олимпиады"),
        HonorBoardEntry(mentor=name_only, citation="За поддержку молодых специалистов"),
        HonorBoardEntry(mentor=unconsented, citation="За организацию школы наставников"),
    ]
    return publish_child(home, board)


@pytest.fixture
def audited_urls(site_url):
    base_url, home = site_url
    roadmap = build_roadmap(home, stages=3, activities=3, slug="plan")
    index = build_practices_index(home)
    teacher, _ = MentorshipForm.objects.get_or_create(name="Учитель – учитель")
    student, _ = MentorshipForm.objects.get_or_create(name="Ученик – ученик")
    practice = build_practice(
        index,
        title="Школа молодого педагога",
        year=2025,
        kind="programme",
        form=teacher,
        tags=["молодые специалисты", "адаптация"],
        body=PRACTICE_BODY,
    )
    build_practice(
        index, title="Взаимопомощь при подготовке к ОГЭ", year=2024, form=student, tags=["ОГЭ"]
    )
    build_practice(
        index, title="Методичка для куратора", year=2023, kind="material", tags=["куратор"]
    )
    home.body = [
        ("roadmap_summary", {"heading": "", "roadmap": roadmap}),
        ("latest_practices", {"heading": "", "count": 3, "index_page": index}),
    ]
    home.save_revision().publish()
    paths = {
        "roadmap": roadmap.url,
        "stage": roadmap.get_children().first().url,
        "practice_index": index.url,
        "practice": practice.url,
        "home": home.url,
        "honor_board": build_honor_board(home).url,
    }
    return {name: base_url + path for name, path in paths.items()}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("page_type", PAGES)
def test_page_has_no_axe_violations(page, audited_urls, page_type, viewport):
    page.set_viewport_size(VIEWPORTS[viewport])
    response = page.goto(audited_urls[page_type])
    assert response.ok, f"{response.status} {page.url}"
    selector, count = PAGES[page_type]
    expect(page.locator(selector)).to_have_count(count)
    if page_type == "honor_board":
        expect(page.locator(".mentorship-person__name")).to_have_text(BOARD_NAMES)
        expect(page.get_by_role("img", name=BOARD_NAMES[0])).to_be_visible()
        name_only = page.locator(".mentorship-board__entry").nth(1)
        expect(name_only.locator("img, .mentorship-person__achievements")).to_have_count(0)
        assert UNCONSENTED_NAME not in page.content()

    assert_no_axe_violations(page)
    if viewport == "mobile":
        # A wide table scrolls inside its own region; the document itself never does.
        scroll_width, inner_width = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert scroll_width <= inner_width, f"{page.url} is {scroll_width}px wide"
