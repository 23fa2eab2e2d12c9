"""The admin report «Мероприятия дорожной карты»: activities overdue, due within 14 days and
done, of the roadmaps the user may see, with filters and the list as xlsx or csv."""

from urllib.parse import urlencode

import django_filters
from django.contrib.auth import get_user_model
from django.db.models.functions import Length, Substr
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from ...models import RoadmapActivity, RoadmapPage, StagePage
from ...models.pages.roadmap import admin_users
from ...monitoring.activities import (
    ActivityState,
    any_state_q,
    state_of,
    state_q,
    visible_activities,
    visible_roadmaps,
)
from ...wording import WordedPaginator
from .people import PersonalDataExportMixin

URL_NAMESPACE = "wagtail_mentorship_activities"


def report_url(**filters) -> str:
    """The report, filtered: ``report_url(state="overdue")``."""
    url = reverse(f"{URL_NAMESPACE}:index")
    return f"{url}?{urlencode(filters)}" if filters else url


def stages_of(roadmaps):
    parent_path = Substr("path", 1, Length("path") - Page.steplen)
    return (
        StagePage.objects.annotate(parent_path=parent_path)
        .filter(parent_path__in=roadmaps.values("path"))
        .order_by("path")
    )


def stage_edit_url(activity) -> str:
    """The stage page's edit view, where the activity is a row."""
    return reverse("wagtailadmin_pages:edit", args=[activity.page_id])


class ActivityFilterSet(WagtailFilterSet):
    roadmap = django_filters.ModelChoiceFilter(
        label=_("Roadmap"), queryset=RoadmapPage.objects.none(), method="filter_roadmap"
    )
    page = django_filters.ModelChoiceFilter(label=_("Stage"), queryset=StagePage.objects.none())
    responsible_users = django_filters.ModelChoiceFilter(
        label=_("Responsible user"), queryset=get_user_model().objects.none()
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RoadmapActivity.Status.choices)
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=ActivityState.choices, method="filter_state"
    )

    class Meta:
        model = RoadmapActivity
        fields = ["roadmap", "page", "responsible_users", "status", "state"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Choices only of what the user may see: no other school's roadmap is named here.
        roadmaps = visible_roadmaps(self.request.user)
        self.filters["roadmap"].queryset = roadmaps.order_by("title")
        self.filters["page"].queryset = stages_of(roadmaps)
        users = get_user_model().objects.filter(admin_users())
        self.filters["responsible_users"].queryset = users.order_by("username")

    def filter_roadmap(self, queryset, name, value):
        return queryset.filter(roadmap_path=value.path)

    def filter_state(self, queryset, name, value):
        return queryset.filter(state_q(value, timezone.localdate()))


class ActivityReportView(PersonalDataExportMixin, ReportView):
    paginator_class = WordedPaginator  # «15 мероприятий»
    page_title = _("Roadmap activities")
    header_icon = "date"
    filterset_class = ActivityFilterSet
    index_url_name = f"{URL_NAMESPACE}:index"
    index_results_url_name = f"{URL_NAMESPACE}:results"
    export_filename = pgettext_lazy("file name", "roadmap activities")
    audit_export = False  # activities and staff, no subject of personal data
    list_export = [
        "roadmap_title",
        "page.title",
        "number",
        "title",
        "timing",
        "start_date",
        "due_date",
        "status",
        "state_label",
        "responsible_names",
        "responsible",
    ]
    export_headings = {
        "roadmap_title": _("Roadmap"),
        "page.title": _("Stage"),
        "state_label": _("State"),
        "responsible_names": _("Responsible users"),
    }

    @cached_property
    def today(self):
        return timezone.localdate()

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Activity"),
                get_url=lambda activity: reverse(
                    "wagtailadmin_pages:edit", args=[activity.page_id]
                ),
            ),
            Column("roadmap_title", label=_("Roadmap")),
            Column("page", label=_("Stage")),
            DateColumn("due_date", label=_("Due date")),
            Column("state_label", label=_("State")),
            Column("responsible_names", label=_("Responsible")),
        ]

    def get_queryset(self):
        return (
            visible_activities(self.request.user)
            .filter(any_state_q(self.today))
            .prefetch_related("responsible_users")
            .order_by("due_date", "page__path", "sort_order", "pk")
        )

    def decorate_paginated_queryset(self, object_list):
        for activity in object_list:
            state = state_of(activity, self.today)
            activity.state_label = state.label if state else ""
            activity.responsible_names = ", ".join(
                user.get_full_name() or user.get_username()
                for user in activity.responsible_users.all()
            )
        return object_list


report_view = ActivityReportView.as_view()
results_view = ActivityReportView.as_view(results_only=True)

urlpatterns = [
    path(
        "mentorship/activities/",
        (
            [
                path("", report_view, name="index"),
                path("results/", results_view, name="results"),
            ],
            URL_NAMESPACE,
            URL_NAMESPACE,
        ),
    ),
]


def menu_item():
    """«Мероприятия дорожной карты» in Wagtail's Reports menu."""
    return MenuItem(
        ActivityReportView.page_title, report_url(), icon_name="date", name="roadmap-activities"
    )
