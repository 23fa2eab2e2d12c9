"""What keeps a pair from becoming active, in the words of ``pair_rules``: shown on the pair's
edit and inspect pages, so a curator learns it before trying."""

import copy

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from ..people.pair_rules import pair_errors


def activation_blockers(pair) -> list[str]:
    """The rules an open pair would break if it were active; none for a closed pair."""
    statuses = type(pair)
    if pair.status not in statuses.CURRENT_STATUSES or not pair.mentor_id:
        return []
    active = copy.copy(pair)
    active.status = statuses.Status.ACTIVE
    errors = pair_errors(active, list(pair.mentees.all()))
    return [message for messages in errors.values() for message in messages]


class ActivationBlockersPanel(Panel):
    """The pair's blockers as saved; nothing when the pair may become active."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("What keeps the pair from becoming active"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_mentorship/admin/includes/activation_blockers.html"

        @cached_property
        def blockers(self):
            if self.instance is None or self.instance.pk is None:
                return []
            return activation_blockers(self.instance)

        def is_shown(self):
            return bool(self.blockers)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["blockers"] = self.blockers
            return context
