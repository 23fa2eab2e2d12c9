"""Mentor suggestions for a mentee: a score out of 100 with the reasons behind it.

The pool of mentors is read once (two queries) and then matched against any number of
mentees in memory, so a report of every mentee without a mentor costs no more queries
than one suggestion list.
"""

import heapq
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .identity import Identity, identity_of

FORM_POINTS = 40
OVERLAP_POINTS_EACH = 10
OVERLAP_POINTS_MAX = 30
CAPACITY_POINTS = 20
ORGANIZATION_POINTS = 10

STEM_LENGTH = 5  # a crude Russian stem: «олимпиады», «олимпиадам» → «олимп»
MIN_WORD = 4
WORD = re.compile(r"[a-zа-я0-9]+")


def stems(text: str) -> dict[str, str]:
    """Stem → the first word it came from, for the words that carry meaning."""
    found = {}
    for word in WORD.findall(text.casefold().replace("ё", "е")):
        if len(word) >= MIN_WORD:
            found.setdefault(word[:STEM_LENGTH], word)
    return found


@dataclass(frozen=True)
class Suggestion:
    mentor: object
    score: int
    reasons: tuple[str, ...]
    form: object | None  # the mentorship form a pair from this suggestion gets


@dataclass
class PooledMentor:
    """A mentor with everything matching needs, computed once for the whole pool."""

    mentor: object
    forms: dict
    stems: dict
    free: int
    capacity: int
    identity: Identity

    @classmethod
    def of(cls, mentor):
        return cls(
            mentor=mentor,
            forms={form.pk: form for form in mentor.mentorship_forms.all()},
            stems=stems(f"{mentor.competencies} {mentor.interests}"),
            free=mentor.capacity - mentor.current_mentees,
            capacity=mentor.capacity,
            identity=identity_of(mentor),
        )


class MentorPool:
    def __init__(self, mentors):
        self.mentors = [PooledMentor.of(mentor) for mentor in mentors]

    @classmethod
    def load(cls, mentors):
        """The approved ones of ``mentors`` (a queryset) with their forms and how many
        mentees they have now."""
        mentors = (
            mentors.filter(status=mentors.model.Status.APPROVED)
            .select_related("organization")
            .prefetch_related("mentorship_forms")
            .with_current_mentees()
        )
        return cls(mentors)

    def suggest(self, mentee, limit: int = 5) -> list[Suggestion]:
        """The best ``limit`` mentors; the mentee's ``preferred_forms`` should be prefetched.

        Every free mentor is scored with set arithmetic only; reasons are worded for the
        few that make the list.
        """
        wanted = {form.pk: form for form in mentee.preferred_forms.all()}
        request = stems(f"{mentee.request} {mentee.expectations}")
        identity = identity_of(mentee)
        scored = (
            (self._points(pooled, mentee, wanted, request), pooled)
            for pooled in self.mentors
            if pooled.free > 0 and not pooled.identity.matches(identity)
        )
        # The mentee's own organisation first; others (a coordinator's pool) after them.
        best = heapq.nsmallest(
            limit,
            scored,
            key=lambda item: (
                not self._same_organization(item[1], mentee),
                -item[0],
                item[1].mentor.full_name,
            ),
        )
        return [self._suggestion(score, pooled, mentee, wanted, request) for score, pooled in best]

    @staticmethod
    def _same_organization(pooled, mentee) -> bool:
        return bool(mentee.organization_id) and (
            mentee.organization_id == pooled.mentor.organization_id
        )

    @staticmethod
    def _points(pooled, mentee, wanted, request) -> int:
        points = FORM_POINTS if not wanted.keys().isdisjoint(pooled.forms) else 0
        common = len(request.keys() & pooled.stems.keys())
        points += min(OVERLAP_POINTS_MAX, OVERLAP_POINTS_EACH * common)
        points += round(CAPACITY_POINTS * pooled.free / pooled.capacity)
        if MentorPool._same_organization(pooled, mentee):
            points += ORGANIZATION_POINTS
        return points

    @staticmethod
    def _suggestion(score, pooled, mentee, wanted, request) -> Suggestion:
        reasons, form = [], None
        fitting = [wanted[pk] for pk in wanted if pk in pooled.forms]
        if fitting:
            form = fitting[0]
            reasons.append(
                _("The form fits: %(forms)s") % {"forms": ", ".join(f"«{f.name}»" for f in fitting)}
            )
        elif len(pooled.forms) == 1 and not wanted:
            form = next(iter(pooled.forms.values()))
        common = sorted(request.keys() & pooled.stems.keys())
        if common:
            words = ", ".join(pooled.stems[stem] for stem in common[:5])
            reasons.append(_("The request matches the competencies: %(words)s") % {"words": words})
        reasons.append(
            ngettext(
                "%(free)s place free of %(capacity)s",
                "%(free)s places free of %(capacity)s",
                pooled.free,
            )
            % {"free": pooled.free, "capacity": pooled.capacity}
        )
        if MentorPool._same_organization(pooled, mentee):
            reasons.append(_("Same organisation"))
        return Suggestion(pooled.mentor, score, tuple(reasons), form)
