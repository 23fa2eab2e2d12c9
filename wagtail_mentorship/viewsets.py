"""Admin CRUD for the mentorship snippets, grouped under one «Наставничество» menu item."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import MentorshipForm, Organization


class OrganizationViewSet(SnippetViewSet):
    model = Organization
    icon = "site"
    menu_order = 900
    list_display = ["name", "short_name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    ordering = ["name"]


class MentorshipFormViewSet(SnippetViewSet):
    model = MentorshipForm
    icon = "group"
    menu_order = 800
    list_display = ["name", "mentor_role", "mentee_role"]
    search_fields = ["name", "description"]
    ordering = ["name"]


class MentorshipViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Mentorship")
    menu_icon = "group"
    menu_name = "mentorship"
    menu_order = 250
    items = (MentorshipFormViewSet, OrganizationViewSet)
