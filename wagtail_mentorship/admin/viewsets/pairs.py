from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet

from ...access.views import ScopedViewSetMixin
from ...models import MentorshipPair
from ..filters import PairFilterSet
from ..views.people import SpreadsheetIndexView
from .spreadsheets import SpreadsheetViewSetMixin


class MentorshipPairViewSet(ScopedViewSetMixin, SpreadsheetViewSetMixin, SnippetViewSet):
    model = MentorshipPair
    spreadsheet_target = "pairs"
    icon = "link"
    menu_order = 300
    index_view_class = SpreadsheetIndexView
    inspect_view_enabled = True
    filterset_class = PairFilterSet
    list_per_page = 50
    list_display = [
        "mentor",
        Column("mentees", label=_("mentees"), accessor="mentee_names"),
        "form",
        "status",
        "start_date",
        "order_number",
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
    export_headings = {"mentee_names": _("mentees")}
    export_filename = "pairs"

    def get_queryset(self, request):
        return MentorshipPair.objects.select_related(
            "mentor", "form", "organization"
        ).prefetch_related("mentees")
