"""Wagtail's bulk actions list the chosen items that a user may not act on by name; here
items a user may not even see are left out of that list, as if they did not exist.

Registered after Wagtail's own (``order``), each subclass takes the place of Wagtail's action
of the same type for its models.
"""

from django.apps import apps
from django.utils.functional import classproperty
from wagtail.documents.views.bulk_actions.add_tags import AddTagsBulkAction
from wagtail.documents.views.bulk_actions.add_to_collection import AddToCollectionBulkAction
from wagtail.documents.views.bulk_actions.delete import (
    DeleteBulkAction as DocumentDeleteBulkAction,
)
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction as SnippetDeleteBulkAction

from .collections import document_policy
from .consent_scans import neutralise_scan
from .policies import POLICIES, READ, policy_for


class HideUnseenMixin:
    def visible(self, queryset):
        raise NotImplementedError

    def get_actionable_objects(self):
        objects, context = super().get_actionable_objects()
        chosen = [obj.pk for obj in objects + list(context["items_with_no_access"])]
        seen = set(
            self.visible(self.model.objects.filter(pk__in=chosen)).values_list("pk", flat=True)
        )
        context["items_with_no_access"] = [
            item for item in context["items_with_no_access"] if item.pk in seen
        ]
        return [obj for obj in objects if obj.pk in seen], context


class PersonalDataDeleteBulkAction(HideUnseenMixin, SnippetDeleteBulkAction):
    @classproperty
    def models(cls):
        return [apps.get_model(label) for label in POLICIES]

    def visible(self, queryset):
        return policy_for(self.model).filter_for_user(self.request.user, queryset, READ)

    def check_perm(self, obj):
        # Wagtail 7.4 asks the model permission alone; the policy knows the organisations.
        return policy_for(self.model).user_has_permission_for_instance(
            self.request.user, "delete", obj
        )


class SealedDocumentsMixin(HideUnseenMixin):
    def visible(self, queryset):
        seen = document_policy().instances_user_has_any_permission_for(
            self.request.user, ["change", "choose"]
        )
        return queryset.filter(pk__in=seen.values("pk"))


class DocumentDeleteAction(SealedDocumentsMixin, DocumentDeleteBulkAction):
    pass


class DocumentAddTagsAction(SealedDocumentsMixin, AddTagsBulkAction):
    pass


class DocumentAddToCollectionAction(SealedDocumentsMixin, AddToCollectionBulkAction):
    @classmethod
    def execute_action(cls, objects, **kwargs):
        # Wagtail moves them with ``update()``, which sends no ``post_save``.
        result = super().execute_action(objects, **kwargs)
        model = cls.get_default_model()
        for document in model.objects.filter(pk__in=[obj.pk for obj in objects]):
            neutralise_scan(model, document)
        return result


BULK_ACTIONS = (
    PersonalDataDeleteBulkAction,
    DocumentDeleteAction,
    DocumentAddTagsAction,
    DocumentAddToCollectionAction,
)
