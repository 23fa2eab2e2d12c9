"""The dashboard panel of the Wagtail admin's home page: the programme in five numbers."""

from django.urls import reverse
from wagtail.admin.ui.components import Component

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
            "mentors_url": reverse("wagtailsnippets_wagtail_mentorship_mentor:list"),
            "mentees_url": reverse("wagtailsnippets_wagtail_mentorship_mentee:list"),
            "pairs_url": reverse("wagtailsnippets_wagtail_mentorship_mentorshippair:list"),
            "report_url": reverse("wagtailsnippets_wagtail_mentorship_mentee:without_mentor"),
        }
