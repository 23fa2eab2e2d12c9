"""Mentors and mentees: the listings, filters, exports and inspect views a curator works with."""

from django.urls import path
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet

from ...access.views import ScopedViewSetMixin
from ...models import Mentee, Mentor
from ...privacy.views import AnonymiseView, RetentionReportView, SubjectRecordView
from ...wording import WordedPaginator
from ..filters import MenteeFilterSet, MentorFilterSet
from ..views.matching import (
    CreatePairFromSuggestionView,
    MenteeInspectView,
    MenteesWithoutMentorView,
)
from ..views.people import PersonInspectView, SpreadsheetIndexView
from .spreadsheets import SpreadsheetViewSetMixin
from .wording import WordedViewSetMixin

PERSON_EXPORT = ["full_name", "email", "phone", "organization"]
CONSENT_EXPORT = [
    "processing_consent_date",
    "processing_consent_by",
    "processing_consent_withdrawn",
    "publication_consent_date",
    "publication_consent_by",
    "publish_name",
    "publish_photo",
    "publish_achievements",
    "publication_consent_withdrawn",
]
CONSENT_COLUMN = Column("consent", label=_("Consent"), accessor="get_consent_state_display")


class PersonViewSet(
    WordedViewSetMixin, ScopedViewSetMixin, SpreadsheetViewSetMixin, SnippetViewSet
):
    index_view_class = SpreadsheetIndexView
    inspect_view_class = PersonInspectView
    inspect_view_enabled = True
    inspect_view_fields_exclude = ["id", "created_at", "updated_at"]
    ordering = ["full_name"]
    list_per_page = 50

    def get_urlpatterns(self):
        bound = {"model": self.model, "url_namespace": self.url_namespace}
        return [
            *super().get_urlpatterns(),
            path("retention/", RetentionReportView.as_view(**bound), name="retention"),
            path(
                "retention/results/",
                RetentionReportView.as_view(results_only=True, **bound),
                name="retention_results",
            ),
            path("retention/anonymise/", AnonymiseView.as_view(**bound), name="anonymise"),
            path("subject/<str:pk>/", SubjectRecordView.as_view(**bound), name="subject"),
        ]


class MentorViewSet(PersonViewSet):
    model = Mentor
    spreadsheet_target = "mentors"
    icon = "user"
    menu_order = 100
    filterset_class = MentorFilterSet
    list_display = [
        "full_name",
        "category",
        Column(
            "competencies",
            label=capfirst(_("competencies")),
            accessor=lambda mentor: Truncator(mentor.competencies).chars(80),
        ),
        Column(
            "load",
            label=_("Mentees / capacity"),
            accessor=lambda mentor: f"{mentor.current_mentees} / {mentor.capacity}",
            sort_key="current_mentees",
        ),
        CONSENT_COLUMN,
        "status",
    ]
    list_export = [
        *PERSON_EXPORT,
        "category",
        "position",
        "competencies",
        "interests",
        "achievements",
        "preferred_mentees",
        "capacity",
        "current_mentees",
        "availability",
        "status",
        *CONSENT_EXPORT,
    ]
    export_headings = {"current_mentees": _("Mentees now")}
    export_filename = _("mentors")

    def get_queryset(self, request):
        return (
            Mentor.objects.select_related("organization")
            .with_current_mentees()
            .order_by("full_name")
        )


class MenteeViewSet(PersonViewSet):
    model = Mentee
    spreadsheet_target = "mentees"
    inspect_view_class = MenteeInspectView
    icon = "user"
    menu_order = 200
    filterset_class = MenteeFilterSet
    list_display = [
        "full_name",
        "class_name",
        "category",
        "organization",
        Column(
            "has_current_pair",
            label=_("Mentor"),
            accessor=lambda mentee: (
                pgettext("has a mentor", "Yes")
                if mentee.has_current_pair
                else pgettext("has a mentor", "No")
            ),
            sort_key="has_current_pair",
        ),
        CONSENT_COLUMN,
        "status",
    ]
    list_export = [
        *PERSON_EXPORT,
        "class_name",
        "category",
        "is_minor",
        "request",
        "expectations",
        "recommended_by",
        "representative_name",
        "representative_phone",
        "representative_email",
        "status",
        "entered_on",
        *CONSENT_EXPORT,
    ]
    export_filename = _("mentees")

    def get_queryset(self, request):
        return (
            Mentee.objects.select_related("organization").with_current_pair().order_by("full_name")
        )

    def get_urlpatterns(self):
        report = {
            "index_url_name": self.get_url_name("without_mentor"),
            "index_results_url_name": self.get_url_name("without_mentor_results"),
            "paginator_class": WordedPaginator,
        }
        return [
            *super().get_urlpatterns(),
            path(
                "without-mentor/", MenteesWithoutMentorView.as_view(**report), name="without_mentor"
            ),
            path(
                "without-mentor/results/",
                MenteesWithoutMentorView.as_view(results_only=True, **report),
                name="without_mentor_results",
            ),
            path(
                "create-pair/<int:pk>/",
                CreatePairFromSuggestionView.as_view(),
                name="create_pair",
            ),
        ]
