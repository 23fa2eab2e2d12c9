"""Querysets the admin, matching and reports share, so that a figure is counted one way."""

from django.db import models
from django.db.models import Count, Q


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
