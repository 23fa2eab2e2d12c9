"""The mentor chooser of page editors (honour board, best-practice authors): only mentors
whose name may be published, shown as their consent allows, to any editor. Curators pick
people for pairs through the scoped snippet choosers of ``views.py``."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.compare import ForeignObjectComparison
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views.generic.chooser import (
    ChooseResultsView,
    ChooseView,
    ChosenMultipleView,
    ChosenView,
)
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets import BaseChooser

from ..people.consent import publication_in_force_q
from .policies import mentor_policy
from .views import NarrowedChooserMixin

HIDDEN = _("A mentor without consent to publish the name")


def published_mentors():
    return mentor_policy.model.objects.filter(publication_in_force_q(), publish_name=True)


def public_label(mentor) -> str:
    """A mentor as a page editor may read them: the published name, or that it is hidden."""
    if mentor is None:
        return ""
    return mentor.public_profile().name or str(HIDDEN)


class PublishedMentorsMixin(NarrowedChooserMixin):
    def narrow(self, queryset):
        return queryset.filter(pk__in=published_mentors().values("pk"))


class PublishedMentorChooseView(PublishedMentorsMixin, ChooseView):
    pass


class PublishedMentorChooseResultsView(PublishedMentorsMixin, ChooseResultsView):
    pass


class PublishedMentorChosenView(ChosenView):
    def get_object(self, pk):
        return published_mentors().get(pk=pk)


class PublishedMentorChosenMultipleView(ChosenMultipleView):
    def get_objects(self, pks):
        return published_mentors().filter(pk__in=pks)


class PublishedMentorWidget(BaseChooser):
    def get_display_title(self, instance):
        return public_label(instance)


class PublishedMentorChooserViewSet(ChooserViewSet):
    model = "wagtail_mentorship.Mentor"
    icon = "user"
    choose_one_text = _("Choose a mentor")
    choose_another_text = _("Choose another mentor")
    page_title = _("Mentors who agreed to be named")
    base_widget_class = PublishedMentorWidget
    choose_view_class = PublishedMentorChooseView
    choose_results_view_class = PublishedMentorChooseResultsView
    chosen_view_class = PublishedMentorChosenView
    chosen_multiple_view_class = PublishedMentorChosenMultipleView
    register_widget = False  # curators' forms keep the scoped snippet chooser


published_mentor_chooser = PublishedMentorChooserViewSet(
    "wagtail_mentorship_published_mentors", url_prefix="mentorship/published-mentors"
)


class PublicMentorComparison(ForeignObjectComparison):
    """Revisions compare mentors by what may be published of them."""

    def get_objects(self):
        obj_a, obj_b = super().get_objects()
        return public_label(obj_a) or None, public_label(obj_b) or None


class PublishedMentorPanel(FieldPanel):
    """A page's mentor, chosen among the publishable ones and compared as published."""

    def __init__(self, field_name="mentor", **kwargs):
        kwargs.setdefault("widget", published_mentor_chooser.widget_class)
        super().__init__(field_name, **kwargs)

    def get_comparison_class(self):
        return PublicMentorComparison
