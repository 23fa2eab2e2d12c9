"""A many-to-many field chosen through a chooser modal in its multiple mode, as Wagtail's
MultipleChooserPanel does for inline models: the chosen records are removable items, each a
hidden input of the field, so the field stays a plain (Parental)ManyToManyField."""

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.telepath import JSContext


class MultipleChooser(forms.Widget):
    template_name = "wagtail_mentorship/widgets/multiple_chooser.html"
    allow_multiple_selected = True

    def __init__(self, chooser_viewset, *, add_text=None, empty_text=None, **kwargs):
        super().__init__(**kwargs)
        self.chooser_viewset = chooser_viewset
        self.add_text = add_text or chooser_viewset.choose_one_text
        self.empty_text = empty_text or _("None chosen yet.")

    @cached_property
    def chooser(self):
        """The viewset's single chooser widget: it says how to open the modal and label a choice."""
        return self.chooser_viewset.widget_class()

    def pack_chooser(self) -> tuple:
        """(the telepath context, the chooser's definition the script unpacks to open it);
        packed at each use, since it holds texts in the language of the request."""
        context = JSContext()
        return context, context.pack(self.chooser)

    @property
    def media(self):
        return self.pack_chooser()[0].media + forms.Media(
            js=[versioned_static("wagtail_mentorship/admin/multiple_chooser.js")],
            css={"all": [versioned_static("wagtail_mentorship/admin/multiple_chooser.css")]},
        )

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", None)
        values = getter(name) if getter else data.get(name) or []
        return [value for value in values if value not in (None, "")]

    def use_required_attribute(self, initial):
        return False  # the field's input are the items' hidden inputs, not the button

    def value_omitted_from_data(self, data, files, name):
        return False  # no item left is a choice of none, as with a multiple select

    def chosen(self, value) -> list:
        """The chosen records, in the order given, from pks or records."""
        model = self.chooser.model_class
        values = [v for v in (value or []) if v not in (None, "")]
        pks = [v.pk if isinstance(v, model) else v for v in values]
        found = model._default_manager.filter(pk__in=pks).select_related("organization")
        by_pk = {str(obj.pk): obj for obj in found}
        return [by_pk[str(pk)] for pk in pks if str(pk) in by_pk]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(
            {
                "items": [
                    {"id": obj.pk, "title": self.chooser.get_display_title(obj)}
                    for obj in self.chosen(value)
                ],
                "chooser_definition": self.pack_chooser()[1],
                "add_text": self.add_text,
                "empty_text": self.empty_text,
            }
        )
        return context

    def format_value(self, value):
        return value  # the items are built from it in get_context
