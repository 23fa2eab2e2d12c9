"""iCalendar feeds of roadmap activities: a roadmap's public feed, and a responsible user's
private feed behind a link they can revoke."""

import datetime
import hashlib

import icalendar
import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.access_world import make_user
from tests.builders import build_roadmap
from wagtail_mentorship.models import CalendarFeedToken, RoadmapActivity, StagePage

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
LONG_TITLE = (
    "Проведение торжественной церемонии закрепления наставнических пар с участием "
    "родителей (законных представителей) обучающихся и педагогического совета школы"
)


def change_activities(stage, changes: dict) -> StagePage:
    """Edits the stage's activities as an editor does (a new revision) and publishes it;
    ``changes`` maps an activity's sort_order to its new field values."""
    page = StagePage.objects.get(pk=stage.pk).get_latest_revision_as_object()
    activities = list(page.activities.all())
    for activity in activities:
        for field, value in changes.get(activity.sort_order, {}).items():
            if field == "responsible_users":
                activity.responsible_users.set(value)
            else:
                setattr(activity, field, value)
    page.activities = activities
    page.save_revision().publish()
    return page


def dated_roadmap(home_page, **fields):
    """Two stages of three activities: 1.1 has both dates, 1.2 a due date, 1.3 none,
    2.1 a start date, 2.2 and 2.3 none."""
    roadmap = build_roadmap(home_page, stages=2, activities=3, **fields)
    first, second = StagePage.objects.child_of(roadmap).order_by("path")
    change_activities(
        first,
        {
            1: {"start_date": TODAY, "due_date": TODAY + 10 * DAY},
            2: {"due_date": TODAY + 30 * DAY, "title": LONG_TITLE},
        },
    )
    change_activities(second, {1: {"start_date": TODAY + 5 * DAY}})
    return roadmap


def feed_url(roadmap) -> str:
    return roadmap.url + roadmap.reverse_subpage("calendar")


def events(content: bytes) -> list:
    return icalendar.Calendar.from_ical(content).walk("VEVENT")


def by_summary(content: bytes) -> dict:
    return {str(event["SUMMARY"]): event for event in events(content)}


@pytest.fixture
def roadmap(home_page):
    return dated_roadmap(home_page)


def test_roadmap_feed_holds_each_dated_activity_once_as_an_all_day_event(client, roadmap):
    response = client.get(feed_url(roadmap))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("inline;")
    assert ".ics" in response["Content-Disposition"]

    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == roadmap.title
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["METHOD"]) == "PUBLISH"
    found = by_summary(response.content)
    assert sorted(found) == sorted(
        ["1.1 Мероприятие 1-1", f"1.2 {LONG_TITLE}", "2.1 Мероприятие 2-1"]
    )
    assert len(events(response.content)) == 3

    both_dates = found["1.1 Мероприятие 1-1"]
    assert both_dates["DTSTART"].dt == TODAY
    assert both_dates["DTEND"].dt == TODAY + 11 * DAY  # the day after the due date
    due_only = found[f"1.2 {LONG_TITLE}"]
    assert (due_only["DTSTART"].dt, due_only["DTEND"].dt) == (TODAY + 30 * DAY, TODAY + 31 * DAY)
    start_only = found["2.1 Мероприятие 2-1"]
    assert (start_only["DTSTART"].dt, start_only["DTEND"].dt) == (TODAY + 5 * DAY, TODAY + 6 * DAY)
    for event in events(response.content):
        assert not isinstance(event["DTSTART"].dt, datetime.datetime)  # VALUE=DATE


def test_event_description_says_stage_timing_responsible_and_where_to_read(client, roadmap):
    event = by_summary(client.get(feed_url(roadmap)).content)["1.1 Мероприятие 1-1"]
    stage = StagePage.objects.child_of(roadmap).order_by("path").first()
    description = str(event["DESCRIPTION"])
    assert "Этап 1. Этап-1" in description
    assert "В течение года" in description
    assert "Куратор" in description
    assert stage.full_url in description
    assert str(event["URL"]) == stage.full_url


def test_two_requests_give_identical_bytes_and_uids(client, roadmap):
    first = client.get(feed_url(roadmap)).content
    second = client.get(feed_url(roadmap)).content
    assert first == second
    uids = [str(event["UID"]) for event in events(first)]
    assert len(set(uids)) == 3
    assert all(uid.startswith("roadmap-activity-") and uid.endswith("@localhost") for uid in uids)


