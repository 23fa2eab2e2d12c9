"""Reference data every organisation keeps: the organisations and the forms of mentorship."""

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from ..access.forms import OrganizationForm
from ..inline_panel import InlinePanel


class Organization(index.Indexed, ClusterableModel):
    """An educational organisation (ОО, ПОО) or a municipal education office."""

    class Kind(models.TextChoices):
        SCHOOL = "school", _("General education organisation")
        COLLEGE = "college", _("Professional education organisation")
        SUPPLEMENTARY = "supplementary", _("Supplementary education organisation")
        MUNICIPALITY = "municipality", _("Municipal education authority")
        EMPLOYER = "employer", _("Employer or enterprise")
        OTHER = "other", _("Other")

    name = models.CharField(_("official name"), max_length=500, unique=True)
    short_name = models.CharField(
        _("short name"),
        max_length=255,
        blank=True,
        help_text=_("As people usually write it, for example «МБОУ «СОШ № 4»»."),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.SCHOOL)
    curators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("curators"),
        blank=True,
        related_name="mentorship_organizations",
        help_text=_(
            "Users who keep this organisation's mentors, mentees and pairs. They also need "
            "the group «Кураторы наставничества»."
        ),
    )

    base_form_class = OrganizationForm
    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("kind"),
        FieldPanel("curators", widget=forms.CheckboxSelectMultiple),
        InlinePanel("headcounts", heading=_("Headcount by programme year"), label=_("Year")),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        permissions = [
            ("view_all_organizations", _("Can see and act for every organisation")),
        ]

    def __str__(self):
        return self.short_name or self.name


class MentorshipForm(index.Indexed, models.Model):
    """A form of mentorship («Учитель – учитель»…): data, since schools add their own."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    mentor_role = models.CharField(_("mentor role"), max_length=255, blank=True)
    mentee_role = models.CharField(_("mentee role"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("mentor_role"),
        FieldPanel("mentee_role"),
        FieldPanel("description"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("mentorship form")
        verbose_name_plural = _("mentorship forms")

    def __str__(self):
        return self.name
