"""The admin doors of personal data, each asking the policy: snippet views, choosers and the
bulk actions Wagtail adds to every snippet."""

from functools import cache

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.utils.functional import classproperty
from wagtail.admin.views.generic import DeleteView, EditView
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)

from .policies import POLICIES, policy_for

READ = ("view", "change")


def actions_of(view_class) -> tuple:
    """What a view does to its object: a curator may look at a partner from another
    organisation's pair, but change only their own organisation's people."""
    if issubclass(view_class, DeleteView):
        return ("delete",)
    if issubclass(view_class, EditView):
        return ("change",)
    return READ


class ScopedObjectMixin:
    """An object outside the user's organisations does not exist for them."""

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
    return type(view_class.__name__, (ScopedObjectMixin, view_class), {})


class ScopedChooserMixin:
    def visible(self, queryset):
        return policy_for(queryset.model).filter_for_user(self.request.user, queryset, READ)

    def get_object_list(self):
        return self.visible(super().get_object_list())


class ScopedChooseView(ScopedChooserMixin, ChooseView):
    pass


class ScopedChooseResultsView(ScopedChooserMixin, ChooseResultsView):
    pass


class ScopedChosenView(ScopedChooserMixin, SnippetChosenView):
    def get_object(self, pk):
        return self.visible(self.model_class.objects.all()).get(pk=pk)


class ScopedChosenMultipleView(ScopedChooserMixin, SnippetChosenMultipleView):
    def get_objects(self, pks):
        return self.visible(super().get_objects(pks))


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

    def scoped_queryset(self, request, queryset):
        return self.permission_policy.filter_for_user(request.user, queryset, READ)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if queryset is None:
            queryset = self.model._default_manager.all()
        return self.scoped_queryset(request, queryset)

    def construct_view(self, view_class, **kwargs):
        if hasattr(view_class, "get_object"):
            view_class = scoped_view_class(view_class)
        return super().construct_view(view_class, **kwargs)


class ScopedDeleteBulkAction(DeleteBulkAction):
    """Wagtail's bulk delete, where people outside the user's organisations are not even
    named among the ones that cannot be deleted."""

    @classproperty
    def models(cls):
        return [apps.get_model(label) for label in POLICIES]

    def get_actionable_objects(self):
        objects, context = super().get_actionable_objects()
        visible = set(
            policy_for(self.model)
            .filter_for_user(self.request.user, self.model.objects.all(), READ)
            .filter(pk__in=[obj.pk for obj in objects + context["items_with_no_access"]])
            .values_list("pk", flat=True)
        )
        context["items_with_no_access"] = [
            obj for obj in context["items_with_no_access"] if obj.pk in visible
        ]
        return [obj for obj in objects if obj.pk in visible], context


def portrait(request, pk):
    """A mentor's portrait from the private storage, for whoever may see the mentor."""
    from ..models import Mentor

    mentor = policy_for(Mentor).filter_for_user(request.user, Mentor.objects.all(), READ)
    mentor = mentor.filter(pk=pk).exclude(portrait="").first()
    if mentor is None:
        raise Http404
    response = FileResponse(mentor.portrait.open("rb"))
    response["Cache-Control"] = "private, no-store"
    return response
