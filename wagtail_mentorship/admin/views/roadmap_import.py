"""A roadmap's stages and activities from a table shaped like the seed documents, on the
flow of ``import_flow``: upload → preview of the stages and activities found → confirm,
saved as draft revisions. Any page type built on ``AbstractRoadmapPage`` takes it."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from ...importing.pipeline import ROADMAP_TARGET, run_roadmap_import
from ...importing.reports import problem_lines
from ...models import AbstractRoadmapPage
from ..import_forms import RoadmapUploadForm
from . import import_flow


class RoadmapFlowMixin:
    target = ROADMAP_TARGET
    header_icon = "list-ol"
    upload_url_name = None  # from the viewset
    preview_url_name = None

    def check_permission(self, request, **kwargs) -> None:
        page = get_object_or_404(Page, pk=kwargs["page_id"]).specific
        if not isinstance(page, AbstractRoadmapPage):
            raise Http404
        permissions = page.permissions_for_user(request.user)
        if not (permissions.can_edit() and permissions.can_add_subpage()):
            raise PermissionDenied
        self.roadmap = page

    def get_page_subtitle(self):
        return self.roadmap.title

    def import_label(self) -> str:
        return RoadmapUploadView.page_title

    def trail(self) -> list:
        return [
            {
                "url": reverse("wagtailadmin_explore", args=[self.roadmap.pk]),
                "label": self.roadmap.title,
            }
        ]

    def uploads(self):
        return super().uploads().filter(page=self.roadmap)

    def upload_url(self) -> str:
        return reverse(self.upload_url_name, args=[self.roadmap.pk])

    def preview_url(self, upload) -> str:
        return reverse(self.preview_url_name, args=[self.roadmap.pk, upload.pk])

    def done_url(self) -> str:
        return reverse("wagtailadmin_explore", args=[self.roadmap.pk])


class RoadmapUploadView(RoadmapFlowMixin, import_flow.UploadView):
    page_title = gettext_lazy("Stages and activities from a table")
    template_name = "wagtail_mentorship/admin/roadmap_import_upload.html"
    form_class = RoadmapUploadForm

    def upload_fields(self, form) -> dict:
        return {"page": self.roadmap}


class RoadmapPreviewView(RoadmapFlowMixin, import_flow.PreviewView):
    template_name = "wagtail_mentorship/admin/roadmap_import_preview.html"
    page_title = gettext_lazy("Stages and activities found")
    step_label = gettext_lazy("Checking before saving the drafts")

    def run(self, dry_run: bool):
        return run_roadmap_import(
            self.upload.read(),
            self.upload.filename,
            self.roadmap,
            dry_run=dry_run,
            user=self.request.user,
            upload=self.upload,
        )

    def success_message(self, report) -> str:
        return _(
            "%(new)s new and %(updated)s updated stages with %(activities)s activities are "
            "saved as drafts: check and publish them."
        ) % {
            "new": report.count("stages_new"),
            "updated": report.count("stages_updated"),
            "activities": report.count("activities"),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["problems"] = problem_lines(context["report"])
        return context
