from wagtail.snippets.views.snippets import SnippetViewSet

from ...access.views import ScopedViewSetMixin
from ...models import MentorshipForm, Organization
from .wording import WordedViewSetMixin


class OrganizationViewSet(WordedViewSetMixin, ScopedViewSetMixin, SnippetViewSet):
    model = Organization
    icon = "site"
    menu_order = 500
    list_display = ["name", "short_name", "kind"]
    list_filter = ["kind"]
    ordering = ["name"]


class MentorshipFormViewSet(WordedViewSetMixin, SnippetViewSet):
    model = MentorshipForm
    icon = "list-ul"
    menu_order = 400
    list_display = ["name", "mentor_role", "mentee_role"]
    ordering = ["name"]
