"""The .docx documents of the pairs: the order assigning the chosen pairs (a bulk action of
the pairs' listing, ``admin/bulk_documents.py``) and a pair's individual plan (a button in
the header's menu of the pair's page and of its edit form). A task worker prepares each
(``downloads.kinds``), and writes it in the audit log, as every export is."""

from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from wagtail.admin.widgets import Button
from wagtail.snippets.views.snippets import EditView

from ...access.policies import READ, pair_policy
from ...downloads import kinds
from ...downloads.views import prepare
from ...models import MentorshipPair
from ..links import snippet_url
from .inspect import PairInspectView

PLAN_URL_NAME = "plan_docx"


def order_response(request, pairs):
    """The order for ``pairs``, which the caller has scoped to ``request.user``, queued."""
    chosen = sorted(pairs.values_list("pk", flat=True))
    return prepare(request, kinds.PAIRS_ORDER, {"pairs": chosen})


class PlanDocumentView(View):
    """A pair's individual development plan, for a user who may see the pair."""

    def get(self, request, pk):
        visible = pair_policy.filter_for_user(request.user, MentorshipPair.objects.all(), READ)
        pair = get_object_or_404(visible, pk=pk)
        return prepare(request, kinds.PAIR_PLAN, {"pairs": [pair.pk]})


class PlanButtonMixin:
    """The pair's individual plan to download in the header's menu of a view of the pair."""

    @cached_property
    def header_more_buttons(self):
        url = snippet_url(MentorshipPair, PLAN_URL_NAME, self.object.pk)
        return [
            *super().header_more_buttons,
            Button(_("Individual plan (docx)"), url=url, icon_name="doc-full", priority=30),
        ]


class PairInspectWithDocumentsView(PlanButtonMixin, PairInspectView):
    """The pair's page, with its individual plan."""


class PairEditWithDocumentsView(PlanButtonMixin, EditView):
    """The pair's edit form, with its individual plan, as on the pair's page."""
