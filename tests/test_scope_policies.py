"""The organisations a user acts for, and the permission policies as Wagtail's own views ask
them (bulk actions, choosers and generic views list the records a user may act on)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.access_world import SECRET, build_world
from wagtail_mentorship.access.policies import (
    mentee_policy,
    mentor_policy,
    organization_policy,
    pair_policy,
)
from wagtail_mentorship.access.scope import scope_for
from wagtail_mentorship.importing.pipeline import run_import
from wagtail_mentorship.importing.reports import problem_lines
from wagtail_mentorship.models import Mentor, Organization

ROLES = ["editor", "curator_a", "curator_b", "coordinator", "superuser"]


@pytest.fixture
def world(db, django_user_model):
    return build_world(django_user_model)


def surnames(queryset) -> set[str]:
    return {person.full_name.split()[0] for person in queryset} & set(SECRET)


def own_surnames(world, role, model) -> set[str]:
    """The people of ``model`` in the organisations ``role`` keeps, worked out from the base."""
    user = world.users[role]
    if role in ("coordinator", "superuser"):
        people = model.objects.all()
    else:
        people = model.objects.filter(organization__in=user.mentorship_organizations.all())
    return surnames(people)


@pytest.mark.parametrize("role", ROLES)
def test_the_people_wagtails_views_list_for_each_role(world, role):
    user = world.users[role]
    for policy in (mentor_policy, mentee_policy):
        everyone = surnames(policy.model.objects.all())
        seen = policy.instances_user_has_any_permission_for(user, ["view"])
        assert surnames(seen) == world.visible_surnames(role) & everyone, policy.model
        # Changing is for their own organisations' people: a partner is read, not changed.
        changed = policy.instances_user_has_permission_for(user, "change")
        assert surnames(changed) == own_surnames(world, role, policy.model), policy.model


def test_the_pairs_and_organisations_listed_for_a_curator(world):
    curator = world.users["curator_b"]
    pairs = pair_policy.instances_user_has_permission_for(curator, "change")
    assert set(pairs) == {world.pairs["B"]}
    # Organisations' names are no personal data: read by every curator, changed by their own.
    assert set(organization_policy.instances_user_has_permission_for(curator, "view")) == set(
        Organization.objects.all()
    )
    assert set(organization_policy.instances_user_has_permission_for(curator, "change")) == {
        world.school_b
    }


def test_a_curator_cannot_delete_their_own_school(world, client):
    client.force_login(world.users["curator_a"])
    delete = reverse(
        "wagtailsnippets_wagtail_mentorship_organization:delete", args=[world.school_a.pk]
    )
    client.post(delete)
    assert Organization.objects.filter(pk=world.school_a.pk).exists()
    assert Mentor.objects.filter(organization=world.school_a).exists()


def test_the_coordinator_deletes_an_organisation(world, client):
    closed = Organization.objects.create(name="МБОУ «СОШ № 99» (закрыта)")
    client.force_login(world.users["coordinator"])
    client.post(reverse("wagtailsnippets_wagtail_mentorship_organization:delete", args=[closed.pk]))
    assert not Organization.objects.filter(pk=closed.pk).exists()


def test_a_deactivated_curator_acts_for_no_school(world):
    user_model = get_user_model()
    user_model.objects.filter(pk=world.users["curator_a"].pk).update(is_active=False)
    deactivated = user_model.objects.get(pk=world.users["curator_a"].pk)
    data = "ФИО;E-mail\nНовая Наставница;new.mentor@example.com\n".encode()
    report = run_import(
        data, "mentors.csv", "mentors", dry_run=False, user=deactivated, organization=world.school_a
    )
    assert problem_lines(report) == [
        f"Вы не ведёте «{world.school_a}»: обратитесь к её куратору или к муниципальному "
        "координатору."
    ]
    assert not Mentor.objects.filter(email="new.mentor@example.com").exists()


def test_a_users_organisations_are_read_once_per_request(world, django_assert_num_queries):
    # A listing asks the scope of every row: the organisations are read once, then kept.
    curator = get_user_model().objects.get(pk=world.users["curator_a"].pk)
    scope = scope_for(curator)
    with django_assert_num_queries(0):
        again = [scope_for(curator) for _row in range(3)]
    assert again == [scope] * 3
    assert world.school_a.pk in scope and world.school_b.pk not in scope
