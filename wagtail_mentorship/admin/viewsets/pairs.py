from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet

from ...access.views import ScopedViewSetMixin
from ...models import MentorshipPair
from ..filters import PairFilterSet
from ..views.documents import (
    PLAN_URL_NAME,
    PairEditWithDocumentsView,
    PairInspectWithDocumentsView,
    PlanDocumentView,
)
from ..views.matching import PairEveryoneButtonMixin
from ..views.people import SpreadsheetIndexView
from .spreadsheets import SpreadsheetViewSetMixin
from .wording import WordedViewSetMixin


class PairIndexView(PairEveryoneButtonMixin, SpreadsheetIndexView):
    pass


class MentorshipPairViewSet(
    WordedViewSetMixin, ScopedViewSetMixin, SpreadsheetViewSetMixin, SnippetViewSet
):
    model = MentorshipPair
    spreadsheet_target = "pairs"
    icon = "link"
    # «Наставнические пары и группы» is cut both in the menu and in the listing's header at
    # 1280 px: both say «Пары и группы», under the «Наставничество» menu.
    menu_label = _("Pairs and groups")
    menu_order = 300
    index_view_class = PairIndexView
    inspect_view_enabled = True
    inspect_view_class = PairInspectWithDocumentsView
    edit_view_class = PairEditWithDocumentsView
    filterset_class = PairFilterSet
    list_per_page = 50
    list_display = [
        "mentor",  # the title column, with the row's buttons
        Column("mentees", label=_("Mentees"), accessor="mentee_names", width="28%"),
        "form",
        "status",
        # Short headings and widths keep the listing within a 1280 px screen.
        Column("start_date", label=_("Start"), sort_key="start_date", width="12%"),
        Column("order_number", label=_("Order"), sort_key="order_number", width="8%"),
    ]
    list_export = [
        "mentor",
        "mentee_names",
        "form",
        "organization",
        "status",
        "start_date",
        "end_date",
        "order_number",
        "order_date",
        "goal",
        "result",
    ]
    export_headings = {"mentee_names": _("Mentees")}
    export_filename = _("pairs")

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(page_title=self.menu_label, **kwargs)

    def get_urlpatterns(self):
        plan = path("plan/<str:pk>/", PlanDocumentView.as_view(), name=PLAN_URL_NAME)
        return [*super().get_urlpatterns(), plan]

    def get_queryset(self, request):
        return MentorshipPair.objects.select_related(
            "mentor", "form", "organization"
        ).prefetch_related("mentees")
