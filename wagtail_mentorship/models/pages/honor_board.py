"""The honour board of mentors («доска почёта наставников»)."""

from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from ...access.choosers import PublishedMentorPanel
from ...inline_panel import InlinePanel
from ..mixins import MentorshipPageMixin, NotAtTreeRootMixin
from .roadmap import TEXT_FEATURES


def with_public_profiles(entries):
    """(entry, profile) for each entry whose mentor may be shown at all, in the board's order."""
    pairs = ((entry, entry.mentor.public_profile()) for entry in entries)
    return [(entry, profile) for entry, profile in pairs if profile.name or profile.photo]


class AbstractHonorBoardPage(NotAtTreeRootMixin, MentorshipPageMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel(
            "entries",
            heading=_("Mentors on the board"),
            label=_("Mentor"),
            help_text=_(
                "A mentor appears only within their consent to publication: "
                "without it, or once it is withdrawn, the board leaves them out."
            ),
        ),
    ]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        entries = self.entries.select_related("mentor__photo")
        # Lazy: built only when the template's cached fragment is missing.
        context["entries"] = SimpleLazyObject(lambda: with_public_profiles(entries))
        return context


class HonorBoardPage(AbstractHonorBoardPage):
    subpage_types = []

    class Meta:
        verbose_name = _("honour board of mentors")
        verbose_name_plural = _("honour boards of mentors")


class HonorBoardEntry(Orderable):
    page = ParentalKey(HonorBoardPage, on_delete=models.CASCADE, related_name="entries")
    mentor = models.ForeignKey(
        "wagtail_mentorship.Mentor",
        verbose_name=_("mentor"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    citation = models.CharField(
        _("for what"),
        max_length=500,
        blank=True,
        help_text=_("For example «За подготовку победителей городской олимпиады»."),
    )

    panels = [PublishedMentorPanel("mentor"), FieldPanel("citation")]

    class Meta(Orderable.Meta):
        verbose_name = _("mentor on the board")
        verbose_name_plural = _("mentors on the board")
