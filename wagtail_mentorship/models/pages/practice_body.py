"""The body of a best practice: the blocks an author writes a case with."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

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
