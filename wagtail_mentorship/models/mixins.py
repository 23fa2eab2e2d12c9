"""What the app's page types share."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .. import conf


class NotAtTreeRootMixin:
    """Creatable under any page of a site, but not at the tree root where no site serves it."""

    @classmethod
    def can_create_at(cls, parent):
        return super().can_create_at(parent) and not parent.is_root()


class MentorshipPageMixin:
    """Gives the templates the base template they extend (``WAGTAIL_MENTORSHIP_BASE_TEMPLATE``)."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["base_template"] = conf.base_template()
        return context


def optional_link(model: str, verbose_name) -> models.ForeignKey:
    """A page's optional link to a snippet that stays when the snippet is deleted."""
    return models.ForeignKey(
        model,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


def organization_link() -> models.ForeignKey:
    return optional_link("wagtail_mentorship.Organization", _("organisation"))
