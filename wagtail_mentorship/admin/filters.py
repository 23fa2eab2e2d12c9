"""Listing filters of the curator's admin: status, form, organisation, category, consent and
«без наставника»."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from ..models import Mentee, Mentor, MentorshipForm, MentorshipPair, Organization
from ..people.consent import ConsentState, consent_state_q


class PersonFilterSet(WagtailFilterSet):
    organization = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=Organization.objects.all()
    )
    consent = django_filters.ChoiceFilter(
        label=_("Consent"), choices=ConsentState.choices, method="filter_consent"
    )

    def filter_consent(self, queryset, name, value):
        return queryset.filter(consent_state_q(value))


class MentorFilterSet(PersonFilterSet):
    mentorship_forms = django_filters.ModelChoiceFilter(
        label=_("Mentorship form"), queryset=MentorshipForm.objects.all()
    )

    class Meta:
        model = Mentor
        fields = ["status", "category", "organization", "mentorship_forms", "consent"]


class MenteeFilterSet(PersonFilterSet):
    preferred_forms = django_filters.ModelChoiceFilter(
        label=_("Mentorship form"), queryset=MentorshipForm.objects.all()
    )
    without_mentor = django_filters.BooleanFilter(
        label=_("Without a mentor"), method="filter_without_mentor"
    )

    class Meta:
        model = Mentee
        fields = ["status", "category", "organization", "preferred_forms", "consent"]

    def filter_without_mentor(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.with_current_pair().filter(has_current_pair=not value)


class PairFilterSet(WagtailFilterSet):
    class Meta:
        model = MentorshipPair
        fields = ["status", "form", "organization"]
