"""The .docx documents of the pairs, as downloads: the order assigning the chosen pairs (a bulk
action of the pairs' listing, ``admin/bulk_documents.py``) and a pair's individual plan (a
button in the header's menu of the pair's page and of its edit form). Each download is in
the audit log, as every export is."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views import View
from wagtail.admin.widgets import Button
from wagtail.snippets.views.snippets import EditView

from ...access.policies import READ, pair_policy
from ...importing.audit import EXPORT_ACTION, log_for_each
from ...models import MentorshipPair
from ...monitoring.documents import DOCX_CONTENT_TYPE, order_document, plan_document
from ...spreadsheets.writing import dated_filename
from ..links import snippet_url
from .inspect import PairInspectView

PLAN_URL_NAME = "plan_docx"


def pairs_with_people(queryset):
    return queryset.select_related("mentor", "form", "organization").prefetch_related("mentees")


def docx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def order_response(request, pairs) -> HttpResponse:
    """The order for ``pairs``, which the caller has scoped to ``request.user``."""
    pairs = list(pairs_with_people(pairs))
    log_for_each(pairs, EXPORT_ACTION, request.user, data={"format": "docx", "document": "order"})
    name = dated_filename(pgettext("file name", "order assigning pairs"), extension="docx")
    return docx_response(order_document(pairs), name)


class PlanDocumentView(View):
    """A pair's individual development plan, for a user who may see the pair."""

    def get(self, request, pk):
        visible = pair_policy.filter_for_user(request.user, MentorshipPair.objects.all(), READ)
        pair = get_object_or_404(pairs_with_people(visible), pk=pk)
        log_for_each(
            [pair], EXPORT_ACTION, request.user, data={"format": "docx", "document": "plan"}
        )
        name = dated_filename(
            pgettext("file name", "individual plan"), pair.mentor.full_name, extension="docx"
        )
        return docx_response(plan_document(pair), name)


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
