"""An organisation's yearly headcount: the pupils and teachers the programme's coverage is
measured against («охват»), entered by a curator once a programme year."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable


class OrganizationHeadcount(Orderable):
    organization = ParentalKey(
        "wagtail_mentorship.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="headcounts",
    )
    year = models.PositiveSmallIntegerField(
        _("programme year"),
        validators=[MinValueValidator(2000)],
        help_text=_("The year the programme year starts in: 2024 for 2024/25."),
    )
    pupils = models.PositiveIntegerField(_("pupils"))
    teachers = models.PositiveIntegerField(_("teachers"))

    panels = [FieldRowPanel([FieldPanel("year"), FieldPanel("pupils"), FieldPanel("teachers")])]

    class Meta(Orderable.Meta):
        verbose_name = _("headcount")
        verbose_name_plural = _("headcounts")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year"],
                name="wagtail_mentorship_one_headcount_per_year",
            ),
        ]

    def __str__(self):
        return f"{self.year}/{(self.year + 1) % 100:02d}"
