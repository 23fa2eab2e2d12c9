"""The admin report «Мониторинг программы»: the figures of ``monitoring.report`` for the
organisations the user may see (side by side for a coordinator) and a programme year, as
tables, as bar charts drawn on the server in SVG, and as an xlsx file."""

import io

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ...access.scope import scope_for
from ...models import MentorshipPair, Organization
from ...models.surveys import Survey
from ...monitoring.report import programme_report, programme_year_of
from ...spreadsheets.writing import dated_filename, write_xlsx

URL_NAME = "wagtail_mentorship_monitoring_report"
YEARS_SHOWN = 6  # the current programme year and the five before it
EMPTY = "—"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def visible_organizations(user):
    scope = scope_for(user)
    return Organization.objects.filter(scope.q("pk")).order_by("name")


def percent(value) -> str:
    return EMPTY if value is None else f"{number_format(value * 100, 1)} %"


def decimal(value) -> str:
    return EMPTY if value is None else number_format(value, 1)


def signed(value) -> str:
    return f"+{decimal(value)}" if value > 0 else decimal(value)


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


def audience_label(value) -> str:
    return Survey.Audience(value).label


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


def figure_rows(report) -> list[tuple]:
    """(figure, one value per organisation): the summary table and the xlsx file."""
    columns = report.organizations
    rows = [
        (_("Mentors"), [f.mentors for f in columns]),
        (_("Mentees"), [f.mentees for f in columns]),
        (_("Pupils among mentees"), [f.pupil_mentees for f in columns]),
        (_("Pupils in the organisation"), [f.headcount_pupils or EMPTY for f in columns]),
        (_("Coverage of pupils"), [percent(f.pupil_coverage) for f in columns]),
        (_("Teachers among mentors"), [f.teacher_mentors for f in columns]),
        (_("Teachers in the organisation"), [f.headcount_teachers or EMPTY for f in columns]),
        (_("Coverage of teachers"), [percent(f.teacher_coverage) for f in columns]),
        (_("Pairs and groups"), [f.pairs for f in columns]),
    ]
    for position, (_value, status) in enumerate(MentorshipPair.Status.choices):
        rows.append((status, [f.status_counts()[position][1] for f in columns]))
    forms_named = sorted({row.form for f in columns for row in f.by_form})
    for form in forms_named:
        label = form or _("No form")
        counts = [{row.form: row for row in f.by_form}.get(form) for f in columns]
        rows.append(
            (
                _("%(form)s: mentors / mentees / pairs") % {"form": label},
                [f"{c.mentors} / {c.mentees} / {c.pairs}" if c else EMPTY for c in counts],
            )
        )
    rows += [
        (_("Completed share"), [percent(f.completed_share) for f in columns]),
        (_("Meetings held"), [f.meetings for f in columns]),
        (_("Survey invitations"), [f.invited for f in columns]),
        (_("Surveys answered"), [f.responded for f in columns]),
        (_("Response rate"), [percent(f.response_rate) for f in columns]),
    ]
    questions = sorted({(m.survey, m.question) for f in columns for m in f.scale_means})
    for survey, question in questions:
        means = [
            next(
                (m.mean for m in f.scale_means if (m.survey, m.question) == (survey, question)),
                None,
            )
            for f in columns
        ]
        rows.append((f"{survey}: {question}", [decimal(mean) for mean in means]))
    changes = sorted({(g.audience, g.question) for f in columns for g in f.growth})
    for audience, question in changes:
        growth = [
            next((g for g in f.growth if (g.audience, g.question) == (audience, question)), None)
            for f in columns
        ]
        label = _("Growth, %(audience)s: %(question)s") % {
            "audience": audience_label(audience).lower(),
            "question": question,
        }
        rows.append(
            (
                label,
                [
                    f"{decimal(g.start)} → {decimal(g.end)} ({signed(g.change)})" if g else EMPTY
                    for g in growth
                ],
            )
        )
    return rows


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
        return super().get(request, *args, **kwargs)

    def xlsx_response(self) -> HttpResponse:
        headers = [str(_("Figure"))] + [str(f.organization) for f in self.report.organizations]
        rows = [[str(label), *values] for label, values in figure_rows(self.report)]
        stream = io.BytesIO()
        write_xlsx(str(self.page_title), headers, rows, stream)
        response = HttpResponse(stream.getvalue(), content_type=XLSX)
        name = dated_filename(
            pgettext_lazy("file name", "programme monitoring"),
            f"{self.report.year}-{self.report.year + 1}",
            extension="xlsx",
            dated=False,
        )
        response["Content-Disposition"] = content_disposition_header(True, name)
        return response

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query["export"] = "xlsx"
        return super().get_context_data(
            form=self.form,
            report=self.report,
            rows=figure_rows(self.report),
            charts=[
                chart
                for index, figures in enumerate(self.report.organizations)
                for chart in charts_of(figures, index)
            ],
            xlsx_url=f"{reverse(URL_NAME)}?{query.urlencode()}",
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
