"""StreamField blocks: the body of a best practice, and blocks a school puts on its own pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from .roadmap_table import numbered_stages

PARAGRAPH_FEATURES = ["h3", "h4", "bold", "italic", "link", "ol", "ul", "document-link"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        required=False,
        help_text=_(
            "What the image shows, for people who cannot see it. "
            "Leave empty only if the image is purely decorative."
        ),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "wagtail_mentorship/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    author = blocks.CharBlock(label=_("author"), required=False)
    role = blocks.CharBlock(
        label=_("author's role"),
        required=False,
        help_text=_("For example «наставник, учитель физики»."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote or testimonial")
        template = "wagtail_mentorship/blocks/quote.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("link text"), required=False, help_text=_("The document's title by default.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "wagtail_mentorship/blocks/document.html"


class DataTableBlock(blocks.StructBlock):
    """A plain data table with a caption and column headings, accessible by construction."""

    caption = blocks.CharBlock(label=_("caption"), help_text=_("What the table is about."))
    columns = blocks.ListBlock(blocks.CharBlock(label=_("heading")), label=_("column headings"))
    rows = blocks.ListBlock(
        blocks.ListBlock(blocks.CharBlock(label=_("cell"), required=False), label=_("row")),
        label=_("rows"),
    )

    class Meta:
        icon = "table"
        label = _("Table")
        template = "wagtail_mentorship/blocks/table.html"


class PracticeBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), icon="title", template="wagtail_mentorship/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(label=_("Paragraph"), features=PARAGRAPH_FEATURES)
    image = ImageBlock()
    quote = QuoteBlock()
    document = DocumentBlock()
    table = DataTableBlock()


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
        from ..models import BestPracticePage

        context = super().get_context(value, parent_context)
        practices = BestPracticePage.objects.live().public()
        if value.get("index_page") is not None:
            practices = practices.descendant_of(value["index_page"])
        context["practices"] = practices.select_related("mentorship_form", "organization").order_by(
            "-first_published_at"
        )[: value["count"]]
        context["index_page"] = value.get("index_page")
        return context
