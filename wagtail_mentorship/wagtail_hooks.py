from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .access.bulk_actions import BULK_ACTIONS
from .access.choosers import published_mentor_chooser
from .access.consent_scans import refuse_unseen_scan
from .access.people_choosers import mentee_chooser, mentor_chooser
from .admin import urls as admin_urls
from .admin.bulk_documents import PairsOrderBulkAction
from .admin.buttons import roadmap_header_buttons
from .admin.dashboard import MentorshipSummaryPanel
from .admin.views import activities_report, monitoring_report
from .admin.viewsets import MentorshipViewSetGroup
from .admin.viewsets.roadmap_import import roadmap_import_viewset
from .downloads import views as downloads_views
from .importing.audit import register_log_actions
from .models.pages.activity_panels import offer_script
from .monitoring import calendar_views

register_snippet(MentorshipViewSetGroup)
hooks.register("register_admin_viewset", lambda: published_mentor_chooser)
hooks.register("register_admin_viewset", lambda: [mentor_chooser, mentee_chooser])
hooks.register("register_admin_viewset", lambda: roadmap_import_viewset)
# Before Wagtail's own check of the collection's restriction, so that the answer is the same.
hooks.register("before_serve_document", refuse_unseen_scan, order=-1)
hooks.register("register_log_actions", register_log_actions)
# After Wagtail's own bulk actions, so that each takes the place of Wagtail's for its models.
for bulk_action in BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action, order=100)
hooks.register("register_bulk_action", PairsOrderBulkAction)
hooks.register("register_page_header_buttons", roadmap_header_buttons)
hooks.register("register_admin_urls", lambda: admin_urls.urlpatterns)
hooks.register("register_admin_urls", lambda: activities_report.urlpatterns)
hooks.register("register_reports_menu_item", activities_report.menu_item)
hooks.register("register_admin_urls", lambda: monitoring_report.urlpatterns)
hooks.register("register_reports_menu_item", monitoring_report.menu_item)
hooks.register("insert_editor_js", offer_script)
hooks.register("register_admin_urls", calendar_views.admin_urlpatterns)
hooks.register("register_account_menu_item", calendar_views.account_menu_item)
hooks.register("register_admin_urls", downloads_views.admin_urls)
hooks.register("register_reports_menu_item", downloads_views.menu_item)
hooks.register("register_account_menu_item", downloads_views.account_menu_item)


@hooks.register("construct_homepage_panels")
def add_mentorship_summary_panel(request, panels):
    panels.append(MentorshipSummaryPanel(request))
