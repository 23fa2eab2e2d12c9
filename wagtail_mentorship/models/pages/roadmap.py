"""The roadmap («дорожная карта»): a page, its stage pages and each stage's activities.

Each page type comes as an abstract model plus a concrete page, the way
``wagtail.contrib.forms`` does it, so that a site can subclass the abstract one.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.coreutils import resolve_model_string
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ...inline_panel import InlinePanel
from ...spreadsheets.roadmap_xlsx import roadmap_xlsx_bytes, roadmap_xlsx_filename
from ...spreadsheets.writing import XLSX_CONTENT_TYPE
from ..mixins import MentorshipPageMixin, NotAtTreeRootMixin, organization_link
from .activity_panels import OfferedDatePanel
from .roadmap_calendar import calendar_response, roadmap_calendar_bytes
from .roadmap_table import (
    ACTIVITY_NUMBER_VALIDATOR,
    RoadmapTable,
    number_stage,
    numbered_stages,
)

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link"]


def admin_users():
    """Users who can be made responsible: active, and able to open the Wagtail admin."""
    may_access_admin = {"codename": "access_admin", "content_type__app_label": "wagtailadmin"}
    return models.Q(is_active=True) & (
        models.Q(is_superuser=True)
        | models.Q(**{f"groups__permissions__{k}": v for k, v in may_access_admin.items()})
        | models.Q(**{f"user_permissions__{k}": v for k, v in may_access_admin.items()})
    )


class AbstractRoadmapPage(NotAtTreeRootMixin, MentorshipPageMixin, RoutablePageMixin, Page):
    organization = organization_link()
    period = models.CharField(
        _("period"),
        max_length=255,
        blank=True,
        help_text=_("For example «2022–2023 учебный год»."),
    )
    approval = models.CharField(
        _("approval"),
        max_length=500,
        blank=True,
        help_text=_("As in the document, for example «УТВЕРЖДЕНО приказом № 125/1 от 01.09.2023»."),
    )
    intro = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)

    # The page type of the stages; a site that subclasses both pages names its own here.
    stage_page_model = "wagtail_mentorship.StagePage"

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("organization"), FieldPanel("period"), FieldPanel("approval")],
            heading=_("Document"),
        ),
        FieldPanel("intro"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("period")]

    class Meta:
        abstract = True

    @classmethod
    def get_stage_model(cls):
        """The page model of this roadmap's stages, from ``stage_page_model``."""
        return resolve_model_string(cls.stage_page_model)

    @classmethod
    def get_activity_model(cls):
        """The model of the activities of this roadmap's stages."""
        return cls.get_stage_model().get_activity_model()

    def get_stage_queryset(self):
        """Live stages in the order an editor sorted them, with their activities: two queries."""
        return (
            self.get_stage_model()
            .objects.child_of(self)
            .live()
            .order_by("path")
            .prefetch_related("activities")
        )

    def get_table(self) -> RoadmapTable:
        return RoadmapTable(numbered_stages(self.get_stage_queryset()))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: built only when the template's cached fragment is missing.
        context["table"] = SimpleLazyObject(self.get_table)
        page_url = self.get_url(request)
        context["xlsx_url"] = page_url + self.reverse_subpage("xlsx") if page_url else ""
        context["calendar_url"] = page_url + self.reverse_subpage("calendar") if page_url else ""
        return context

    @path("xlsx/", name="xlsx")
    def xlsx(self, request):
        return HttpResponse(
            roadmap_xlsx_bytes(self, self.get_table()),
            content_type=XLSX_CONTENT_TYPE,
            headers={
                "Content-Disposition": f'attachment; filename="{roadmap_xlsx_filename(self)}"'
            },
        )

    # Not «calendar.ics»: Wagtail serves only paths of slugs that end in a slash.
    @path("calendar/", name="calendar")
    def calendar(self, request):
        """The dated activities as an iCalendar feed a calendar app subscribes to."""
        return calendar_response(roadmap_calendar_bytes(self, request), f"{self.slug}.ics")


class AbstractStagePage(MentorshipPageMixin, Page):
    description = RichTextField(_("description"), blank=True, features=TEXT_FEATURES)
    timing = models.CharField(
        _("timing"),
        max_length=255,
        blank=True,
        help_text=_("Free text as in the roadmap, for example «Ежегодно, сентябрь – октябрь»."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("timing"),
        FieldPanel("description"),
        InlinePanel("activities", heading=_("Activities"), label=_("Activity")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("description")]

    class Meta:
        abstract = True

    @classmethod
    def get_activity_model(cls):
        """The model of this stage's activities: whatever model's ParentalKey is ``activities``."""
        return cls._meta.get_field("activities").related_model

    def get_number(self) -> int:
        """The stage's number: its place among the live stages of its roadmap."""
        earlier = type(self).objects.sibling_of(self).live().filter(path__lt=self.path)
        return earlier.count() + 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        siblings = type(self).objects.sibling_of(self, inclusive=False).live()
        context.update(
            stage=number_stage(self.get_number(), self, self.activities.all()),
            roadmap=self.get_parent().specific,
            previous_stage=siblings.filter(path__lt=self.path).order_by("-path").first(),
            next_stage=siblings.filter(path__gt=self.path).order_by("path").first(),
        )
        return context


class AbstractRoadmapActivity(Orderable, ClusterableModel):
    """One row of a stage: an activity with its timing, who is responsible and its result.

    A cluster of its own so that saving the stage saves its ``responsible_users`` too."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    number = models.CharField(
        _("number"),
        max_length=20,
        blank=True,
        validators=[ACTIVITY_NUMBER_VALIDATOR],
        help_text=_(
            "As printed in the document, for example «4.3.1». Leave it blank to number the "
            "activity after the one before it."
        ),
    )
    title = models.TextField(_("activity"))
    content = models.TextField(_("content"), blank=True)
    timing = models.CharField(
        _("timing"),
        max_length=255,
        blank=True,
        help_text=_("Free text as in the roadmap: «Ежегодно, до 1 октября», «В течение года»."),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    responsible = models.TextField(_("responsible"), blank=True)
    # Wagtail users who answer for the activity, besides the free text the page prints.
    responsible_users = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible users"),
        blank=True,
        limit_choices_to=admin_users,
        related_name="%(app_label)s_%(class)s_responsible",
    )
    result = models.TextField(_("result / document"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )

    panels = [
        FieldPanel("number"),
        FieldPanel("title"),
        FieldPanel("content"),
        FieldPanel("timing"),
        FieldRowPanel([OfferedDatePanel("start_date"), OfferedDatePanel("due_date")]),
        FieldPanel("responsible"),
        FieldPanel("responsible_users"),
        FieldPanel("result"),
        FieldPanel("status"),
    ]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self):
        return self.title

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    def clean(self):
        super().clean()
        if self.start_date and self.due_date and self.due_date < self.start_date:
            raise ValidationError(
                {"due_date": _("The due date cannot be earlier than the start date.")}
            )


class RoadmapPage(AbstractRoadmapPage):
    subpage_types = ["wagtail_mentorship.StagePage"]

    class Meta:
        verbose_name = _("roadmap")
        verbose_name_plural = _("roadmaps")


class StagePage(AbstractStagePage):
    parent_page_types = ["wagtail_mentorship.RoadmapPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("roadmap stage")
        verbose_name_plural = _("roadmap stages")


class RoadmapActivity(AbstractRoadmapActivity):
    page = ParentalKey(
        "wagtail_mentorship.StagePage", on_delete=models.CASCADE, related_name="activities"
    )

    class Meta(AbstractRoadmapActivity.Meta):
        abstract = False
