"""The admin report «Мониторинг программы»: the figures of ``monitoring.report`` for the
organisations the user may see (side by side for a coordinator, with their total) and a
programme year, as tables, as bar charts drawn on the server in SVG, as an xlsx file and as
an analytical note (.docx) to sign."""

import io

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ...access.scope import scope_for
from ...models import Organization
from ...monitoring.analytic_note import analytic_note_document
from ...monitoring.documents import DOCX_CONTENT_TYPE
from ...monitoring.figures import column_headers, decimal, figure_rows
from ...monitoring.report import programme_report, programme_year_of
from ...spreadsheets.writing import dated_filename, write_xlsx

URL_NAME = "wagtail_mentorship_monitoring_report"
YEARS_SHOWN = 6  # the current programme year and the five before it
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def visible_organizations(user):
    scope = scope_for(user)
    return Organization.objects.filter(scope.q("pk")).order_by("name")


class ReportFilterForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("All organisations"),
    )
    year = forms.TypedChoiceField(label=_("Programme year"), coerce=int, required=False)

    def __init__(self, *args, user, current_year, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = visible_organizations(user)
        years = range(current_year, current_year - YEARS_SHOWN, -1)
        self.fields["year"].choices = [(y, f"{y}/{y + 1}") for y in years]


def bar_chart(chart_id: str, title, bars: list[tuple], maximum=None, value_label=str) -> dict:
    """A horizontal bar chart's geometry: ``bars`` are (label, value); the template draws it."""
    top = maximum or max((value for _label, value in bars), default=0) or 1
    rows = []
    for index, (label, value) in enumerate(bars):
        rows.append(
            {
                "label": label,
                "value": value,
                "shown": value_label(value),
                "y": index * 28,
                "width": round(360 * value / top),
            }
        )
    return {"id": chart_id, "title": title, "bars": rows, "height": max(len(rows), 1) * 28}


def charts_of(figures, index: int) -> list[dict]:
    name = str(figures.organization)
    charts = [
        bar_chart(
            f"status-{index}",
            _("Pairs and groups by status, %(organisation)s") % {"organisation": name},
            figures.status_counts(),
        ),
        bar_chart(
            f"forms-{index}",
            _("Mentees by form of mentorship, %(organisation)s") % {"organisation": name},
            [(row.form or _("No form"), row.mentees) for row in figures.by_form],
        ),
    ]
    if figures.scale_means:
        charts.append(
            bar_chart(
                f"means-{index}",
                _("Mean answers on the scale from 1 to 10, %(organisation)s")
                % {"organisation": name},
                [(f"{m.survey}: {m.question}", m.mean) for m in figures.scale_means],
                maximum=10,
                value_label=decimal,
            )
        )
    return charts


class MonitoringReportView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Programme monitoring")
    header_icon = "table"
    template_name = "wagtail_mentorship/monitoring/report.html"

    def dispatch(self, request, *args, **kwargs):
        scope = scope_for(request.user)
        if not (scope.everything or scope.organization_ids):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        current_year = programme_year_of(timezone.localdate())
        self.form = ReportFilterForm(
            request.GET or None, user=request.user, current_year=current_year
        )
        organizations = visible_organizations(request.user)
        self.year = current_year
        if self.form.is_valid():
            if self.form.cleaned_data["organization"]:
                organizations = organizations.filter(pk=self.form.cleaned_data["organization"].pk)
            self.year = self.form.cleaned_data["year"] or current_year
        self.report = programme_report(organizations, self.year)
        if request.GET.get("export") == "xlsx":
            return self.xlsx_response()
        if request.GET.get("export") == "docx":
            return self.docx_response()
        return super().get(request, *args, **kwargs)

    def download(self, content: bytes, content_type: str, kind, extension: str) -> HttpResponse:
        response = HttpResponse(content, content_type=content_type)
        name = dated_filename(
            kind, f"{self.report.year}-{self.report.year + 1}", extension=extension, dated=False
        )
        response["Content-Disposition"] = content_disposition_header(True, name)
        return response

    def xlsx_response(self) -> HttpResponse:
        rows = [[str(label), *values] for label, values in figure_rows(self.report)]
        stream = io.BytesIO()
        write_xlsx(str(self.page_title), column_headers(self.report), rows, stream)
        kind = pgettext_lazy("file name", "programme monitoring")
        return self.download(stream.getvalue(), XLSX, kind, "xlsx")

    def docx_response(self) -> HttpResponse:
        kind = pgettext_lazy("file name", "analytical note")
        return self.download(analytic_note_document(self.report), DOCX_CONTENT_TYPE, kind, "docx")

    def export_url(self, file_format: str) -> str:
        """This page's URL with its filter (organisation, year), for the file ``file_format``."""
        query = self.request.GET.copy()
        query["export"] = file_format
        return f"{reverse(URL_NAME)}?{query.urlencode()}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            form=self.form,
            report=self.report,
            rows=figure_rows(self.report),
            charts=[
                chart
                for index, figures in enumerate(self.report.organizations)
                for chart in charts_of(figures, index)
            ],
            xlsx_url=self.export_url("xlsx"),
            docx_url=self.export_url("docx"),
            **kwargs,
        )


urlpatterns = [
    path("mentorship/monitoring/", MonitoringReportView.as_view(), name=URL_NAME),
]


class MonitoringMenuItem(MenuItem):
    def is_shown(self, request):
        scope = scope_for(request.user)
        return scope.everything or bool(scope.organization_ids)


def menu_item():
    """«Мониторинг программы» in Wagtail's Reports menu."""
    return MonitoringMenuItem(
        MonitoringReportView.page_title,
        reverse(URL_NAME),
        icon_name="table",
        name="programme-monitoring",
    )
