"""«Итоги программы»: an organisation's published figures for a programme year, as a block a
school puts on its own pages. What may be shown, and the «менее 5» rule, are
``monitoring.public_results``'s."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ..models import Organization
from ..monitoring.public_results import public_results
from ..monitoring.report import programme_report, programme_year_of
from ..monitoring.satisfaction import satisfaction_by_audience
from .cache import CachedBlockMixin


def current_programme_year() -> int:
    return programme_year_of(timezone.localdate())


class OrganizationChoiceBlock(blocks.ChooserBlock):
    """An organisation from a list: organisations name no person, so every editor may choose
    among them (the scoped snippet chooser would show a page editor none)."""

    target_model = Organization

    @property
    def widget(self):
        return forms.Select()

    def get_form_state(self, value):
        # ChooserBlock's asks a chooser widget; a select takes the primary key.
        return blocks.FieldBlock.get_form_state(self, value)

    class Meta:
        icon = "site"


class ProgrammeResultsBlock(CachedBlockMixin, blocks.StructBlock):
    # Figures come also from bulk imports, which send no signal: an hour at most behind.
    cache_timeout = 60 * 60

    heading = blocks.CharBlock(
        label=_("heading"), required=False, help_text=_("«Programme results» if left empty.")
    )
    organization = OrganizationChoiceBlock(label=_("organisation"))
    year = blocks.IntegerBlock(
        label=_("programme year"),
        default=current_programme_year,
        min_value=2000,
        max_value=2100,
        help_text=_("The year the school year begins: 2025 means 2025/2026."),
    )

    class Meta:
        icon = "table"
        label = _("Programme results")
        template = "wagtail_mentorship/blocks/programme_results.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        organization, year = value.get("organization"), value.get("year")
        context["results"] = None
        if organization is not None and year is not None:
            report = programme_report([organization], year)
            satisfaction = satisfaction_by_audience([organization.pk], year)
            [figures] = report.organizations
            context["results"] = public_results(figures, satisfaction.get(organization.pk, []))
            context["year_label"] = report.label
        return context
