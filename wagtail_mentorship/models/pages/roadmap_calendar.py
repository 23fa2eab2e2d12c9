"""iCalendar (RFC 5545) feeds of the dated roadmap activities: a roadmap's public feed and a
responsible user's private one.

Every activity with a start or a due date is an all-day event («1.2 Title»), numbered as the
page numbers it. Its UID is the activity's pk, which a re-published stage keeps, and its
DTSTAMP is the stage's last publication, so that a feed changes only when a page is published
and two requests give the same bytes. Pages are read through their models' own methods
(``get_table``, ``get_activity_model``): this package imports none of the app's models.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from wagtail.models import Page, get_page_models

if TYPE_CHECKING:
    import icalendar

CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODID = "-//wagtail-mentorship//Roadmap activities//RU"
# Calendar clients that honour it fetch the feed twice a day, not every few minutes.
REFRESH_INTERVAL = datetime.timedelta(hours=12)
# DTSTAMP of an event whose pages were never published (not served, but never the clock).
EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class FeedEntry:
    """One dated activity with what its event says about where it belongs."""

    roadmap: object  # the roadmap page
    stage: object  # its NumberedStage
    item: object  # the NumberedActivity
    stage_url: str
    hostname: str

    @property
    def activity(self):
        return self.item.activity


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def published_at(*pages) -> datetime.datetime:
    """The latest publication of the pages: the moment the event last changed."""
    stamps = [page.last_published_at for page in pages if page.last_published_at]
    return max(stamps, default=EPOCH)


def activity_event(entry: FeedEntry, *, with_roadmap: bool) -> icalendar.Event:
    import icalendar

    activity = entry.activity
    event = icalendar.Event()
    event.add("uid", f"roadmap-activity-{activity.pk}@{entry.hostname}")
    event.add("dtstamp", published_at(entry.roadmap, entry.stage.page))
    start = activity.start_date or activity.due_date
    end = activity.due_date or activity.start_date
    event.add("dtstart", start)
    # DTEND of an all-day event is exclusive: the day after the due date.
    event.add("dtend", end + datetime.timedelta(days=1))
    event.add("summary", f"{entry.item.number} {one_line(activity.title)}")
    event.add("description", activity_description(entry, with_roadmap=with_roadmap))
    if entry.stage_url:
        event.add("url", entry.stage_url)
    # An activity takes a day in the calendar but does not make its people busy.
    event.add("transp", "TRANSPARENT")
    return event


def activity_description(entry: FeedEntry, *, with_roadmap: bool) -> str:
    activity = entry.activity
    lines = []
    if with_roadmap:
        lines.append(gettext("Roadmap: %(title)s") % {"title": entry.roadmap.title})
    lines.append(entry.stage.heading)
    if activity.timing:
        lines.append(gettext("Timing: %(timing)s") % {"timing": one_line(activity.timing)})
    if activity.responsible:
        lines.append(
            gettext("Responsible: %(responsible)s")
            % {"responsible": one_line(activity.responsible)}
        )
    lines.append(gettext("Status: %(status)s") % {"status": activity.get_status_display()})
    if entry.stage_url:
        lines.append(entry.stage_url)
    return "\n".join(lines)


def calendar_bytes(name: str, entries: Iterable[FeedEntry], *, with_roadmap=False) -> bytes:
    # Loaded when a feed is asked for, not by every app process (8 MB).
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH_INTERVAL))
    for entry in entries:
        calendar.add_component(activity_event(entry, with_roadmap=with_roadmap))
    return calendar.to_ical()


def roadmap_entries(roadmap, request, only=None) -> Iterator[FeedEntry]:
    """The roadmap's dated activities on its live stages, in the page's order; with ``only``,
    those of them whose pk it holds."""
    site = roadmap.get_site()
    hostname = site.hostname if site else "localhost"
    for stage in roadmap.get_table().stages:
        stage_url = stage.page.get_full_url(request) or ""
        for item in stage.activities:
            activity = item.activity
            if not (activity.start_date or activity.due_date):
                continue
            if only is not None and activity.pk not in only:
                continue
            yield FeedEntry(roadmap, stage, item, stage_url, hostname)


def roadmap_calendar_bytes(roadmap, request) -> bytes:
    return calendar_bytes(roadmap.title, roadmap_entries(roadmap, request))


def roadmap_page_models() -> list:
    """Every concrete roadmap page type: the app's and a site's own."""
    return [model for model in get_page_models() if getattr(model, "stage_page_model", None)]


def user_entries(user, request) -> Iterator[FeedEntry]:
    """The dated activities the user answers for, on live stages of live roadmaps."""
    for roadmap_model in roadmap_page_models():
        mine = set(
            roadmap_model.get_activity_model()
            .objects.filter(responsible_users=user)
            .values_list("pk", flat=True)
        )
        if not mine:
            continue
        stage_paths = (
            roadmap_model.get_stage_model()
            .objects.live()
            .filter(activities__in=mine)
            .values_list("path", flat=True)
        )
        parent_paths = {path[: -Page.steplen] for path in stage_paths}
        # exact_type: a site's subclass of the page is read once, as its own type.
        roadmaps = roadmap_model.objects.live().exact_type(roadmap_model)
        for roadmap in roadmaps.filter(path__in=parent_paths).order_by("path"):
            yield from roadmap_entries(roadmap, request, only=mine)


def user_calendar_bytes(user, request) -> bytes:
    return calendar_bytes(
        gettext("My roadmap activities"), user_entries(user, request), with_roadmap=True
    )


def calendar_response(content: bytes, filename: str) -> HttpResponse:
    return HttpResponse(
        content,
        content_type=CALENDAR_CONTENT_TYPE,
        headers={"Content-Disposition": content_disposition_header(False, filename)},
    )
