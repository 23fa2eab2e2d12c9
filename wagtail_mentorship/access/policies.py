"""The permission policies every admin view of personal data asks.

Model permissions (Django's, managed in Wagtail's groups) say what a user may do at all; the
organisation scope (``scope.py``) says to whom. A curator sees the people of their
organisations and the partners of their organisations' pairs; they change only their own.
"""

from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from .scope import is_coordinator, scope_for

READ_ACTIONS = frozenset({"view"})
# What looking at a record takes: the right to view it, or to change it.
READ = ("view", "change")


class OrganizationScopedPolicy(ModelPermissionPolicy):
    """A model permission policy narrowed to the organisations a user acts for."""

    def scope_q(self, scope, actions) -> Q:
        """The filter of the instances in ``scope`` for any of ``actions``."""
        raise NotImplementedError

    def _scoped(self, user, actions):
        actions = [a for a in actions if self.user_has_permission(user, a)]
        if not actions:
            return None
        return self.scope_q(scope_for(user), actions)

    def filter_for_user(self, user, queryset, actions=READ):
        """``queryset`` narrowed to what ``user`` may do any of ``actions`` to."""
        q = self._scoped(user, actions)
        return queryset.none() if q is None else queryset.filter(q)

    def instances_user_has_any_permission_for(self, user, actions):
        return self.filter_for_user(user, self.model._default_manager.all(), actions)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

    def user_has_any_permission_for_instance(self, user, actions, instance):
        q = self._scoped(user, actions)
        if q is None:
            return False
        return self.model._default_manager.filter(q, pk=instance.pk).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)


class PersonPolicy(OrganizationScopedPolicy):
    """Mentors and mentees: their organisation's curators; viewing also through a pair."""

    def __init__(self, model, pair_link: str):
        super().__init__(model)
        self.pair_link = pair_link  # how a pair names the person: "mentor" or "mentees"

    def scope_q(self, scope, actions) -> Q:
        own = scope.q("organization")
        if scope.everything or not READ_ACTIONS & set(actions):
            return own
        # An uncorrelated subquery, evaluated once: a correlated EXISTS per row made the
        # curator's listing of a town's 10,000 mentees three times slower.
        paired = pair_policy.model.objects.filter(scope.q("organization")).values(self.pair_link)
        return own | Q(pk__in=paired)


class PairPolicy(OrganizationScopedPolicy):
    def scope_q(self, scope, actions) -> Q:
        return scope.q("organization")


class OrganizationPolicy(OrganizationScopedPolicy):
    """Organisations' names are no personal data: every curator may read them. A curator
    changes their own organisations; adding and deleting one is for coordinators."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete") and not is_coordinator(user):
            return False
        return super().user_has_permission(user, action)

    def scope_q(self, scope, actions) -> Q:
        if READ_ACTIONS & set(actions):
            return Q()
        return scope.q("pk")


def may_use_upload(user, upload) -> bool:
    """A spreadsheet waiting for confirmation is its uploader's alone."""
    return user.is_active and (upload.user_id == user.pk or user.is_superuser)


mentor_policy = PersonPolicy("wagtail_mentorship.Mentor", pair_link="mentor")
mentee_policy = PersonPolicy("wagtail_mentorship.Mentee", pair_link="mentees")
pair_policy = PairPolicy("wagtail_mentorship.MentorshipPair")
organization_policy = OrganizationPolicy("wagtail_mentorship.Organization")
# A survey round and its participants' links: the round's organisation, as for a pair.
survey_round_policy = PairPolicy("wagtail_mentorship.SurveyRound")


POLICIES = {
    "wagtail_mentorship.mentor": mentor_policy,
    "wagtail_mentorship.mentee": mentee_policy,
    "wagtail_mentorship.mentorshippair": pair_policy,
    "wagtail_mentorship.organization": organization_policy,
    "wagtail_mentorship.surveyround": survey_round_policy,
}


def policy_for(model) -> OrganizationScopedPolicy:
    return POLICIES[model._meta.label_lower]


def register_policies() -> None:
    """Wagtail 8 looks policies up in its registry (bulk actions, choosers, generic views);
    Wagtail 7.4 has no registry, and the viewsets name their policy themselves."""
    try:
        from wagtail.permissions import register_permission_policy
    except ImportError:
        return
    from django.apps import apps

    for label, policy in POLICIES.items():
        register_permission_policy(apps.get_model(label), policy, exact_class=True)
