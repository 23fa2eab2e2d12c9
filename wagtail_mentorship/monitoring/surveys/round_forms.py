"""The curator's form that starts a round: the pairs and organisation the user acts for."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from ...access.policies import pair_policy
from ...access.scope import scope_for


class SurveyRoundForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "survey" in self.fields:
            self.fields["survey"].queryset = self.fields["survey"].queryset.filter(active=True)
        pairs = self.fields.get("pairs")
        if pairs is not None and self.for_user is not None:
            pairs.queryset = pair_policy.filter_for_user(
                self.for_user, pairs.queryset.select_related("mentor", "organization")
            ).prefetch_related("mentees")
            pairs.widget = forms.CheckboxSelectMultiple(choices=pairs.choices)
        organization = self.fields.get("organization")
        scope = scope_for(self.for_user)
        if organization is not None and not scope.everything:
            organization.queryset = organization.queryset.filter(scope.q("pk"))
            organization.required = True
            if len(scope.organization_ids) == 1:
                self.initial.setdefault("organization", next(iter(scope.organization_ids)))

    def clean(self):
        cleaned = super().clean()
        opens_on, closes_on = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", _("The round cannot close before it opens."))
        organization = cleaned.get("organization")
        foreign = [
            p
            for p in cleaned.get("pairs") or ()
            if organization and p.organization_id != organization.pk
        ]
        if foreign:
            self.add_error("pairs", _("Choose pairs of the round's organisation only."))
        return cleaned
