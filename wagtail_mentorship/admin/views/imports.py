"""The people's and pairs' import, on the flow of ``import_flow`` (upload → preview with
counts, every problem, changes and columns to map → confirm or cancel); the base as a
spreadsheet in the importer's layout, and a blank questionnaire."""

import tempfile
from io import BytesIO

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View

from ...access.policies import policy_for
from ...importing import audit
from ...importing.blank import write_blank
from ...importing.exporting import LAYOUTS, export_table
from ...importing.pipeline import TARGETS, run_import
from ...importing.reports import problem_lines, summary_line
from ...spreadsheets.writing import XLSX_CONTENT_TYPE, write_xlsx
from ..import_forms import PeopleUploadForm
from ..links import snippet_url
from . import import_flow


class SpreadsheetViewMixin:
    """Bound to one base: ``target`` (mentors, mentees, pairs) and the viewset's URL names."""

    target = None
    model = None
    index_url_name = None
    permission_actions = ("add", "change")

    def check_permission(self, request, **kwargs) -> None:
        policy = policy_for(self.model)
        if not all(policy.user_has_permission(request.user, a) for a in self.permission_actions):
            raise PermissionDenied

    def url(self, name, *args):
        return snippet_url(self.model, name, *args)

    def upload_url(self) -> str:
        return self.url("import")

    def preview_url(self, upload) -> str:
        return self.url("import_preview", upload.pk)

    def done_url(self) -> str:
        return reverse(self.index_url_name)


class DownloadView(SpreadsheetViewMixin, View):
    def dispatch(self, request, *args, **kwargs):
        self.check_permission(request)
        return super().dispatch(request, *args, **kwargs)


class PeopleUploadView(SpreadsheetViewMixin, import_flow.UploadView):
    form_class = PeopleUploadForm
    page_title = gettext_lazy("Import from a spreadsheet")

    def get_page_subtitle(self):
        return self.model._meta.verbose_name_plural

    def upload_fields(self, form) -> dict:
        return {"organization": form.cleaned_data["organization"]}


class PeoplePreviewView(SpreadsheetViewMixin, import_flow.PreviewView):
    template_name = "wagtail_mentorship/admin/import_preview.html"
    page_title = gettext_lazy("Import preview")

    @property
    def mapping_fields(self):
        _resource, columns = TARGETS[self.target]
        return [(column.field, column.russian) for column in columns]

    def run(self, dry_run: bool):
        return run_import(
            self.upload.read(),
            self.upload.filename,
            self.target,
            dry_run=dry_run,
            sheet=self.upload.sheet or None,
            mapping=self.upload.remembered_mapping(),
            user=self.request.user,
            upload=self.upload,
            organization=self.upload.organization,
        )

    def success_message(self, report) -> str:
        return _("«%(file)s» imported. %(summary)s") % {
            "file": report.filename,
            "summary": summary_line(report),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = context["report"]
        context.update(
            problems=problem_lines(report),
            organization=self.upload.organization,
            summary=summary_line(report, dry_run=True),
            index_url=self.done_url(),
        )
        return context


class BaseExportView(DownloadView):
    """The whole base in the importer's layout: «база наставников» / «база наставляемых»."""

    permission_actions = ("view",)

    def get(self, request):
        # The people of the user's organisations (and the partners of their pairs).
        queryset = policy_for(self.model).filter_for_user(
            request.user, LAYOUTS[self.target].queryset(), ("view", "change")
        )
        title, headers, rows = export_table(self.target, queryset)
        # Written to a temporary file and streamed from it: a town's base never sits in memory.
        stream = tempfile.TemporaryFile()  # noqa: SIM115  (FileResponse closes it)
        write_xlsx(title, headers, rows, stream)
        audit.log_for_each(
            queryset,
            audit.EXPORT_ACTION,
            request.user,
            data={"format": "xlsx", "layout": self.target},
        )
        stream.seek(0)
        return FileResponse(
            stream,
            as_attachment=True,
            filename=f"{self.target}.xlsx",
            content_type=XLSX_CONTENT_TYPE,
        )


class BlankQuestionnaireView(DownloadView):
    """A blank questionnaire to hand out: headers, drop-down lists and instructions."""

    permission_actions = ("add",)

    def get(self, request):
        buffer = BytesIO()
        write_blank(self.target, buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{self.target}-questionnaire.xlsx"'
        return response
