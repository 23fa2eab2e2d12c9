"""Admin view classes shared by the personal-data listings."""

from django.http import FileResponse, Http404
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from wagtail.admin.widgets.button import Button
from wagtail.search.backends import get_search_backend
from wagtail.snippets.views.snippets import IndexView, InspectView

from ...access.policies import READ, policy_for
from ...importing.audit import EXPORT_ACTION, log_for_each
from ...models import Mentor
from ...spreadsheets.safe_cells import csv_value
from ..links import snippet_url


class PersonalDataExportMixin:
    """Exports that are formula-safe and written to the audit log, row by row."""

    def to_row_dict(self, item):
        # A choice is exported as the curator reads it («Педагог»), not as its code.
        row = super().to_row_dict(item)
        for field in row:
            display = getattr(item, f"get_{field}_display", None)
            if callable(display):
                row[field] = display()
        return row

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: csv_value(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    def as_spreadsheet(self, queryset, spreadsheet_format):
        log_for_each(
            queryset,
            EXPORT_ACTION,
            self.request.user,
            data={"format": spreadsheet_format, "filters": self.request.GET.urlencode()},
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)


class SearchWithinFiltersMixin:
    """Finds the matches with Wagtail search over the whole model, then narrows the filtered,
    annotated queryset to them, so that filters, annotated columns and sorting keep working
    while searching (search backends cannot filter or sort on annotations)."""

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        backend = get_search_backend(self.search_backend_name)
        everyone = self.model._default_manager.all()
        if self.model.get_autocomplete_search_fields():
            matches = backend.autocomplete(self.search_query, everyone)
        else:
            matches = backend.search(self.search_query, everyone)
        return queryset.filter(pk__in=[match.pk for match in matches])


class PersonalDataIndexView(SearchWithinFiltersMixin, PersonalDataExportMixin, IndexView):
    pass


class SpreadsheetIndexView(PersonalDataIndexView):
    """A base's listing with its spreadsheet actions: import and the base as a file."""

    @cached_property
    def header_more_buttons(self):
        may_import = self.user_has_permission("add") and self.user_has_permission("change")
        # people (not pairs) may be anonymised once their retention period is over
        may_anonymise = hasattr(self.model, "anonymised_at") and self.user_has_permission("change")
        actions = [
            (may_import, _("Import from a spreadsheet"), "import", "upload"),
            (may_import, _("Blank questionnaire (xlsx)"), "template", "doc-empty"),
            (True, _("Download the base (xlsx)"), "base_export", "download"),
            (may_anonymise, _("Retention period over"), "retention", "time"),
        ]
        return [
            *super().header_more_buttons,
            *(
                Button(label, url=snippet_url(self.model, name), icon_name=icon, priority=30 + i)
                for i, (allowed, label, name, icon) in enumerate(actions)
                if allowed
            ),
        ]


class PersonInspectView(InspectView):
    @cached_property
    def header_more_buttons(self):
        url = snippet_url(self.model, "subject", self.object.pk)
        label = _("Subject access record (xlsx)")
        return [*super().header_more_buttons, Button(label, url=url, icon_name="download")]

    def get_field_display_value(self, field_name, field):
        if getattr(self.object, field_name, None) in (None, ""):
            return "—"
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        return value

    def get_questionnaire_answers_display_value(self):
        answers = self.object.questionnaire_answers or {}
        if not answers:
            return _("None")
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
