"""The demo's users, one of each role: a municipal coordinator and the curators of two
schools. Their passwords are set, and printed, by ``load_demo_content --admin``."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

COORDINATORS = "Координаторы наставничества"
CURATORS = "Кураторы наставничества"
# login → (group, the organisations they curate, as keys of the demo's organisations)
DEMO_USERS = {
    "coordinator": (COORDINATORS, ()),
    "curator-school4": (CURATORS, ("school",)),
    "curator-school7": (CURATORS, ("school_b",)),
}


def ensure_demo_users(organizations) -> None:
    User = get_user_model()
    for login, (group, keys) in DEMO_USERS.items():
        user, created = User.objects.get_or_create(
            username=login, defaults={"email": f"{login}@example.com"}
        )
        if created:
            user.set_unusable_password()
            user.save()
        user.groups.add(Group.objects.get(name=group))
        user.mentorship_organizations.set([organizations[key] for key in keys])


def reset_passwords() -> list[tuple[str, str, str]]:
    """(login, role, new password) of the admin and every demo user."""
    User = get_user_model()
    admin, _created = User.objects.get_or_create(
        username="admin", defaults={"email": "admin@example.com"}
    )
    admin.is_staff = admin.is_superuser = True
    logins = [(admin, "superuser")] + [
        (User.objects.get(username=login), group) for login, (group, _keys) in DEMO_USERS.items()
    ]
    given = []
    for user, role in logins:
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save()
        organizations = ", ".join(str(o) for o in user.mentorship_organizations.all())
        given.append(
            (user.username, f"{role}: {organizations}" if organizations else role, password)
        )
    return given
