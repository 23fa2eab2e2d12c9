"""Best practices («лучшие практики»): cases, programmes and methodological materials."""

from django.apps import apps
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ... import conf
from ...access.choosers import PublishedMentorPanel
from ...inline_panel import InlinePanel
from ..mixins import MentorshipPageMixin, NotAtTreeRootMixin, optional_link, organization_link
from .practice_body import PracticeBodyBlock
from .practice_filters import PracticeFilterForm
from .roadmap import TEXT_FEATURES


class AbstractBestPracticeIndexPage(NotAtTreeRootMixin, MentorshipPageMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)

    practice_page_model = "wagtail_mentorship.BestPracticePage"

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        abstract = True

    def get_practice_queryset(self):
        practice_model = apps.get_model(self.practice_page_model)
        return practice_model.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        practices = self.get_practice_queryset()
        form = PracticeFilterForm(request.GET or None, practices=practices)
        results = form.filter(practices)
        paginator = Paginator(results, conf.practices_per_page())
        page_obj = paginator.get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            filter_form=form,
            page_obj=page_obj,
            practices=page_obj.object_list,
            filter_query=query.urlencode(),
            is_filtered=form.is_bound and form.has_filters(),
        )
        return context


class BestPracticePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "wagtail_mentorship.BestPracticePage",
        on_delete=models.CASCADE,
        related_name="tagged_items",
    )


class AbstractBestPracticePage(MentorshipPageMixin, Page):
    class Kind(models.TextChoices):
        CASE = "case", _("Case")
        PROGRAMME = "programme", _("Programme")
        MATERIAL = "material", _("Methodological material")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.CASE)
    mentorship_form = optional_link("wagtail_mentorship.MentorshipForm", _("mentorship form"))
    organization = organization_link()
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    summary = models.TextField(
        _("summary"), help_text=_("Two or three sentences shown in lists and search results.")
    )
    body = StreamField(PracticeBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("year")]),
                FieldPanel("mentorship_form"),
                FieldPanel("organization"),
                FieldPanel("tags"),
            ],
            heading=_("About this practice"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel(
            "authors",
            heading=_("Authors"),
            label=_("Author"),
            help_text=_("Mentors named on the page only within their consent to publication."),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("kind"),
        index.FilterField("mentorship_form"),
        index.FilterField("year"),
    ]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["index_page"] = self.get_parent().specific
        context["authors"] = [
            profile
            for profile in (
                author.mentor.public_profile() for author in self.authors.select_related("mentor")
            )
            if profile.name
        ]
        return context


class BestPracticeAuthor(Orderable):
    page = ParentalKey(
        "wagtail_mentorship.BestPracticePage", on_delete=models.CASCADE, related_name="authors"
    )
    mentor = models.ForeignKey(
        "wagtail_mentorship.Mentor",
        verbose_name=_("mentor"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PublishedMentorPanel("mentor")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")


class BestPracticeIndexPage(AbstractBestPracticeIndexPage):
    subpage_types = ["wagtail_mentorship.BestPracticePage"]

    class Meta:
        verbose_name = _("best practices section")
        verbose_name_plural = _("best practices sections")


class BestPracticePage(AbstractBestPracticePage):
    tags = ClusterTaggableManager(through=BestPracticePageTag, blank=True, verbose_name=_("tags"))

    parent_page_types = ["wagtail_mentorship.BestPracticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("best practice")
        verbose_name_plural = _("best practices")
