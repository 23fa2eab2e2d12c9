"""Buttons the app adds to pages in the admin."""

from django.utils.translation import gettext as _
from wagtail.admin.widgets import Button

from ..models import AbstractRoadmapPage
from .viewsets.roadmap_import import roadmap_import_viewset


def roadmap_header_buttons(page, user, view_name, next_url=None):
    if issubclass(page.specific_class or type(page), AbstractRoadmapPage):
        permissions = page.permissions_for_user(user)
        if permissions.can_edit() and permissions.can_add_subpage():
            yield Button(
                _("Stages and activities from a table"),
                roadmap_import_viewset.upload_url(page),
                icon_name="upload",
                priority=75,
            )
