"""One path for every import: upload → preview → map columns → confirm (all or nothing) or
cancel. A kind of import (people, pairs, a roadmap's activities) says who may use it, what
its upload records, how it runs and where the curator goes after it; the rest is here."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from ...access.policies import may_use_upload
from ...importing import background, progress
from ...models import SpreadsheetImport
from ..import_forms import ColumnMappingForm, UploadForm


class ImportFlowMixin(WagtailAdminTemplateMixin):
    target = None  # the kind of import: mentors, mentees, pairs, activities
    header_icon = "upload"
    step_label = ""  # this page's step, as its last breadcrumb
    background = False  # a large file's preview and confirmation run as tasks

    def import_label(self) -> str:
        """The import's name, as its upload page's breadcrumb: «Импорт наставляемых»."""
        raise NotImplementedError

    def trail(self) -> list:
        """Breadcrumbs from the admin's home to the import: the listing or the page."""
        return []

    def steps(self) -> list:
        """Breadcrumbs of the import's own pages, this one's last."""
        return [{"url": "", "label": self.step_label}]

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, *self.trail(), *self.steps()]

    def dispatch(self, request, *args, **kwargs):
        self.check_permission(request, **kwargs)
        return self.prepare(request, **kwargs) or super().dispatch(request, *args, **kwargs)

    def prepare(self, request, **kwargs):
        """What the view needs before it answers; a response to answer with instead."""
        return None

    def check_permission(self, request, **kwargs) -> None:
        """Raises ``PermissionDenied`` (or ``Http404``) for a user who may not import."""
        raise NotImplementedError

    def upload_url(self) -> str:
        raise NotImplementedError

    def preview_url(self, upload) -> str:
        raise NotImplementedError

    def done_url(self) -> str:
        raise NotImplementedError

    def uploads(self):
        """The uploads this flow may open."""
        return SpreadsheetImport.objects.filter(target=self.target)


