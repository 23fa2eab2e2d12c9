"""The consents' collection is sealed: rights that a group holds on a parent collection stop
at it, so an editor with rights on the root collection neither sees, moves nor downloads a
scanned consent. Only permissions granted on the sealed collection itself count inside it.

Wagtail extends a collection permission to every child collection and offers no setting to
stop it, so Wagtail's document permission policy is extended here: on Wagtail 8 a subclass
is registered for the document model; on Wagtail 7.4, which has no policy registry, the one
policy object that every document view imports gets the subclass as its class.
"""

from django.db.models import Q
from wagtail.documents import get_document_model
from wagtail.models import Collection

from .policies import mentee_policy, mentor_policy, policy_for
from .private_documents import get_private_collection
from .scope import scope_for


def sealed_collections() -> list:
    collection = get_private_collection()
    return [collection] if collection is not None else []


def _sealed_between(granted, collection, sealed) -> bool:
    """A sealed collection strictly below ``granted`` and at or above ``collection``."""
    return any(
        len(seal.path) > len(granted.path)
        and seal.path.startswith(granted.path)
        and collection.path.startswith(seal.path)
        for seal in sealed
    )


def sealed_q() -> Q:
    """Documents in (or below) a sealed collection: by collection ids, which search backends
    can filter on too."""
    ids = []
    for seal in sealed_collections():
        ids += Collection.objects.descendant_of(seal, inclusive=True).values_list("pk", flat=True)
    return Q(collection_id__in=ids)


def visible_scans_q(user) -> Q:
    """The scans a user may see inside the sealed collection: their own uploads and the
    consents of their organisations' people. Coordinators and superusers see every scan."""
    if scope_for(user).everything:
        return Q()
    linked = []
    for model in (
        mentor_policy.model,
        mentee_policy.model,
    ):  # own organisations' people: not a partner school's
        people = policy_for(model).filter_for_user(user, model.objects.all(), ("change",))
        linked += people.exclude(processing_consent_document=None).values_list(
            "processing_consent_document", flat=True
        )
    return Q(uploaded_by_user=user) | Q(pk__in=linked)


class SealedCollectionsMixin:
    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        return instances.filter(~sealed_q() | visible_scans_q(user))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not super().user_has_any_permission_for_instance(user, actions, instance):
            return False
        return may_see_document(user, instance)

    def _check_perm(self, user, actions, collection=None):
        if collection is None or not user.is_active or user.is_superuser:
            return super()._check_perm(user, actions, collection)
        sealed = sealed_collections()
        if not user.is_authenticated:
            return False
        return any(
            collection.path.startswith(permission.collection.path)
            and not _sealed_between(permission.collection, collection, sealed)
            for permission in self._get_user_permission_objects_for_actions(user, actions)
        )

    def _collections_with_perm(self, user, actions):
        sealed = sealed_collections()
        collections = Collection.objects.none()
        for permission in self._get_user_permission_objects_for_actions(user, actions):
            granted = permission.collection
            reach = Collection.objects.descendant_of(granted, inclusive=True)
            for seal in sealed:
                if len(seal.path) > len(granted.path) and seal.path.startswith(granted.path):
                    reach = reach.exclude(path__startswith=seal.path)
            collections |= reach
        return collections

    def _users_with_perm_filter(self, actions, collection=None):
        if collection is None:
            return super()._users_with_perm_filter(actions, collection)
        seals = [s for s in sealed_collections() if collection.path.startswith(s.path)]
        if not seals:
            return super()._users_with_perm_filter(actions, collection)
        innermost = max(seals, key=lambda seal: len(seal.path))
        ancestors = collection.get_ancestors(inclusive=True).filter(depth__gte=innermost.depth)
        permissions = self._get_permission_objects_for_actions(actions)
        return Q(is_active=True) & (
            Q(is_superuser=True)
            | Q(
                groups__collection_permissions__permission__in=permissions,
                groups__collection_permissions__collection__in=ancestors,
            )
        )


def may_see_document(user, document) -> bool:
    """Outside the sealed collections, Wagtail's rules; inside, only ``visible_scans_q``."""
    model = type(document)
    if not model.objects.filter(sealed_q(), pk=document.pk).exists():
        return True
    return (
        user.is_authenticated
        and model.objects.filter(visible_scans_q(user), pk=document.pk).exists()
    )


def document_policy():
    """Wagtail's document policy (sealed by ``seal_document_collections``), on 8 and 7.4."""
    from wagtail import permissions

    if hasattr(permissions, "policy_registry"):
        return permissions.policy_registry.get_by_type(get_document_model())
    from wagtail.documents.permissions import permission_policy  # Wagtail 7.4

    return permission_policy


def sealed_policy_class(policy_class):
    return type(f"Sealed{policy_class.__name__}", (SealedCollectionsMixin, policy_class), {})


def seal_document_collections() -> None:
    from wagtail import permissions

    if hasattr(permissions, "register_permission_policy"):  # Wagtail 8
        from wagtail.documents import get_permission_policy

        policy = get_permission_policy()  # a fresh instance of Wagtail's own policy
        policy.__class__ = sealed_policy_class(type(policy))
        permissions.register_permission_policy(get_document_model(), policy, exact_class=True)
        return
    from wagtail.documents.permissions import permission_policy  # Wagtail 7.4

    if not isinstance(permission_policy, SealedCollectionsMixin):
        permission_policy.__class__ = sealed_policy_class(type(permission_policy))
