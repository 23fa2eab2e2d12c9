"""The organisations a user acts for: every one, or the ones they are a curator of."""

from dataclasses import dataclass

from django.db.models import Q

COORDINATOR_PERMISSION = "wagtail_mentorship.view_all_organizations"
_CACHE = "_mentorship_scope"


@dataclass(frozen=True)
class Scope:
    """``everything`` for coordinators and superusers; otherwise the organisations' ids."""

    everything: bool
    organization_ids: frozenset = frozenset()

    def __contains__(self, organization_id) -> bool:
        return self.everything or organization_id in self.organization_ids

    def q(self, path: str = "organization") -> Q:
        """Objects whose ``path`` organisation is in scope; people with none only for all."""
        if self.everything:
            return Q()
        return Q(**{f"{path}__in": self.organization_ids})


NOTHING = Scope(everything=False)


def is_coordinator(user) -> bool:
    return bool(user.is_active and (user.is_superuser or user.has_perm(COORDINATOR_PERMISSION)))


def scope_for(user) -> Scope:
    """Read once per request: the result is kept on the user object."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NOTHING
    cached = getattr(user, _CACHE, None)
    if cached is None:
        if is_coordinator(user):
            cached = Scope(everything=True)
        else:
            ids = user.mentorship_organizations.values_list("pk", flat=True)
            cached = Scope(everything=False, organization_ids=frozenset(ids))
        setattr(user, _CACHE, cached)
    return cached
