from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import admin_urls
from .audit import register_log_actions
from .dashboard import MentorshipSummaryPanel
from .page_buttons import roadmap_header_buttons
from .viewsets import MentorshipViewSetGroup

register_snippet(MentorshipViewSetGroup)
hooks.register("register_log_actions", register_log_actions)
hooks.register("register_page_header_buttons", roadmap_header_buttons)
hooks.register("register_admin_urls", lambda: admin_urls.urlpatterns)


@hooks.register("construct_homepage_panels")
def add_mentorship_summary_panel(request, panels):
    panels.append(MentorshipSummaryPanel(request))
