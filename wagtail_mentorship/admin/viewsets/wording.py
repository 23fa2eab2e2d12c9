"""Every view of a snippet viewset speaks of its model in the phrases of ``wording.py``.

Wagtail puts ``verbose_name`` into its own sentences («Добавить наставляемый», «Наставляемый
'…' создана.»). The mixin gives each view the model's whole phrases instead, for the views
Wagtail builds now and those it adds later (every view is made through ``construct_view``).
"""

from functools import cache

from django.utils.functional import cached_property
from django.utils.text import capfirst
from wagtail.admin.views.generic.models import CreateView, DeleteView, EditView
from wagtail.snippets.widgets import AdminSnippetChooser

from ...wording import WordedPaginator, wording_for


class WordedViewMixin:
    wording = None

    @cached_property
    def add_item_label(self):
        return self.wording.add

    @cached_property
    def no_results_message(self):
        if self.is_searching or self.is_filtering:
            return self.wording.none_found
        return self.wording.none_yet

    def get_page_title(self):
        if isinstance(self, CreateView):
            return self.wording.new
        return super().get_page_title()

    def get_page_subtitle(self):
        if isinstance(self, CreateView):
            return ""  # the title already names the model: «Новый наставник»
        return super().get_page_subtitle()

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        if isinstance(self, CreateView) and items:
            items[-1] = {**items[-1], "label": self.wording.new}
        return items

    @property
    def confirmation_message(self):
        return self.wording.delete_question

    def get_success_message(self, instance=None):
        if isinstance(self, CreateView):
            message = self.wording.created
        elif isinstance(self, EditView):
            message = self.wording.updated
        elif isinstance(self, DeleteView):
            message = self.wording.deleted
        else:
            return super().get_success_message(instance)
        return capfirst(message % {"object": instance or self.object})

    def get_error_message(self):
        if getattr(self, "expects_json_response", False):
            return super().get_error_message()
        if isinstance(self, CreateView):
            return self.wording.not_created
        return self.wording.not_saved


@cache
def worded_view_class(view_class):
    return type(view_class.__name__, (WordedViewMixin, view_class), {})


class WordedSnippetChooser(AdminSnippetChooser):
    """«Выбрать другую организацию», not Wagtail's «Выбрать другой организация»."""

    def __init__(self, model=None, **kwargs):
        super().__init__(model, **kwargs)
        wording = wording_for(self.model)
        if wording is not None and wording.choose is not None:
            self.choose_one_text = wording.choose
            self.choose_another_text = wording.choose_another
            self.link_to_chosen_text = wording.edit_chosen


@cache
def worded_chooser_viewset_class(viewset_class):
    """The chooser's widget names the model in the right case, and its results count their
    items as the listing does."""

    class WordedChooserViewSet(viewset_class):
        base_widget_class = WordedSnippetChooser

        @cached_property
        def widget_class(self):
            widget = super().widget_class
            if isinstance(widget, type):  # Wagtail 8: a class made of base_widget_class
                return widget
            # Wagtail 7.4 makes an AdminSnippetChooser instance, whatever base_widget_class says
            return WordedSnippetChooser(model=self.model, icon=self.icon)

        def get_common_view_kwargs(self, **kwargs):
            return super().get_common_view_kwargs(paginator_class=WordedPaginator, **kwargs)

    return WordedChooserViewSet


class WordedViewSetMixin:
    """For a ``SnippetViewSet`` of a model that ``wording.py`` declares."""

    def construct_view(self, view_class, **kwargs):
        wording = wording_for(self.model)
        if wording is None:
            return super().construct_view(view_class, **kwargs)
        kwargs = {"wording": wording, "paginator_class": WordedPaginator, **kwargs}
        return super().construct_view(worded_view_class(view_class), **kwargs)

    @property
    def chooser_viewset_class(self):
        return worded_chooser_viewset_class(super().chooser_viewset_class)