def test_uids_survive_a_republished_stage(client, roadmap):
    before = {
        str(e["SUMMARY"]): str(e["UID"]) for e in events(client.get(feed_url(roadmap)).content)
    }
    stage = StagePage.objects.child_of(roadmap).order_by("path").first()
    change_activities(stage, {1: {"title": "Мероприятие 1-1", "due_date": TODAY + 12 * DAY}})
    content = client.get(feed_url(roadmap)).content
    after = {str(e["SUMMARY"]): str(e["UID"]) for e in events(content)}
    assert after == before
    assert by_summary(content)["1.1 Мероприятие 1-1"]["DTEND"].dt == TODAY + 13 * DAY


def test_uids_survive_a_republish_through_the_admin_edit_form(admin_client, roadmap):
    client = Client()
    before = sorted(str(e["UID"]) for e in events(client.get(feed_url(roadmap)).content))
    stage = StagePage.objects.child_of(roadmap).order_by("path").first()
    edit_url = reverse("wagtailadmin_pages:edit", args=[stage.pk])
    form = BeautifulSoup(admin_client.get(edit_url).content, "html.parser").select_one(
        "form#page-edit-form"
    )
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        if field.get("type") in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        if field.name == "select":
            chosen = field.select("option[selected]")
            data[field["name"]] = [option.get("value", "") for option in chosen]
        elif field.name == "textarea":
            data[field["name"]] = field.text
        else:
            data[field["name"]] = field.get("value", "")
    data["title"] = "Этап-1 (уточнён)"
    data["action-publish"] = "action-publish"
    response = admin_client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert StagePage.objects.get(pk=stage.pk).title == "Этап-1 (уточнён)"
    content = client.get(feed_url(roadmap)).content
    assert "Этап-1 (уточнён)" in str(by_summary(content)["1.1 Мероприятие 1-1"]["DESCRIPTION"])
    assert sorted(str(e["UID"]) for e in events(content)) == before


def test_long_cyrillic_lines_are_folded_within_75_octets(client, roadmap):
    content = client.get(feed_url(roadmap)).content
    assert content.endswith(b"\r\n")
    lines = content.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in content.replace(b"\r\n", b"")
    # Folding never cuts a letter in two: every physical line is valid UTF-8.
    for line in lines:
        line.decode("utf-8")
    assert by_summary(content)[f"1.2 {LONG_TITLE}"] is not None


def test_roadmap_page_links_its_feed(client, roadmap):
    soup = BeautifulSoup(client.get(roadmap.url).content, "html.parser")
    alternate = soup.select_one('head link[rel="alternate"][type="text/calendar"]')
    assert alternate is not None
    assert alternate["href"] == feed_url(roadmap)
    assert roadmap.title in alternate["title"]
    visible = soup.select_one(f'.mentorship-actions a[href="{feed_url(roadmap)}"]')
    assert visible.get_text(strip=True) == "Календарь (iCal)"


def test_draft_changes_stay_out_of_the_feed(client, roadmap):
    stage = StagePage.objects.child_of(roadmap).order_by("path").last()
    page = stage.get_latest_revision_as_object()
    activities = list(page.activities.all())
    for activity in activities:
        activity.due_date = TODAY + 40 * DAY
    page.activities = activities
    page.save_revision()  # a draft, not published
    assert len(events(client.get(feed_url(roadmap)).content)) == 3


# The private feed


@pytest.fixture
def people(django_user_model):
    return make_user(django_user_model, "ivanova"), make_user(django_user_model, "petrov")


@pytest.fixture
def shared_roadmaps(home_page, people):
    """Ivanova answers for 1.1 and 2.1 of the first roadmap and 1.1 of a second one; Petrov
    for 1.2 of the first; 1.3 (undated) is Ivanova's too. A third roadmap is unpublished."""
    ivanova, petrov = people
    first = dated_roadmap(home_page, title="Дорожная карта 2025")
    second = dated_roadmap(home_page, title="Дорожная карта 2026")
    hidden = dated_roadmap(home_page, title="Черновая карта")
    for roadmap, changes in (
        (first, ({1: [ivanova], 2: [petrov], 3: [ivanova]}, {1: [ivanova]})),
        (second, ({1: [ivanova]}, {})),
        (hidden, ({1: [ivanova]}, {1: [ivanova]})),
    ):
        stages = StagePage.objects.child_of(roadmap).order_by("path")
        for stage, stage_changes in zip(stages, changes, strict=True):
            change_activities(
                stage, {n: {"responsible_users": users} for n, users in stage_changes.items()}
            )
    hidden.unpublish()
    return first, second


def private_url(token) -> str:
    return reverse("wagtail_mentorship_calendar_feed", args=[token])


def test_token_is_long_random_and_only_its_hash_is_kept(people):
    ivanova, _ = people
    token = CalendarFeedToken.objects.issue(ivanova)
    assert len(token) >= 43  # 32 random bytes in base64: 256 bits ≥ 128
    record = CalendarFeedToken.objects.get(user=ivanova)
    assert record.token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = [str(value) for value in CalendarFeedToken.objects.values_list(flat=False).get()]
    assert token not in " ".join(stored)
    assert CalendarFeedToken.objects.issue(ivanova) != token


