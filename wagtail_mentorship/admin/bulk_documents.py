"""«Приказ о закреплении (docx)» on the pairs chosen in their listing: the order, prepared by a
task worker, with the chosen pairs the user may see (the others are left out, as if not
chosen)."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from ..access.bulk_actions import HideUnseenMixin
from ..access.policies import READ, pair_policy
from ..models import MentorshipPair
from .views.documents import order_response


class PairsOrderBulkAction(HideUnseenMixin, SnippetBulkAction):
    display_name = _("Order assigning the pairs (docx)")
    aria_label = _("Download the order assigning the selected pairs (docx)")
    action_type = "order_docx"
    action_priority = 50
    models = [MentorshipPair]

    def visible(self, queryset):
        return pair_policy.filter_for_user(self.request.user, queryset, READ)

    def get(self, request, *args, **kwargs):
        pairs, _hidden = self.get_actionable_objects()
        if not pairs:
            raise Http404
        chosen = MentorshipPair.objects.filter(pk__in=[pair.pk for pair in pairs])
        return order_response(request, chosen)

    post = get
