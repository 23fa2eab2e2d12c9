from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .audit import register_log_actions
from .dashboard import MentorshipSummaryPanel
from .viewsets import MentorshipViewSetGroup

register_snippet(MentorshipViewSetGroup)
hooks.register("register_log_actions", register_log_actions)


@hooks.register("construct_homepage_panels")
def add_mentorship_summary_panel(request, panels):
    panels.append(MentorshipSummaryPanel(request))
