"""Admin CRUD for the mentorship snippets, grouped under one «Наставничество» menu item."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from .pairs import MentorshipPairViewSet
from .people import MenteeViewSet, MentorViewSet
from .reference import MentorshipFormViewSet, OrganizationViewSet
from .surveys import SurveyRoundViewSet, SurveyViewSet


class MentorshipViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Mentorship")
    menu_icon = "group"
    menu_name = "mentorship"
    menu_order = 250
    items = (
        MentorViewSet,
        MenteeViewSet,
        MentorshipPairViewSet,
        MentorshipFormViewSet,
        OrganizationViewSet,
        SurveyViewSet,
        SurveyRoundViewSet,
    )