def test_private_feed_lists_only_the_users_published_dated_activities(shared_roadmaps, people):
    ivanova, petrov = people
    anonymous = Client()
    response = anonymous.get(private_url(CalendarFeedToken.objects.issue(ivanova)))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    summaries = sorted(str(event["SUMMARY"]) for event in events(response.content))
    assert summaries == ["1.1 Мероприятие 1-1", "1.1 Мероприятие 1-1", "2.1 Мероприятие 2-1"]
    descriptions = sorted(str(e["DESCRIPTION"]).split("\n")[0] for e in events(response.content))
    assert descriptions == [
        "Дорожная карта: Дорожная карта 2025",
        "Дорожная карта: Дорожная карта 2025",
        "Дорожная карта: Дорожная карта 2026",
    ]
    assert LONG_TITLE not in response.content.decode().replace("\r\n ", "")  # Petrov's 1.2
    assert "Черновая карта" not in response.content.decode().replace("\r\n ", "")

    petrov_feed = anonymous.get(private_url(CalendarFeedToken.objects.issue(petrov))).content
    assert list(by_summary(petrov_feed)) == [f"1.2 {LONG_TITLE}"]


def test_private_feed_uids_match_the_public_feed(client, shared_roadmaps, people):
    ivanova, _ = people
    first, _second = shared_roadmaps
    public = {str(e["UID"]) for e in events(client.get(feed_url(first)).content)}
    private = {
        str(e["UID"])
        for e in events(client.get(private_url(CalendarFeedToken.objects.issue(ivanova))).content)
    }
    assert len(private & public) == 2


def test_unknown_and_revoked_links_open_nothing(client, shared_roadmaps, people):
    ivanova, _ = people
    token = CalendarFeedToken.objects.issue(ivanova)
    assert client.get(private_url(token)).status_code == 200
    assert (
        client.get(private_url(token[:-1] + ("A" if token[-1] != "A" else "B"))).status_code == 404
    )
    CalendarFeedToken.objects.filter(user=ivanova).delete()
    assert client.get(private_url(token)).status_code == 404
    renewed = CalendarFeedToken.objects.issue(ivanova)
    assert client.get(private_url(renewed)).status_code == 200
    # A new link closes the old one.
    CalendarFeedToken.objects.issue(ivanova)
    assert client.get(private_url(renewed)).status_code == 404


def test_my_calendar_page_shows_the_link_once_and_revokes_it(django_user_model, shared_roadmaps):
    admin = make_user(django_user_model, "kurator", is_superuser=True)
    admin_client = Client()
    admin_client.force_login(admin)
    page_url = reverse("wagtail_mentorship_my_calendar")
    account = admin_client.get(reverse("wagtailadmin_account"))
    assert page_url in account.content.decode()

    assert "Ещё не было" not in admin_client.get(page_url).content.decode()
    made = admin_client.post(page_url, {"create": ""})
    assert "no-store" in made["Cache-Control"]
    link = BeautifulSoup(made.content, "html.parser").select_one("#calendar-feed-url")["value"]
    assert link.startswith("http://testserver/mentorship/calendar/") and link.endswith(".ics")
    token = link.rsplit("/", 1)[1].removesuffix(".ics")
    again = admin_client.get(page_url).content.decode()
    assert token not in again  # shown once
    assert "Ещё не было" in again  # no calendar app has used it yet

    assert Client().get(private_url(token)).status_code == 200
    assert CalendarFeedToken.objects.get(user=admin).last_used_at is not None
    assert "Ещё не было" not in admin_client.get(page_url).content.decode()

    revoked = admin_client.post(page_url, {"revoke": ""})
    assert revoked.status_code == 302
    assert Client().get(private_url(token)).status_code == 404
    assert not CalendarFeedToken.objects.filter(user=admin).exists()


def test_my_calendar_page_needs_a_login_and_csrf(django_user_model):
    page_url = reverse("wagtail_mentorship_my_calendar")
    assert Client().get(page_url).status_code == 302  # to the admin's login
    user = make_user(django_user_model, "kurator", is_superuser=True)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    assert strict.post(page_url, {"create": ""}).status_code == 403
    assert not CalendarFeedToken.objects.exists()


def test_activity_pks_are_the_uids_of_the_feed(client, roadmap):
    pks = set(
        RoadmapActivity.objects.filter(page__in=StagePage.objects.child_of(roadmap))
        .exclude(start_date=None, due_date=None)
        .values_list("pk", flat=True)
    )
    uids = {str(e["UID"]) for e in events(client.get(feed_url(roadmap)).content)}
    assert uids == {f"roadmap-activity-{pk}@localhost" for pk in pks}
