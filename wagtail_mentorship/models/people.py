"""Organisations and mentorship forms: the reference data that people and pages point to."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Organization(index.Indexed, models.Model):
    """An educational organisation (ОО, ПОО) or a municipal education office."""

    class Kind(models.TextChoices):
        SCHOOL = "school", _("General education organisation")
        COLLEGE = "college", _("Professional education organisation")
        SUPPLEMENTARY = "supplementary", _("Supplementary education organisation")
        MUNICIPALITY = "municipality", _("Municipal education authority")
        EMPLOYER = "employer", _("Employer or enterprise")
        OTHER = "other", _("Other")

    name = models.CharField(_("full name"), max_length=500, unique=True)
    short_name = models.CharField(
        _("short name"),
        max_length=255,
        blank=True,
        help_text=_("As people usually write it, for example «МБОУ «СОШ № 4»»."),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.SCHOOL)

    panels = [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("kind")]
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
