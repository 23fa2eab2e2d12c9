"""Blocks a school puts on its own pages: a roadmap's summary, the latest practices and the
programme's results (``results_block``).

They work with every page type a site derives from the app's abstract pages, not only with
the app's own ``RoadmapPage`` and ``BestPracticePage``.
"""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.models import Page, get_page_models

from ..models import AbstractBestPracticePage, AbstractRoadmapPage
from ..models.pages.roadmap_table import numbered_stages
from .cache import CachedBlockMixin
from .results_block import ProgrammeResultsBlock as ProgrammeResultsBlock  # offered here too


def concrete_page_models(abstract_model) -> list:
    """Every concrete page model that subclasses ``abstract_model``, from Wagtail's registry."""
    return [model for model in get_page_models() if issubclass(model, abstract_model)]


class RoadmapChooserBlock(blocks.PageChooserBlock):
    """Chooses a roadmap of any page type derived from ``AbstractRoadmapPage``.

    It deconstructs as the plain ``PageChooserBlock`` of ``wagtail_mentorship.RoadmapPage``
    it replaced, so that a site's migrations change neither now nor when a roadmap page type
    is added or removed: the page types are looked up when the chooser is used.
    """

    DECONSTRUCT_PATH = "wagtail.blocks.PageChooserBlock"
    DECONSTRUCT_PAGE_TYPE = ["wagtail_mentorship.RoadmapPage"]

    def __init__(self, **kwargs):
        super().__init__(page_type=self.DECONSTRUCT_PAGE_TYPE, **kwargs)

    @cached_property
    def target_models(self):
        return concrete_page_models(AbstractRoadmapPage)

    @cached_property
    def field(self):
        field = super().field
        # With several page types the base queryset is every page: keep it to the roadmaps.
        field.queryset = self.model_class.objects.type(*self.target_models)
        return field

    def deconstruct(self):
        _path, args, kwargs = super().deconstruct()
        return self.DECONSTRUCT_PATH, args, {**kwargs, "page_type": self.DECONSTRUCT_PAGE_TYPE}


class RoadmapSummaryBlock(CachedBlockMixin, blocks.StructBlock):
    """A roadmap's stages with their progress, for a school's own pages."""

    heading = blocks.CharBlock(label=_("heading"), required=False)
    roadmap = RoadmapChooserBlock(label=_("roadmap"))

    class Meta:
        icon = "list-ol"
        label = _("Roadmap summary")
        template = "wagtail_mentorship/blocks/roadmap_summary.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = value.get("roadmap")
        roadmap = page.specific if page is not None and page.live else None
        if not isinstance(roadmap, AbstractRoadmapPage):
            roadmap = None
        context["roadmap"] = roadmap
        context["stages"] = numbered_stages(roadmap.get_stage_queryset()) if roadmap else []
        return context


class LatestBestPracticesBlock(CachedBlockMixin, blocks.StructBlock):
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

    @staticmethod
    def get_practice_queryset():
        """Live public practices of every practice page type, each fetched as its own type.

        One query for the pages, then one per page type found, with the practice's form and
        organisation joined in.
        """
        return (
            Page.objects.type(*concrete_page_models(AbstractBestPracticePage))
            .live()
            .public()
            .specific()
            .select_related("mentorship_form", "organization", for_specific_subqueries=True)
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        practices = self.get_practice_queryset()
        if value.get("index_page") is not None:
            practices = practices.descendant_of(value["index_page"])
        context["practices"] = practices.order_by("-first_published_at")[: value["count"]]
        context["index_page"] = value.get("index_page")
        return context
