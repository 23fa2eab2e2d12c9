"""The admin doors of personal data, each asking the policy: snippet views, choosers and the
bulk actions Wagtail adds to every snippet."""

from functools import cache

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.views.generic import DeleteView, EditView
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)

from ..wording import WordedPaginator
from .policies import POLICIES, READ, policy_for


def actions_of(view_class) -> tuple:
    """What a view does to its object: a curator may look at a partner from another
    organisation's pair, but change only their own organisation's people."""
    if issubclass(view_class, DeleteView):
        return ("delete",)
    if issubclass(view_class, EditView):
        return ("change",)
    return READ


class ScopedViewMixin:
    """A listing shows the user's organisations' records only, and an object outside them
    does not exist for the user."""

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if queryset.model._meta.label_lower not in POLICIES:  # e.g. a history of log entries
            return queryset
        return policy_for(queryset.model).filter_for_user(self.request.user, queryset, READ)

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if obj is None:  # a view that creates its object
            return obj
        policy, actions = policy_for(type(obj)), actions_of(type(self))
        if not policy.user_has_any_permission(self.request.user, actions):
            raise PermissionDenied  # as Wagtail answers anyone without the rights
        if not policy.user_has_any_permission_for_instance(self.request.user, actions, obj):
            raise Http404
        return obj


@cache
def scoped_view_class(view_class):
    return type(view_class.__name__, (ScopedViewMixin, view_class), {})


class NarrowedChooserMixin:
    """A chooser whose choices are ``narrow(queryset)``: searched over the whole model, then
    narrowed, since search backends cannot filter on the policies' subqueries."""

    paginator_class = WordedPaginator  # «5 наставников» under the results

    def narrow(self, queryset):
        raise NotImplementedError

    def filter_object_list(self, objects):
        found = super().filter_object_list(objects)
        if isinstance(found, QuerySet):
            return self.narrow(found)
        return self.narrow(self.model_class.objects.filter(pk__in=[obj.pk for obj in found]))


class ScopedChooserMixin(NarrowedChooserMixin):
    def narrow(self, queryset):
        return policy_for(queryset.model).filter_for_user(self.request.user, queryset, READ)


class ScopedChooseView(ScopedChooserMixin, ChooseView):
    pass


class ScopedChooseResultsView(ScopedChooserMixin, ChooseResultsView):
    pass


class ScopedChosenView(ScopedChooserMixin, SnippetChosenView):
    def get_object(self, pk):
        return self.narrow(self.model_class.objects.all()).get(pk=pk)


class ScopedChosenMultipleView(ScopedChooserMixin, SnippetChosenMultipleView):
    def get_objects(self, pks):
        return self.narrow(super().get_objects(pks))


class ScopedChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView


class ScopedViewSetMixin:
    """For a ``SnippetViewSet`` of personal data: the policy of ``policies.py``, the listing
    narrowed to the user's organisations, and every view about one object checked against
    it — the views Wagtail will add in future included, since they are built here too."""

    @property
    def permission_policy(self):
        return policy_for(self.model)

    chooser_viewset_class = ScopedChooserViewSet
    # A copy would carry a person's contacts, answers, scan and portrait into a new record.
    copy_view_enabled = False

    @property
    def url_finder_class(self):
        # Links to a record (in usage listings, history, search) only where the user may edit
        # it, by the policy: Wagtail 7.4's snippet finder asks the model permission alone.
        return type(
            "ScopedAdminURLFinder",
            (ModelAdminURLFinder,),
            {
                "permission_policy": self.permission_policy,
                "edit_url_name": self.get_url_name("edit"),
            },
        )

    def construct_view(self, view_class, **kwargs):
        if hasattr(view_class, "get_object") or hasattr(view_class, "get_base_queryset"):
            view_class = scoped_view_class(view_class)
        return super().construct_view(view_class, **kwargs)
