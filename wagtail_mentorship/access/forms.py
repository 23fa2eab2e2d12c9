"""Admin forms of personal data, whose choices are narrowed to what the user acts for.

Wagtail gives every admin model form the user as ``for_user``.
"""

import copy

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from ..people.pair_rules import pair_errors
from .collections import document_policy
from .policies import policy_for
from .scope import is_coordinator, scope_for

# Fields naming people, and the action the user needs on whom they choose.
PEOPLE_FIELDS = {"mentor": "view", "mentees": "change"}


class ScopedChoicesMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None:
            return
        for name, action in PEOPLE_FIELDS.items():
            field = self.fields.get(name)
            if field is not None:
                model = field.queryset.model
                allowed = policy_for(model).filter_for_user(user, model.objects.all(), [action])
                # Whom the record names already stays valid (a coordinator's cross-school pair).
                field.queryset = field.queryset.filter(
                    Q(pk__in=allowed.values("pk")) | Q(pk__in=self.current_pks(name))
                )
        scan = self.fields.get("processing_consent_document")
        if scan is not None:  # only scans the user may choose: never another school's
            choosable = document_policy().instances_user_has_any_permission_for(user, ["choose"])
            scan.queryset = scan.queryset.filter(
                Q(pk__in=choosable.values("pk"))
                | Q(pk__in=self.current_pks("processing_consent_document"))
            )
        scope, field = scope_for(user), self.fields.get("organization")
        if field is not None and not scope.everything:
            # A curator's people belong to one of their organisations, never to none.
            field.queryset = field.queryset.filter(scope.q("pk"))
            field.required = True
            if self.instance.pk is None and len(scope.organization_ids) == 1:
                self.initial.setdefault("organization", next(iter(scope.organization_ids)))

    def current_pks(self, name) -> list:
        if not self.instance.pk:
            return []
        if name == "mentees":
            return list(self.instance.mentees.values_list("pk", flat=True))
        return [getattr(self.instance, f"{name}_id", None)]


class PersonForm(ScopedChoicesMixin, WagtailAdminModelForm):
    pass


class OrganizationForm(WagtailAdminModelForm):
    """Who curates an organisation is for coordinators to say, not for its curators."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "curators" in self.fields and not (self.for_user and is_coordinator(self.for_user)):
            self.fields["curators"].disabled = True


class PortraitInput(forms.ClearableFileInput):
    """A portrait in the private storage has no public URL: the admin shows it through a
    view that asks the policy."""

    template_name = "wagtail_mentorship/widgets/portrait_input.html"
    initial_text = _("Current photo")

    def is_initial(self, value):
        return bool(value and getattr(value, "name", ""))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        instance = getattr(value, "instance", None)
        if self.is_initial(value) and instance is not None and instance.pk:
            context["widget"]["portrait_url"] = reverse(
                "wagtail_mentorship:portrait", args=[instance.pk]
            )
        return context


PAIR_FIELDS = ("form", "organization", "mentor", "status", "start_date", "end_date")


class MentorshipPairForm(ScopedChoicesMixin, WagtailAdminModelForm):
    # The mentees chosen in the form are not on the instance until it is saved, so the
    # pair's rules are checked here, on the submitted values.
    def clean(self):
        cleaned_data = super().clean()
        pair = copy.copy(self.instance)
        for name in PAIR_FIELDS:
            if cleaned_data.get(name) is not None:
                setattr(pair, name, cleaned_data[name])
        mentees = list(cleaned_data.get("mentees") or [])
        for field, messages in pair_errors(pair, mentees).items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)
        return cleaned_data

    def is_valid(self):
        # Meetings are a formset of their own, validated after the pair's fields.
        return super().is_valid() and self._meetings_after_start()

    def _meetings_after_start(self) -> bool:
        start = self.cleaned_data.get("start_date")
        valid = True
        for form in self.formsets["meetings"].forms:
            date = form.cleaned_data.get("date") if hasattr(form, "cleaned_data") else None
            if start and date and date < start and not form.cleaned_data.get("DELETE"):
                form.add_error("date", _("A meeting cannot be earlier than the start of the pair."))
                valid = False
        return valid
