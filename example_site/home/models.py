from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from wagtail_mentorship.public.blocks import (
    LatestBestPracticesBlock,
    ProgrammeResultsBlock,
    RoadmapSummaryBlock,
)


class HomeBodyBlock(blocks.StreamBlock):
    """The school's own page body, with the blocks wagtail_mentorship offers to embed."""

    paragraph = blocks.RichTextBlock(label=_("Paragraph"))
    roadmap_summary = RoadmapSummaryBlock()
    latest_practices = LatestBestPracticesBlock()
    programme_results = ProgrammeResultsBlock()


class HomePage(Page):
    body = StreamField(HomeBodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("body")]

    class Meta:
        verbose_name = _("home page")
