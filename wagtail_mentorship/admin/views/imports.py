"""The people's and pairs' import, on the flow of ``import_flow`` (upload → preview with
counts, every problem, changes and columns to map → confirm or cancel); the base as a
spreadsheet in the importer's layout, and a blank questionnaire."""

from io import BytesIO

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.generic import View

from ...access.policies import policy_for
from ...downloads import kinds
from ...downloads.views import prepare
from ...importing.background import run_upload
from ...importing.blank import write_blank
from ...importing.pipeline import TARGETS
from ...importing.preview import NO_ORGANIZATION
from ...importing.reports import caution_lines, problem_lines, summary_line
from ...spreadsheets.writing import XLSX_CONTENT_TYPE, dated_filename
from ..import_forms import OrganizationChoiceForm, PeopleUploadForm
from ..links import snippet_url
from . import import_flow

# «Импорт наставляемых»: the import's name, in the titles and breadcrumbs of its pages.
IMPORT_LABELS = {
    "mentors": gettext_lazy("Import of mentors"),
    "mentees": gettext_lazy("Import of mentees"),
    "pairs": gettext_lazy("Import of pairs"),
}


class SpreadsheetViewMixin:
    """Bound to one base: ``target`` (mentors, mentees, pairs) and the viewset's URL names."""

    target = None
    model = None
    index_url_name = None
    background = True  # a large file is checked and imported by a task worker
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

    def import_label(self) -> str:
        return IMPORT_LABELS[self.target]

    def trail(self) -> list:
        return [{"url": self.done_url(), "label": capfirst(self.model._meta.verbose_name_plural)}]


class DownloadView(SpreadsheetViewMixin, View):
    file_stem = None  # the base in file names, as the listing's export names it: «наставляемые»

    def file_name(self, kind, dated=True) -> str:
        return dated_filename(self.file_stem or self.target, kind, extension="xlsx", dated=dated)

    def dispatch(self, request, *args, **kwargs):
        self.check_permission(request)
        return super().dispatch(request, *args, **kwargs)


class PeopleUploadView(SpreadsheetViewMixin, import_flow.UploadView):
    form_class = PeopleUploadForm

    def get_page_title(self):
        return _("%(import)s: uploading the file") % {"import": self.import_label()}

    def upload_fields(self, form) -> dict:
        return {"organization": form.cleaned_data["organization"]}


class PeoplePreviewView(SpreadsheetViewMixin, import_flow.PreviewView):
    template_name = "wagtail_mentorship/admin/import_preview.html"
    chosen_organization = None  # chosen in the preview for the people with none

    def get_page_title(self):
        return _("%(import)s: checking before writing") % {"import": self.import_label()}

    def get_page_subtitle(self):
        return ""  # the file's name is in the summary

    @property
    def mapping_fields(self):
        _resource, columns = TARGETS[self.target]
        return [(column.field, column.russian) for column in columns]

    def run(self, dry_run: bool):
        return run_upload(
            self.upload,
            dry_run=dry_run,
            user=self.request.user,
            organization=self.chosen_organization,
        )

    def confirm_options(self) -> dict:
        chosen = self.chosen_organization
        return {"organization": chosen.pk} if chosen else {}

    def organization_form(self, data=None):
        return OrganizationChoiceForm(data, user=self.request.user)

    def refuse_confirmation(self, request):
        """The organisation chosen for the people with none must be one of the user's."""
        if "organization" not in request.POST:
            return None  # the preview did not ask: the file or the upload names it
        form = self.organization_form(request.POST)
        if not form.is_valid():
            messages.error(request, _("Nothing was imported: choose one of your organisations."))
            context = self.get_context_data(organization_form=form)
            return self.render_to_response(context)
        self.chosen_organization = form.cleaned_data["organization"]
        return None

    def success_message(self, report) -> str:
        return _("«%(file)s» imported. %(summary)s") % {
            "file": report.filename,
            "summary": summary_line(report),
        }

    def get_context_data(self, **kwargs):
        form = kwargs.pop("organization_form", None)
        context = super().get_context_data(**kwargs)
        report = context["report"]
        unplaced = report.caution(NO_ORGANIZATION)
        context.update(
            problems=problem_lines(report),
            organization=self.upload.organization,
            summary=summary_line(report, dry_run=True),
            index_url=self.done_url(),
            cautions=caution_lines(report),
            organization_form=(form or self.organization_form()) if unplaced else None,
        )
        return context


class BaseExportView(DownloadView):
    """The whole base in the importer's layout: «база наставников» / «база наставляемых»,
    prepared by a task worker (``downloads.kinds.base``)."""

    permission_actions = ("view",)

    def get(self, request):
        # The file's name is the worker's to translate: the target only.
        return prepare(request, kinds.BASE, {"target": self.target})


class BlankQuestionnaireView(DownloadView):
    """A blank questionnaire to hand out: headers, drop-down lists and instructions."""

    permission_actions = ("add",)

    def get(self, request):
        buffer = BytesIO()
        write_blank(self.target, buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
        name = self.file_name(pgettext("file name", "blank questionnaire"), dated=False)
        response["Content-Disposition"] = content_disposition_header(True, name)
        return response