class UploadView(ImportFlowMixin, FormView):
    template_name = "wagtail_mentorship/admin/import_upload.html"
    form_class = UploadForm

    def steps(self) -> list:
        return [{"url": "", "label": self.import_label()}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def upload_fields(self, form) -> dict:
        """What the upload records besides its file: its organisation, its page."""
        return {}

    def form_valid(self, form):
        SpreadsheetImport.purge_expired()
        file = form.cleaned_data["file"]
        upload = SpreadsheetImport(
            target=self.target,
            filename=file.name,
            user=self.request.user,
            **self.upload_fields(form),
        )
        upload.file.save(file.name, file, save=False)
        upload.save()
        if self.background:
            upload.rows_total = background.count_rows(upload)
            if background.is_large(upload.rows_total):
                background.start(upload, SpreadsheetImport.TaskStep.PREVIEW)
        return redirect(self.preview_url(upload))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.background:  # large imports the curator started, waiting or done
            started = self.uploads().filter(user=self.request.user).exclude(task_step="")
            context["background_uploads"] = [
                (upload, self.preview_url(upload)) for upload in started[:10]
            ]
        return context


class PreviewView(ImportFlowMixin, TemplateView):
    mapping_fields = ()  # (field, label) a column may be mapped to; none: no mapping
    mapping_form_class = ColumnMappingForm
    step_label = gettext_lazy("Checking before writing")

    def steps(self) -> list:
        return [{"url": self.upload_url(), "label": self.import_label()}, *super().steps()]

    def prepare(self, request, **kwargs):
        self.upload = get_object_or_404(self.uploads(), pk=kwargs["pk"])
        if not may_use_upload(request.user, self.upload):
            raise Http404  # another curator's upload is not there for this one
        if self.upload.in_background:
            response = self.task_response(request)
            if response is not None:
                return response
        if not self.upload.is_pending:
            messages.error(
                request, _("This upload has expired or is finished: upload the file again.")
            )
            return redirect(self.upload_url())
        return None

    def task_response(self, request):
        """The page of a large upload whose task is waiting, failed or finished the import;
        None to show its preview."""
        upload, statuses = self.upload, SpreadsheetImport.TaskStatus
        imported = upload.status == SpreadsheetImport.Status.APPLIED
        failed_preview = (
            upload.task_step == SpreadsheetImport.TaskStep.PREVIEW
            and upload.task_status == statuses.FAILED
        )
        if upload.task_waiting or imported or failed_preview:
            return TemplateResponse(
                request,
                "wagtail_mentorship/admin/import_progress.html",
                self.get_progress_context(imported=imported),
            )
        if upload.task_status == statuses.FAILED and request.method == "GET":
            messages.error(request, upload.task_error)
        return None

    def get_progress_context(self, imported):
        done = progress.rows_done(self.upload)
        context = super().get_context_data(
            upload=self.upload, done_url=self.done_url(), rows_done=done
        )
        if imported:
            report = background.load_report(self.upload.task_report)
            context["outcome"] = self.success_message(report)
        if self.upload.rows_total:
            context["percent"] = round(100 * done / self.upload.rows_total)
        return context

    def get_page_subtitle(self):
        return self.upload.filename

    def confirm_options(self) -> dict:
        """What a confirmation chose, for its task (JSON)."""
        return {}

    def preview_report(self):
        if self.upload.in_background:  # computed by the task
            return background.load_report(self.upload.task_report)
        return self.run(dry_run=True)

    def run(self, dry_run: bool):
        """The import of the upload's file: a check (``dry_run``) or for real, all or nothing.
        Returns an ``ImportReport``."""
        raise NotImplementedError

    def success_message(self, report) -> str:
        raise NotImplementedError

    def refuse_confirmation(self, request):
        """A response instead of the import when what the confirmation sent is not valid
        (nothing is written); None to import."""
        return None

    def mapping_form(self, report, data=None):
        if not self.mapping_fields:
            return None
        taken = set(report.matched) if report is not None else set()
        return self.mapping_form_class(
            data,
            fields=[(f, label) for f, label in self.mapping_fields if f not in taken],
            headers=report.unmatched if report is not None else (),
            sheet_names=report.sheet_names if report is not None else (),
            sheet=report.sheet if report is not None else "",
        )

    def get_context_data(self, **kwargs):
        report = kwargs.pop("report", None) or self.preview_report()
        form = kwargs.pop("mapping_form", None) or self.mapping_form(report)
        return super().get_context_data(report=report, mapping_form=form, **kwargs)

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action == "cancel":
            self.upload.close(SpreadsheetImport.Status.CANCELLED)
            messages.info(request, _("The import was cancelled; the file is deleted."))
            return redirect(self.done_url())
        if action == "map":
            return self.map_columns(request)
        refusal = self.refuse_confirmation(request)
        if refusal is not None:
            return refusal
        if self.upload.in_background:
            step = SpreadsheetImport.TaskStep.CONFIRM
            background.start(self.upload, step, **self.confirm_options())
            return redirect(self.preview_url(self.upload))
        with transaction.atomic():
            # The upload is claimed under a row lock: a second confirmation, sent at the same
            # moment (a double click, another app server), waits and finds it finished.
            self.upload = SpreadsheetImport.objects.select_for_update().get(pk=self.upload.pk)
            if not self.upload.is_pending:
                messages.error(request, _("This file is imported already."))
                return redirect(self.done_url())
            report = self.run(dry_run=False)
        if not report.applied:
            messages.error(request, _("Nothing was imported: the file has problems."))
            return self.render_to_response(self.get_context_data(report=report))
        messages.success(request, self.success_message(report))
        return redirect(self.done_url())

    def map_columns(self, request):
        form = self.mapping_form(None, request.POST)
        if form is None:
            raise Http404
        if form.is_valid():
            self.upload.map_columns(form.cleaned_data["mapping"], form.cleaned_data.get("sheet"))
            if self.upload.in_background:  # the preview is computed again, by a task
                background.start(self.upload, SpreadsheetImport.TaskStep.PREVIEW)
            return redirect(self.preview_url(self.upload))
        messages.error(request, _("The columns were not mapped: see the errors below."))
        return self.render_to_response(self.get_context_data(mapping_form=form))
