"""A roadmap's stages and activities from a table shaped like the seed documents:
upload → preview of the stages and activities found → confirm, saved as draft revisions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from ...access.policies import may_use_upload
from ...importing import audit
from ...importing.roadmap import parse_roadmap_table, save_as_drafts
from ...models import RoadmapPage, SpreadsheetImport
from ...spreadsheets.errors import SpreadsheetError
from ...spreadsheets.reading import read_spreadsheet
from .imports import UploadForm

TARGET = "activities"


class RoadmapMixin(WagtailAdminTemplateMixin):
    header_icon = "list-ol"

    def dispatch(self, request, *args, **kwargs):
        self.roadmap = get_object_or_404(RoadmapPage, pk=kwargs["page_id"])
        permissions = self.roadmap.permissions_for_user(request.user)
        if not (permissions.can_edit() and permissions.can_add_subpage()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.roadmap.title


class RoadmapUploadView(RoadmapMixin, FormView):
    template_name = "wagtail_mentorship/admin/import_upload.html"
    form_class = UploadForm
    page_title = gettext_lazy("Stages and activities from a table")

    def form_valid(self, form):
        SpreadsheetImport.purge_expired()
        file = form.cleaned_data["file"]
        upload = SpreadsheetImport(
            target=TARGET, filename=file.name, user=self.request.user, page=self.roadmap
        )
        upload.file.save(file.name, file, save=False)
        upload.save()
        return redirect("wagtail_mentorship_roadmap_import_preview", self.roadmap.pk, upload.pk)


class RoadmapPreviewView(RoadmapMixin, TemplateView):
    template_name = "wagtail_mentorship/admin/roadmap_import_preview.html"
    page_title = gettext_lazy("Stages and activities found")

    def get_upload(self):
        upload = get_object_or_404(
            SpreadsheetImport, pk=self.kwargs["pk"], target=TARGET, page=self.roadmap
        )
        if not may_use_upload(self.request.user, upload) or not upload.is_pending:
            raise PermissionDenied
        return upload

    def parse(self, upload):
        try:
            return parse_roadmap_table(read_spreadsheet(upload.read(), upload.filename))
        except SpreadsheetError as error:
            return [], [(None, error.message)]

    def get_context_data(self, **kwargs):
        stages, problems = self.parse(self.get_upload())
        return super().get_context_data(stages=stages, problems=problems, **kwargs)

    def post(self, request, *args, **kwargs):
        upload = self.get_upload()
        if request.POST.get("action") == "cancel":
            upload.close(SpreadsheetImport.Status.CANCELLED)
            return redirect("wagtailadmin_explore", self.roadmap.pk)
        stages, problems = self.parse(upload)
        if problems:
            return self.render_to_response(self.get_context_data())
        counts = save_as_drafts(self.roadmap, stages, request.user)
        upload.counts = counts
        upload.close(SpreadsheetImport.Status.APPLIED)
        log(
            self.roadmap,
            audit.IMPORT_ACTION,
            user=request.user,
            data={"file": upload.filename, "target": TARGET, "counts": counts},
        )
        messages.success(
            request,
            _(
                "%(new)s new and %(updated)s updated stages with %(activities)s activities are "
                "saved as drafts: check and publish them."
            )
            % {
                "new": counts["stages_new"],
                "updated": counts["stages_updated"],
                "activities": counts["activities"],
            },
        )
        return redirect("wagtailadmin_explore", self.roadmap.pk)


def roadmap_import_url(page) -> str:
    return reverse("wagtail_mentorship_roadmap_import", args=[page.pk])
