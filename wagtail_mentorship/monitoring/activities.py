"""Which roadmap activities a user may see, and where each stands: overdue, due soon, done."""

import datetime

from django.db.models import OuterRef, Q, Subquery, TextChoices
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from ..access.scope import scope_for
from ..models import RoadmapActivity, RoadmapPage

SOON_DAYS = 14


class ActivityState(TextChoices):
    OVERDUE = "overdue", _("Overdue")
    SOON = "soon", _("Due within 14 days")
    DONE = "done", _("Done")


def state_q(state: str, today: datetime.date) -> Q:
    """The activities in ``state`` on ``today``, as a filter."""
    done = Q(status=RoadmapActivity.Status.DONE)
    if state == ActivityState.DONE:
        return done
    if state == ActivityState.OVERDUE:
        return Q(due_date__lt=today) & ~done
    soon = today + datetime.timedelta(days=SOON_DAYS)
    return Q(due_date__gte=today, due_date__lte=soon) & ~done


def any_state_q(today: datetime.date) -> Q:
    return (
        state_q(ActivityState.OVERDUE, today)
        | state_q(ActivityState.SOON, today)
        | Q(status=RoadmapActivity.Status.DONE)
    )


def state_of(activity, today: datetime.date) -> ActivityState | None:
    if activity.status == RoadmapActivity.Status.DONE:
        return ActivityState.DONE
    if activity.due_date is None:
        return None
    if activity.due_date < today:
        return ActivityState.OVERDUE
    if activity.due_date <= today + datetime.timedelta(days=SOON_DAYS):
        return ActivityState.SOON
    return None


def visible_roadmaps(user):
    """Roadmaps of the organisations the user acts for (every one for a coordinator), and
    those whose pages the user may edit: their activities are the user's work too."""
    scope = scope_for(user)
    if scope.everything:
        return RoadmapPage.objects.all()
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(
        user, ["change", "publish"]
    )
    return RoadmapPage.objects.filter(scope.q("organization") | Q(pk__in=editable.values("pk")))


def visible_activities(user):
    """The activities of the user's roadmaps, each with its roadmap's path, id and title (by
    the stage's path: a stage is a roadmap's child), in one query."""
    roadmaps = Page.objects.filter(path=OuterRef("roadmap_path"))
    return (
        RoadmapActivity.objects.annotate(
            roadmap_path=Substr("page__path", 1, Length("page__path") - Page.steplen)
        )
        .annotate(
            roadmap_id=Subquery(roadmaps.values("pk")[:1]),
            roadmap_title=Subquery(roadmaps.values("title")[:1]),
        )
        .filter(roadmap_path__in=visible_roadmaps(user).values("path"))
        .select_related("page")
    )


def overdue_activities(user, today: datetime.date | None = None):
    return visible_activities(user).filter(
        state_q(ActivityState.OVERDUE, today or timezone.localdate())
    )


def my_activities(user, today: datetime.date | None = None):
    """The user's own activities overdue or due soon, the most pressing first."""
    today = today or timezone.localdate()
    pressing = state_q(ActivityState.OVERDUE, today) | state_q(ActivityState.SOON, today)
    return (
        visible_activities(user).filter(pressing, responsible_users=user).order_by("due_date", "pk")
    )
