"""Blocks a school puts on its own pages: a roadmap's summary and the latest practices."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ..models import BestPracticePage
from ..models.pages.roadmap_table import numbered_stages


class RoadmapSummaryBlock(blocks.StructBlock):
    """A roadmap's stages with their progress, for a school's own pages."""

    heading = blocks.CharBlock(label=_("heading"), required=False)
    roadmap = blocks.PageChooserBlock(
        label=_("roadmap"), page_type="wagtail_mentorship.RoadmapPage"
    )

    class Meta:
        icon = "list-ol"
        label = _("Roadmap summary")
        template = "wagtail_mentorship/blocks/roadmap_summary.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = value.get("roadmap")
        roadmap = page.specific if page is not None and page.live else None
        context["roadmap"] = roadmap
        context["stages"] = numbered_stages(roadmap.get_stage_queryset()) if roadmap else []
        return context


class LatestBestPracticesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False)
    count = blocks.IntegerBlock(label=_("how many"), default=3, min_value=1, max_value=12)
    index_page = blocks.PageChooserBlock(
        label=_("from the section"),
        page_type="wagtail_mentorship.BestPracticeIndexPage",
        required=False,
        help_text=_("Leave empty to show the latest practices of the whole site."),
    )

    class Meta:
        icon = "pick"
        label = _("Latest best practices")
        template = "wagtail_mentorship/blocks/latest_practices.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        practices = BestPracticePage.objects.live().public()
        if value.get("index_page") is not None:
            practices = practices.descendant_of(value["index_page"])
        context["practices"] = practices.select_related("mentorship_form", "organization").order_by(
            "-first_published_at"
        )[: value["count"]]
        context["index_page"] = value.get("index_page")
        return context
