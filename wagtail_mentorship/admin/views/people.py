"""Admin view classes shared by the personal-data listings."""

import datetime
import tempfile

from django.http import FileResponse, Http404, StreamingHttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.widgets.button import Button
from wagtail.search.backends import get_search_backend
from wagtail.snippets.views.snippets import IndexView, InspectView

from ...access.policies import READ, policy_for
from ...importing.audit import EXPORT_ACTION, log_for_each
from ...models import Mentor
from ...spreadsheets.writing import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    csv_chunks,
    dated_filename,
    write_xlsx,
)
from ..links import snippet_url
from .inspect import EMPTY, PersonConnectionsMixin


class PersonalDataExportMixin:
    """The listing «as on screen» (its filters, search and order) as a file: written by our
    writers (formula-safe, a named sheet, «да»/«нет», a csv that Excel in Russian opens), with
    a dated file name, and every exported row in the audit log."""

    export_kind = None  # what the file is, in its name after the base's: «список»
    audit_export = True  # False for a list that names no subject of personal data
    # Wagtail's «Download XLSX/CSV» give way to buttons that say what the file holds.
    show_export_buttons = False

    def to_row_dict(self, item):
        # A choice is exported as the curator reads it («Педагог»), not as its code.
        row = super().to_row_dict(item)
        for field in row:
            display = getattr(item, f"get_{field}_display", None)
            if callable(display):
                row[field] = display()
        return row

    def export_heading_row(self, queryset) -> list[str]:
        return [self.get_heading(queryset, field) for field in self.list_export]

    def export_rows(self, queryset, export_format):
        for item in queryset:
            yield [
                self.preprocess_field_value(field, local_time(value), export_format)
                for field, value in self.to_row_dict(item).items()
            ]

    def export_file_name(self, extension: str) -> str:
        return dated_filename(self.export_filename, self.export_kind, extension=extension)

    def write_xlsx(self, queryset, output):
        rows = self.export_rows(queryset, self.FORMAT_XLSX)
        write_xlsx(self.get_page_title(), self.export_heading_row(queryset), rows, output)

    def write_xlsx_response(self, queryset):
        stream = tempfile.TemporaryFile()  # noqa: SIM115  (FileResponse closes it)
        self.write_xlsx(queryset, stream)
        stream.seek(0)
        return FileResponse(
            stream,
            as_attachment=True,
            filename=self.export_file_name("xlsx"),
            content_type=XLSX_CONTENT_TYPE,
        )

    def write_csv_response(self, queryset):
        rows = self.export_rows(queryset, self.FORMAT_CSV)
        response = StreamingHttpResponse(
            csv_chunks(self.export_heading_row(queryset), rows), content_type=CSV_CONTENT_TYPE
        )
        response["Content-Disposition"] = content_disposition_header(
            True, self.export_file_name("csv")
        )
        return response

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if self.audit_export:
            log_for_each(
                queryset,
                EXPORT_ACTION,
                self.request.user,
                data={"format": spreadsheet_format, "filters": self.request.GET.urlencode()},
            )
        return super().as_spreadsheet(queryset, spreadsheet_format)

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.list_export:
            hint = _("The rows and columns of this list, with its filters and search.")
            buttons += [
                Button(label, url=url, icon_name="table", priority=priority, attrs={"title": hint})
                for label, url, priority in (
                    (_("List as on screen (xlsx)"), self.xlsx_export_url, 40),
                    (_("List as on screen (csv)"), self.csv_export_url, 41),
                )
            ]
        return buttons


def local_time(value):
    """A moment as the curator's clock shows it: spreadsheets have no time zones."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.make_naive(value)
    return value


class SearchWithinFiltersMixin:
    """Finds the matches with Wagtail search over the whole model, then narrows the filtered,
    annotated queryset to them, so that filters, annotated columns and sorting keep working
    while searching (search backends cannot filter or sort on annotations)."""

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        backend = get_search_backend(self.search_backend_name)
        everyone = self.model._default_manager.all()
        # Full text (stemmed where the backend can: «пятиклассники» finds a request about
        # «пятиклассников»), and a name by its beginning as typed so far («Петро»).
        matches = {match.pk for match in backend.search(self.search_query, everyone)}
        if self.model.get_autocomplete_search_fields():
            matches.update(m.pk for m in backend.autocomplete(self.search_query, everyone))
        return queryset.filter(pk__in=matches)


class PersonalDataIndexView(SearchWithinFiltersMixin, PersonalDataExportMixin, IndexView):
    pass


class SpreadsheetIndexView(PersonalDataIndexView):
    """A base's listing with its spreadsheet actions, each saying what its file is for: the
    list as on screen, the base to edit and import back, a blank questionnaire."""

    export_kind = pgettext_lazy("file name", "list")

    @cached_property
    def header_more_buttons(self):
        may_import = self.user_has_permission("add") and self.user_has_permission("change")
        # people (not pairs) may be anonymised once their retention period is over
        may_anonymise = hasattr(self.model, "anonymised_at") and self.user_has_permission("change")
        base_hint = _("Every record in the columns the import reads: edit it and import it back.")
        blank_hint = _("Headers, drop-down lists and instructions, to hand out and import.")
        actions = [
            (may_import, _("Import from a spreadsheet"), "import", "upload", "", 30),
            (True, _("Base for re-import (xlsx)"), "base_export", "download", base_hint, 50),
            (may_import, _("Blank questionnaire (xlsx)"), "template", "doc-empty", blank_hint, 60),
            (may_anonymise, _("Retention period over"), "retention", "time", "", 70),
        ]
        return [
            *super().header_more_buttons,
            *(
                Button(
                    label,
                    url=snippet_url(self.model, name),
                    icon_name=icon,
                    priority=priority,
                    attrs={"title": hint} if hint else None,
                )
                for allowed, label, name, icon, hint, priority in actions
                if allowed
            ),
        ]


class PersonInspectView(PersonConnectionsMixin, InspectView):
    @cached_property
    def header_more_buttons(self):
        url = snippet_url(self.model, "subject", self.object.pk)
        label = _("Subject access record (xlsx)")
        return [*super().header_more_buttons, Button(label, url=url, icon_name="download")]

    def get_questionnaire_answers_display_value(self):
        answers = self.object.questionnaire_answers or {}
        if not answers:
            return EMPTY
        rows = format_html_join("", "<dt>{}</dt><dd>{}</dd>", answers.items())
        return format_html('<dl class="mentorship-answers">{}</dl>', rows)


def portrait(request, pk):
    """A mentor's portrait from the private storage, for whoever may see the mentor."""
    mentor = policy_for(Mentor).filter_for_user(request.user, Mentor.objects.all(), READ)
    mentor = mentor.filter(pk=pk).exclude(portrait="").first()
    if mentor is None:
        raise Http404
    response = FileResponse(mentor.portrait.open("rb"))
    response["Cache-Control"] = "private, no-store"
    return response
