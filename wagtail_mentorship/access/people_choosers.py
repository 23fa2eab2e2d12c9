"""The curators' choosers of a pair's mentor and mentees: searchable modals that list only the
people the curator may pick, each told apart from a namesake by class or position,
organisation and consent."""

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import (
    ChooseResultsView,
    ChooseView,
    ChosenMultipleView,
    ChosenView,
)
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets import BaseChooser

from ..people.consent import ConsentState
from ..people.pair_rules import representative_consented
from .forms import PEOPLE_FIELDS
from .policies import policy_for
from .views import NarrowedChooserMixin

EMPTY = "—"
# What tells namesakes apart, besides the organisation: a pupil's class, a mentor's position.
DETAIL_FIELD = {"mentor": "position", "mentee": "class_name"}
# What the user needs on whom they pick: the pair form's own rule.
ACTION = {"mentor": PEOPLE_FIELDS["mentor"], "mentee": PEOPLE_FIELDS["mentees"]}


def consent_label(person) -> str:
    """The consent state; for a minor, whether their legal representative's consent is there,
    since without it their pair cannot become active (``pair_rules``)."""
    if getattr(person, "is_minor", False) and not representative_consented(person):
        return str(_("No consent of the legal representative (minor)"))
    return str(ConsentState(person.consent_state).label)


def person_detail(person) -> str:
    return getattr(person, DETAIL_FIELD[person._meta.model_name], "")


def person_details(person) -> str:
    """Class or position, organisation, consent: «7 Б, МАОУ «Лицей № 2», Нет согласия»."""
    parts = (person_detail(person), person.organization, consent_label(person))
    return ", ".join(str(part) for part in parts if part)


def person_label(person) -> str:
    return f"{person.full_name} ({person_details(person)})"


class PersonChooserMixin(NarrowedChooserMixin):
    def narrow(self, queryset):
        action = ACTION[queryset.model._meta.model_name]
        policy = policy_for(queryset.model)
        visible = policy.filter_for_user(self.request.user, queryset, [action])
        return visible.select_related("organization")


class PersonListingMixin(PersonChooserMixin):
    @property
    def title_column(self):
        column = super().title_column
        column.label = capfirst(self.model_class._meta.get_field("full_name").verbose_name)
        return column

    @property
    def columns(self):
        detail = DETAIL_FIELD[self.model_class._meta.model_name]
        return [
            self.title_column,
            Column(
                detail,
                label=capfirst(self.model_class._meta.get_field(detail).verbose_name),
                accessor=lambda person: person_detail(person) or EMPTY,
            ),
            Column(
                "organization",
                label=_("Organisation"),
                accessor=lambda person: person.organization or EMPTY,
            ),
            Column("consent", label=_("Consent"), accessor=consent_label),
        ]


class PersonChooseView(PersonListingMixin, ChooseView):
    pass


class PersonChooseResultsView(PersonListingMixin, ChooseResultsView):
    pass


class PersonChosenMixin(PersonChooserMixin):
    def get_display_title(self, instance):
        return person_label(instance)


class PersonChosenView(PersonChosenMixin, ChosenView):
    def get_object(self, pk):
        try:
            return self.narrow(self.model_class.objects.all()).get(pk=pk)
        except (ObjectDoesNotExist, ValueError) as error:
            raise Http404 from error


class PersonChosenMultipleView(PersonChosenMixin, ChosenMultipleView):
    def get_objects(self, pks):
        return self.narrow(super().get_objects(pks))


class PersonChooserWidget(BaseChooser):
    show_edit_link = False  # the label says who it is; the person's page is a click away

    def get_display_title(self, instance):
        return person_label(instance)


class PersonChooserViewSet(ChooserViewSet):
    icon = "user"
    base_widget_class = PersonChooserWidget
    choose_view_class = PersonChooseView
    choose_results_view_class = PersonChooseResultsView
    chosen_view_class = PersonChosenView
    chosen_multiple_view_class = PersonChosenMultipleView
    per_page = 20
    # The snippets' own choosers stay the default of other forms naming a person.
    register_widget = False


mentor_chooser = PersonChooserViewSet(
    "wagtail_mentorship_mentor_chooser",
    model="wagtail_mentorship.Mentor",
    url_prefix="mentorship/choose-mentor",
    choose_one_text=_("Choose a mentor"),
    choose_another_text=_("Choose another mentor"),
)
mentee_chooser = PersonChooserViewSet(
    "wagtail_mentorship_mentee_chooser",
    model="wagtail_mentorship.Mentee",
    url_prefix="mentorship/choose-mentees",
    choose_one_text=_("Choose mentees"),
    choose_another_text=_("Choose other mentees"),
)
