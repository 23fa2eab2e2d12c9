"""The dashboard panel of the Wagtail admin's home page: the programme in five numbers."""

from wagtail.admin.ui.components import Component

from ..models import Mentee, Mentor, MentorshipPair
from .links import snippet_url
from .people_stats import can_see_people, summary_counts


class MentorshipSummaryPanel(Component):
    name = "mentorship_summary"
    order = 110
    template_name = "wagtail_mentorship/admin/summary_panel.html"

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        if not can_see_people(self.request.user):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        return {
            "counts": summary_counts(self.request.user),
            "mentors_url": snippet_url(Mentor, "list"),
            "mentees_url": snippet_url(Mentee, "list"),
            "pairs_url": snippet_url(MentorshipPair, "list"),
            "report_url": snippet_url(Mentee, "without_mentor"),
        }
