"""The visitor's filters on a best-practices section: kind, form, year, tag and search."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PracticeFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    form = forms.ModelChoiceField(
        label=_("Mentorship form"), required=False, queryset=None, empty_label=_("All forms")
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    tag = forms.SlugField(required=False, widget=forms.HiddenInput, allow_unicode=True)

    def __init__(self, data=None, *, practices):
        super().__init__(data)
        model = practices.model
        # Offer only the forms and years that some practice in this section has.
        form_model = model._meta.get_field("mentorship_form").related_model
        self.fields["form"].queryset = form_model.objects.filter(
            pk__in=practices.values("mentorship_form")
        )
        self.fields["kind"].choices = [("", _("All kinds")), *model.Kind.choices]
        years = sorted(set(practices.values_list("year", flat=True)), reverse=True)
        self.fields["year"].choices = [("", _("All years"))] + [(y, y) for y in years]

    def has_filters(self) -> bool:
        return self.is_valid() and any(self.cleaned_data.values())

    def filter(self, practices):
        """The practices that match, newest first, or by relevance when searching."""
        practices = practices.select_related("mentorship_form", "organization")
        if not (self.is_bound and self.is_valid()):
            return practices.order_by("-first_published_at")
        data = self.cleaned_data
        if data["kind"]:
            practices = practices.filter(kind=data["kind"])
        if data["form"]:
            practices = practices.filter(mentorship_form=data["form"])
        if data["year"]:
            practices = practices.filter(year=data["year"])
        if data["tag"]:
            tagged = practices.model.objects.filter(tags__slug=data["tag"])
            practices = practices.filter(id__in=list(tagged.values_list("id", flat=True)))
        if data["q"]:
            return practices.search(data["q"])
        return practices.order_by("-first_published_at")
