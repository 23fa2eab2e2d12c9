from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import admin_urls
from .access.views import ScopedDeleteBulkAction
from .audit import register_log_actions
from .dashboard import MentorshipSummaryPanel
from .page_buttons import roadmap_header_buttons
from .viewsets import MentorshipViewSetGroup

register_snippet(MentorshipViewSetGroup)
hooks.register("register_log_actions", register_log_actions)
# After Wagtail's own bulk delete, so that it takes its place for the people's snippets.
hooks.register("register_bulk_action", ScopedDeleteBulkAction, order=100)
hooks.register("register_page_header_buttons", roadmap_header_buttons)
hooks.register("register_admin_urls", lambda: admin_urls.urlpatterns)


@hooks.register("construct_homepage_panels")
def add_mentorship_summary_panel(request, panels):
    panels.append(MentorshipSummaryPanel(request))
