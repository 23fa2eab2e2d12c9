"""The dashboard panel of the Wagtail admin's home page: the programme in numbers, each a
link to the list of exactly that many, in the markup of Wagtail's own site summary, the
user's own activities that are due and the survey rounds open now."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext
from wagtail.admin.ui.components import Component

from ..access.scope import scope_for
from ..models import Mentee, Mentor, MentorshipPair, Organization
from ..models.surveys import SurveyRound
from ..monitoring.activities import ActivityState, my_activities
from ..monitoring.dashboard_counts import can_see_people, summary_counts
from ..monitoring.surveys.progress import open_rounds
from ..people.consent import ConsentState
from .links import snippet_url
from .views.activities_report import report_url, stage_edit_url


@dataclass(frozen=True)
class SummaryItem:
    icon: str
    url: str
    text: SafeString


def counted(text: str, count: int) -> SafeString:
    """«5 наставников» from ngettext's «%(count)s наставников»: the number in a <span>, as in
    Wagtail's summary items. (ngettext is called where the strings are, for makemessages.)"""
    return mark_safe(escape(text) % {"count": format_html("<span>{}</span>", count)})


def with_query(url: str, **params) -> str:
    return f"{url}?{urlencode(params)}"


def acting_for(user) -> str:
    """Whom the numbers are of: the user's organisations, or the whole site for those who
    act for every one."""
    scope = scope_for(user)
    if not scope.everything:
        names = [str(o) for o in Organization.objects.filter(pk__in=scope.organization_ids)]
        if names:
            return ", ".join(names)
    return getattr(settings, "WAGTAIL_SITE_NAME", "")


def summary_items(counts: dict[str, int]) -> list[SummaryItem]:
    mentors, mentees = snippet_url(Mentor, "list"), snippet_url(Mentee, "list")
    no_consent = {"consent": ConsentState.NONE.value}
    # (count, icon, the list it opens, its text for a number of n)
    rows = [
        (
            "mentors",
            "user",
            mentors,
            lambda n: ngettext("%(count)s mentor", "%(count)s mentors", n),
        ),
        (
            "mentees",
            "user",
            mentees,
            lambda n: ngettext("%(count)s mentee", "%(count)s mentees", n),
        ),
        (
            "active_pairs",
            "link",
            with_query(snippet_url(MentorshipPair, "list"), status=MentorshipPair.Status.ACTIVE),
            lambda n: ngettext("%(count)s active pair", "%(count)s active pairs", n),
        ),
        (
            "without_mentor",
            "warning",
            snippet_url(Mentee, "without_mentor"),
            lambda n: ngettext(
                "%(count)s mentee without a mentor", "%(count)s mentees without a mentor", n
            ),
        ),
        (
            "mentors_without_consent",
            "lock",
            with_query(mentors, **no_consent),
            lambda n: ngettext(
                "%(count)s mentor without consent to processing",
                "%(count)s mentors without consent to processing",
                n,
            ),
        ),
        (
            "mentees_without_consent",
            "lock",
            with_query(mentees, **no_consent),
            lambda n: ngettext(
                "%(count)s mentee without consent to processing",
                "%(count)s mentees without consent to processing",
                n,
            ),
        ),
    ]
    rows.append(
        (
            "overdue_activities",
            "warning",
            report_url(state=ActivityState.OVERDUE.value),
            lambda n: ngettext("%(count)s overdue activity", "%(count)s overdue activities", n),
        )
    )
    return [
        SummaryItem(icon, url, counted(text(counts[key]), counts[key]))
        for key, icon, url, text in rows
    ]


MY_ACTIVITIES_SHOWN = 5


@dataclass(frozen=True)
class MyActivity:
    title: str
    url: str  # the stage page's edit view, where its row is
    due_date: object
    overdue: bool


def my_activity_items(user) -> list[MyActivity]:
    today = timezone.localdate()
    return [
        MyActivity(
            activity.title,
            stage_edit_url(activity),
            activity.due_date,
            activity.due_date < today,
        )
        for activity in my_activities(user, today)[:MY_ACTIVITIES_SHOWN]
    ]


OPEN_ROUNDS_SHOWN = 5


@dataclass(frozen=True)
class OpenRound:
    survey: str
    organization: str
    closes_on: object
    answered: int
    invited: int
    url: str  # the round's participants: who answered, and new links for lost ones


def open_round_items(user) -> tuple[list[OpenRound], bool]:
    """The open rounds closing soonest, and whether there are more than those shown; one
    query, the answered counted in it."""
    rounds = list(open_rounds(user, timezone.localdate())[: OPEN_ROUNDS_SHOWN + 1])
    items = [
        OpenRound(
            str(round_.survey),
            str(round_.organization or ""),
            round_.closes_on,
            round_.answered,
            round_.invited,
            snippet_url(SurveyRound, "invitations", round_.pk),
        )
        for round_ in rounds[:OPEN_ROUNDS_SHOWN]
    ]
    return items, len(rounds) > OPEN_ROUNDS_SHOWN


class MentorshipSummaryPanel(Component):
    name = "mentorship_summary"
    order = 110
    template_name = "wagtail_mentorship/monitoring/summary_panel.html"

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        if not can_see_people(self.request.user):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        who = acting_for(self.request.user)
        heading = gettext("Mentorship: %(who)s") % {"who": who} if who else gettext("Mentorship")
        rounds, more_rounds = open_round_items(self.request.user)
        return {
            "heading": heading,
            "items": summary_items(summary_counts(self.request.user)),
            "my_activities": my_activity_items(self.request.user),
            "open_rounds": rounds,
            "more_rounds_url": snippet_url(SurveyRound, "list") if more_rounds else "",
        }
