"""Querysets the admin, matching and reports share, so that a figure is counted one way."""

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q


class MentorQuerySet(models.QuerySet):
    def with_current_mentees(self):
        """Each mentor with ``current_mentees``: the mentees of their forming or active
        pairs, each counted once however many such pairs they share."""
        pairs = self.model._meta.get_field("pairs").related_model
        return self.annotate(
            current_mentees=Count(
                "pairs__mentees",
                filter=Q(pairs__status__in=pairs.CURRENT_STATUSES),
                distinct=True,
            )
        )


class MenteeQuerySet(models.QuerySet):
    def with_current_pair(self):
        """Annotates ``has_current_pair``: the mentee is in a forming or active pair."""
        pairs = self.model._meta.get_field("pairs").related_model
        current = pairs.objects.filter(mentees=OuterRef("pk"), status__in=pairs.CURRENT_STATUSES)
        return self.annotate(has_current_pair=Exists(current))

    def without_mentor(self):
        """Mentees still in the programme (candidates or in it) who are in no forming or
        active pair: the «без наставника» report and the dashboard count the same ones."""
        waiting = (self.model.Status.CANDIDATE, self.model.Status.IN_PROGRAMME)
        return self.filter(status__in=waiting).with_current_pair().filter(has_current_pair=False)
