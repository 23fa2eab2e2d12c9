"""The curator's import: upload → preview (counts, every problem, changes, columns to map) →
confirm (all or nothing) or cancel; and the base as a spreadsheet in the importer's layout."""

import tempfile
from io import BytesIO

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from ... import conf
from ...access.policies import may_use_upload, policy_for
from ...access.scope import scope_for
from ...importing import audit
from ...importing.blank import write_blank
from ...importing.exporting import LAYOUTS, export_table
from ...importing.pipeline import TARGETS, run_import
from ...importing.reports import problem_lines, summary_line
from ...models import ColumnMapping, Organization, SpreadsheetImport
from ...spreadsheets.columns import normalize_header
from ...spreadsheets.writing import XLSX_CONTENT_TYPE, write_xlsx
from ..links import snippet_url

KEEP_AS_ANSWER = ""


class SpreadsheetViewMixin:
    """Bound to one base: ``target`` (mentors, mentees) and the viewset's URL names."""

    target = None
    model = None
    index_url_name = None
    permission_actions = ("add", "change")

    def dispatch(self, request, *args, **kwargs):
        self.check_permission(request.user)
        return super().dispatch(request, *args, **kwargs)

    def check_permission(self, user) -> None:
        policy = policy_for(self.model)
        if not all(policy.user_has_permission(user, a) for a in self.permission_actions):
            raise PermissionDenied

    def url(self, name, *args):
        return snippet_url(self.model, name, *args)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        help_text=gettext_lazy(
            "xlsx, ods or csv: a Google or Yandex Forms export, or a sheet kept in Excel. "
            "Nothing changes until you confirm the preview."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > conf.import_max_bytes():
            raise forms.ValidationError(
                _("The file is %(size)s; files up to %(limit)s can be imported.")
                % {
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(conf.import_max_bytes()),
                }
            )
        return upload


class PeopleUploadForm(UploadForm):
    """The upload of people or pairs, with the organisation new records go to: one of the
    user's. (The roadmap's table has no organisation: it keeps ``UploadForm``.)"""

    organization = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=gettext_lazy(
            "New people and pairs go to this organisation, unless the file's column "
            "«Организация» names another one of yours."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        scope = scope_for(user)
        field = self.fields["organization"]
        field.queryset = Organization.objects.filter(scope.q("pk"))
        if scope.everything:
            field.help_text = gettext_lazy(
                "New people and pairs go to this organisation, unless the file's column "
                "«Организация» names another. Left blank, they get the column's organisation, "
                "or none."
            )
            return
        field.required = True
        if len(scope.organization_ids) == 1:  # shown, but there is nothing to choose
            field.initial = next(iter(scope.organization_ids))
            field.disabled = True


class UploadView(SpreadsheetViewMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "wagtail_mentorship/admin/import_upload.html"
    form_class = PeopleUploadForm
    header_icon = "upload"
    page_title = gettext_lazy("Import from a spreadsheet")

    def get_page_subtitle(self):
        return self.model._meta.verbose_name_plural

    def get_context_data(self, **kwargs):
        return super().get_context_data(max_size=conf.import_max_bytes(), **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        SpreadsheetImport.purge_expired()
        file = form.cleaned_data["file"]
        upload = SpreadsheetImport(
            target=self.target,
            filename=file.name,
            user=self.request.user,
            organization=form.cleaned_data["organization"],
        )
        upload.file.save(file.name, file, save=False)
        upload.save()
        return redirect(self.url("import_preview", upload.pk))


class PreviewView(SpreadsheetViewMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "wagtail_mentorship/admin/import_preview.html"
    header_icon = "upload"
    page_title = gettext_lazy("Import preview")

    def dispatch(self, request, *args, **kwargs):
        self.check_permission(request.user)
        self.upload = get_object_or_404(SpreadsheetImport, pk=kwargs["pk"], target=self.target)
        if not may_use_upload(request.user, self.upload):
            raise Http404
        if not self.upload.is_pending:
            messages.error(
                request, _("This upload has expired or is finished: upload the file again.")
            )
            return redirect(self.url("import"))
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.upload.filename

    def mapping(self) -> dict:
        remembered = ColumnMapping.remembered(self.target, self.upload.organization)
        return {**remembered, **self.upload.mapping}

    def run(self, dry_run: bool):
        return run_import(
            self.upload.read(),
            self.upload.filename,
            self.target,
            dry_run=dry_run,
            sheet=self.upload.sheet or None,
            mapping=self.mapping(),
            user=self.request.user,
            upload=self.upload,
            organization=self.upload.organization,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = kwargs.get("report") or self.run(dry_run=True)
        _resource, columns = TARGETS[self.target]
        taken = set(report.matched)
        context.update(
            report=report,
            problems=problem_lines(report),
            organization=self.upload.organization,
            summary=summary_line(report, dry_run=True),
            choices=[(KEEP_AS_ANSWER, _("keep with the questionnaire answers"))]
            + [(c.field, c.russian) for c in columns if c.field not in taken],
            index_url=reverse(self.index_url_name),
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action == "cancel":
            self.upload.close(SpreadsheetImport.Status.CANCELLED)
            messages.info(request, _("The import was cancelled; the file is deleted."))
            return redirect(self.index_url_name)
        if action == "map":
            self.save_mapping(request.POST)
            return redirect(self.url("import_preview", self.upload.pk))
        with transaction.atomic():
            # The upload is claimed under a row lock: a second confirmation, sent at the same
            # moment (a double click, another app server), waits and finds it finished.
            self.upload = SpreadsheetImport.objects.select_for_update().get(pk=self.upload.pk)
            if not self.upload.is_pending:
                messages.error(request, _("This file is imported already."))
                return redirect(self.index_url_name)
            report = self.run(dry_run=False)
        if not report.applied:
            messages.error(request, _("Nothing was imported: the file has problems."))
            return self.render_to_response(self.get_context_data(report=report))
        messages.success(
            request,
            _("«%(file)s» imported. %(summary)s")
            % {"file": report.filename, "summary": summary_line(report)},
        )
        return redirect(self.index_url_name)

    def save_mapping(self, data) -> None:
        for header, field in zip(data.getlist("header"), data.getlist("field"), strict=False):
            key = normalize_header(header)
            self.upload.mapping[key] = field
            ColumnMapping.objects.update_or_create(  # each organisation's files have their own
                target=self.target,
                organization=self.upload.organization,
                header=key,
                defaults={"field": field},
            )
        if data.get("sheet"):
            self.upload.sheet = data["sheet"]
        self.upload.save()


class BaseExportView(SpreadsheetViewMixin, View):
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


class BlankQuestionnaireView(SpreadsheetViewMixin, View):
    """A blank questionnaire to hand out: headers, drop-down lists and instructions."""

    permission_actions = ("add",)

    def get(self, request):
        buffer = BytesIO()
        write_blank(self.target, buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{self.target}-questionnaire.xlsx"'
        return response
