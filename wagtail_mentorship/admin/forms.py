"""Admin forms that check rules spanning several fields and related records."""

import copy

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from ..access.forms import ScopedChoicesMixin
from ..people.pair_rules import pair_errors

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
