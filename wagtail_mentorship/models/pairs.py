"""Mentorship pairs and groups: one mentor, one or more mentees, their plan and meetings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable
from wagtail.search import index

from ..access.activation import ActivationBlockersPanel
from ..access.forms import MentorshipPairForm
from ..access.models import OrganizationTrailMixin
from ..access.multiple_chooser import MultipleChooser
from ..access.people_choosers import mentee_chooser, mentor_chooser
from ..inline_panel import InlinePanel
from .mixins import optional_link, organization_link


class MentorshipPair(OrganizationTrailMixin, index.Indexed, ClusterableModel):
    class Status(models.TextChoices):
        FORMING = "forming", pgettext_lazy("pair status", "Forming")
        ACTIVE = "active", pgettext_lazy("pair status", "Active")
        COMPLETED = "completed", pgettext_lazy("pair status", "Completed")
        TERMINATED = "terminated", pgettext_lazy("pair status", "Terminated")

    # Pairs that hold a mentor's time and a mentee's place.
    CURRENT_STATUSES = (Status.FORMING, Status.ACTIVE)
    # One open pair of a mentor and a mentee: kept by ``pair_rules`` for the curator and, as
    # the last line, by the database's triggers of migration 0009, which refuse with an
    # IntegrityError whose message begins with this name. SQLite drops a table's triggers when
    # a migration remakes the table: one that alters this model or its mentees' table must
    # create them again (tests/test_db_constraints.py checks they are there).
    ONE_OPEN_PAIR = "wagtail_mentorship_one_open_pair_per_mentor_and_mentee"

    form = optional_link("wagtail_mentorship.MentorshipForm", _("mentorship form"))
    organization = organization_link()
    mentor = models.ForeignKey(
        "wagtail_mentorship.Mentor",
        verbose_name=_("mentor"),
        on_delete=models.PROTECT,
        related_name="pairs",
    )
    mentees = ParentalManyToManyField(
        "wagtail_mentorship.Mentee", verbose_name=_("mentees"), related_name="pairs"
    )
    goal = models.TextField(_("programme or goal"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.FORMING
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    order_number = models.CharField(
        _("order number"),
        max_length=64,
        blank=True,
        help_text=_("The order that fixed the pair («приказ о закреплении»)."),
    )
    order_date = models.DateField(_("order date"), null=True, blank=True)
    development_plan = models.TextField(_("individual development plan"), blank=True)
    result = models.TextField(_("result"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Checks the rules of ``pair_rules`` on the mentees chosen in the form.
    base_form_class = MentorshipPairForm

    panels = [
        FieldRowPanel([FieldPanel("form"), FieldPanel("organization")]),
        FieldPanel("mentor", widget=mentor_chooser.widget_class),
        FieldPanel("mentees", widget=MultipleChooser(mentee_chooser)),
        FieldPanel("goal"),
        ActivationBlockersPanel(),
        FieldRowPanel([FieldPanel("status"), FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldRowPanel([FieldPanel("order_number"), FieldPanel("order_date")]),
        FieldPanel("development_plan"),
        InlinePanel("meetings", heading=_("Meetings"), label=_("Meeting")),
        FieldPanel("result"),
    ]
    search_fields = [
        index.SearchField("goal"),
        index.AutocompleteField("goal"),
        index.RelatedFields(
            "mentor", [index.SearchField("full_name"), index.AutocompleteField("full_name")]
        ),
        index.FilterField("status"),
        index.FilterField("form"),
        index.FilterField("organization"),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("mentorship pair or group")
        verbose_name_plural = _("mentorship pairs and groups")

    def __str__(self):
        names = self.mentee_names()
        return f"{self.mentor} → {names}" if names else str(self.mentor)

    def mentee_names(self) -> str:
        return ", ".join(mentee.full_name for mentee in self.mentees.all())

    @property
    def is_group(self) -> bool:
        return len(self.mentees.all()) > 1

    @classmethod
    def refused_as_second_open_pair(cls, error: Exception) -> bool:
        """Whether the database refused a save as a second open pair of a mentor and mentee."""
        return cls.ONE_OPEN_PAIR in str(error)


class PairMeeting(Orderable):
    class Kind(models.TextChoices):
        ORGANISATIONAL = "organisational", _("Organisational")
        TRIAL = "trial", _("Trial")
        PLANNING = "planning", _("Planning")
        REGULAR = "regular", _("Regular")
        FINAL = "final", _("Final")

    pair = ParentalKey(MentorshipPair, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.REGULAR)
    date = models.DateField(_("date"))
    notes = models.TextField(_("notes"), blank=True)

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]), FieldPanel("notes")]

    class Meta(Orderable.Meta):
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return f"{self.get_kind_display()}, {self.date:%d.%m.%Y}"
