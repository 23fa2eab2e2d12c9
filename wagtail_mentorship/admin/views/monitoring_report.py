"""The admin report «Мониторинг программы»: the figures of ``monitoring.report`` for the
organisations the user may see (side by side for a coordinator, with their total) and a
programme year, as tables, as bar charts drawn on the server in SVG, as an xlsx file and as
an analytical note (.docx) to sign; the files are prepared by a task worker (``downloads``).
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ...downloads import kinds
from ...downloads.views import prepare
from ...models import Organization
from ...monitoring.figures import decimal, figure_rows
from ...monitoring.report import programme_year_of
from ...monitoring.report_files import may_see_report, report_for, visible_organizations

URL_NAME = "wagtail_mentorship_monitoring_report"
YEARS_SHOWN = 6  # the current programme year and the five before it
EXPORTS = {"xlsx": kinds.MONITORING_XLSX, "docx": kinds.ANALYTIC_NOTE}


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
        if not may_see_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def filter(self, request):
        """The page's filter, from its query string: the organisation's id (or none)."""
        current_year = programme_year_of(timezone.localdate())
        self.form = ReportFilterForm(
            request.GET or None, user=request.user, current_year=current_year
        )
        organization, self.year = None, current_year
        if self.form.is_valid():
            chosen = self.form.cleaned_data["organization"]
            organization = chosen.pk if chosen else None
            self.year = self.form.cleaned_data["year"] or current_year
        return organization

    def get(self, request, *args, **kwargs):
        # A GET only shows: an old link with ``export`` in it prepares nothing.
        self.report = report_for(request.user, self.filter(request), self.year)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        """A download button: the file prepared by a task worker, with the page's filter."""
        organization = self.filter(request)
        export = EXPORTS.get(request.POST.get("export"))
        if not export:
            return redirect(self.export_url())
        return prepare(request, export, {"organization": organization, "year": self.year})

    def export_url(self) -> str:
        """This page's URL with its filter (organisation, year): the buttons post to it."""
        query = self.request.GET.copy()
        query.pop("export", None)
        return f"{reverse(URL_NAME)}?{query.urlencode()}" if query else reverse(URL_NAME)

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
            export_url=self.export_url(),
            **kwargs,
        )


urlpatterns = [
    path("mentorship/monitoring/", MonitoringReportView.as_view(), name=URL_NAME),
]


class MonitoringMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_report(request.user)


def menu_item():
    """«Мониторинг программы» in Wagtail's Reports menu."""
    return MonitoringMenuItem(
        MonitoringReportView.page_title,
        reverse(URL_NAME),
        icon_name="table",
        name="programme-monitoring",
    )
