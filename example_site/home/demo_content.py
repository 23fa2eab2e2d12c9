"""Builds the example site's demo content from the JSON files in ``demo_content/``.

Every step looks for what it would create first, so running it again changes nothing.
"""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from wagtail_mentorship.models import (
    BestPracticeIndexPage,
    BestPracticePage,
    MentorshipForm,
    Organization,
    RoadmapActivity,
    RoadmapPage,
    StagePage,
)

from .demo_cohort import ensure_cohort, ensure_headcount
from .demo_people import credit_practice_authors, ensure_honor_board, ensure_people
from .demo_surveys import ensure_survey_rounds, survey_year
from .demo_users import ensure_demo_users
from .models import HomePage

DATA_DIR = Path(__file__).resolve().parent / "demo_content"
ROADMAP_FILES = ("roadmap_school.json", "roadmap_college.json")


def _load(name):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def _publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_home_page() -> HomePage:
    """The site's root is a HomePage; Wagtail's own welcome page is replaced on first run."""
    # The site is the school's of roadmap_school.json: WAGTAIL_SITE_NAME is its short name.
    site_name = settings.WAGTAIL_SITE_NAME
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        welcome = root.get_children().filter(slug="home").first()
        if welcome is not None and welcome.specific_class is Page:
            welcome.delete()
        home = _publish_child(root, HomePage(title=f"Наставничество в {site_name}", slug="home"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"root_page": home, "hostname": "localhost", "port": 80, "site_name": site_name},
    )
    return home


def ensure_organization(data) -> Organization:
    organization, _created = Organization.objects.get_or_create(
        name=data["name"], defaults={"short_name": data["short_name"], "kind": data["kind"]}
    )
    return organization


def _activity_status(stage_index, data):
    if stage_index < data["done_stages"]:
        return RoadmapActivity.Status.DONE
    if stage_index < data["done_stages"] + data["in_progress_stages"]:
        return RoadmapActivity.Status.IN_PROGRESS
    return RoadmapActivity.Status.PLANNED


def ensure_roadmap(home, data) -> tuple[RoadmapPage, bool]:
    existing = RoadmapPage.objects.child_of(home).filter(slug=data["slug"]).first()
    if existing is not None:
        return existing, False
    roadmap = _publish_child(
        home,
        RoadmapPage(
            title=data["title"],
            slug=data["slug"],
            organization=ensure_organization(data["organization"]),
            period=data["period"],
            approval=data["approval"],
            intro="".join(f"<p>{part}</p>" for part in data["intro"].split("\n\n") if part),
            show_in_menus=True,
        ),
    )
    for index, stage in enumerate(data["stages"]):
        status = _activity_status(index, data)
        page = StagePage(
            title=stage["title"],
            slug=f"stage-{index + 1}",
            timing=stage.get("timing", ""),
            description=f"<p>{stage['description']}</p>" if stage["description"] else "",
        )
        page.activities = [
            RoadmapActivity(
                sort_order=index,  # the seed's order, on every database
                title=activity["title"],
                content=activity["content"],
                timing=activity["timing"],
                responsible=activity["responsible"],
                result=activity["result"],
                status=status,
            )
            for index, activity in enumerate(stage["activities"])
        ]
        _publish_child(roadmap, page)
    return roadmap, True


def ensure_practices(home, organizations) -> tuple[BestPracticeIndexPage, int]:
    data = _load("practices.json")
    index = BestPracticeIndexPage.objects.child_of(home).filter(slug=data["index"]["slug"]).first()
    if index is None:
        index = _publish_child(home, BestPracticeIndexPage(show_in_menus=True, **data["index"]))
    created = 0
    for practice in data["practices"]:
        if BestPracticePage.objects.child_of(index).filter(slug=practice["slug"]).exists():
            continue
        page = BestPracticePage(
            title=practice["title"],
            slug=practice["slug"],
            kind=practice["kind"],
            mentorship_form=MentorshipForm.objects.filter(name=practice["form"]).first(),
            organization=organizations[practice["organization"]],
            year=practice["year"],
            summary=practice["summary"],
            body=[tuple(block) for block in practice["body"]],
        )
        page.tags.add(*practice["tags"])
        _publish_child(index, page)
        created += 1
    return index, created


def fill_home_page(home, roadmaps, practices_index, school) -> None:
    if home.body:
        return
    home.body = [
        (
            "paragraph",
            f"<p>На этом сайте {settings.WAGTAIL_SITE_NAME} публикует дорожную карту "
            "внедрения целевой модели наставничества, её этапы и мероприятия, а также "
            "лучшие практики наставников — свои и коллег.</p>",
        ),
        *(("roadmap_summary", {"heading": "", "roadmap": roadmap}) for roadmap in roadmaps),
        (
            "latest_practices",
            {"heading": "Новые практики", "count": 3, "index_page": practices_index},
        ),
        (
            "programme_results",
            {"heading": "", "organization": school, "year": survey_year(timezone.localdate())},
        ),
    ]
    home.save_revision().publish()


@transaction.atomic
def load_demo_content(stdout=None) -> dict:
    home = ensure_home_page()
    roadmaps, organizations, created_roadmaps = [], {}, 0
    for name in ROADMAP_FILES:
        data = _load(name)
        roadmap, created = ensure_roadmap(home, data)
        roadmaps.append(roadmap)
        organizations[data["organization"]["kind"]] = ensure_organization(data["organization"])
        created_roadmaps += created
    practices_index, created_practices = ensure_practices(home, organizations)
    for key, data in _load("people.json")["organizations"].items():
        organizations[key] = ensure_organization(data)
    people_created = ensure_people(organizations)
    ensure_demo_users(organizations)
    year = survey_year(timezone.localdate())
    ensure_headcount(organizations["school"], year)
    people_created += ensure_cohort(organizations["school"], year)
    ensure_survey_rounds(organizations["school"])
    ensure_honor_board(home)
    credit_practice_authors()
    fill_home_page(home, roadmaps, practices_index, organizations["school"])
    return {
        "roadmaps_created": created_roadmaps,
        "practices_created": created_practices,
        "people_created": people_created,
    }
