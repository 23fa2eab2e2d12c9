"""Mentor suggestions for a mentee: a score out of 100 with the reasons behind it.

The pool of mentors is read once (two queries) and then matched against any number of
mentees in memory, so a report of every mentee without a mentor costs no more queries
than one suggestion list.
"""

import re
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .identity import same_person

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
    mentor: object
    form_ids: frozenset
    forms: dict
    stems: dict
    free: int
    capacity: int


class MentorPool:
    def __init__(self, mentors):
        self.mentors = []
        for mentor in mentors:
            forms = {form.pk: form for form in mentor.mentorship_forms.all()}
            self.mentors.append(
                PooledMentor(
                    mentor=mentor,
                    form_ids=frozenset(forms),
                    forms=forms,
                    stems=stems(f"{mentor.competencies} {mentor.interests}"),
                    free=mentor.capacity - mentor.current_mentees,
                    capacity=mentor.capacity,
                )
            )

    @classmethod
    def load(cls):
        """Approved mentors with their forms and how many mentees they have now."""
        from .models import Mentor, MentorshipPair

        mentors = (
            Mentor.objects.filter(status=Mentor.Status.APPROVED)
            .select_related("organization")
            .prefetch_related("mentorship_forms")
            .annotate(
                current_mentees=Count(
                    "pairs__mentees",
                    filter=Q(pairs__status__in=MentorshipPair.CURRENT_STATUSES),
                    distinct=True,
                )
            )
        )
        return cls(mentors)

    def suggest(self, mentee, limit: int = 5) -> list[Suggestion]:
        """Mentee's ``preferred_forms`` should be prefetched."""
        wanted = {form.pk: form for form in mentee.preferred_forms.all()}
        mentee_stems = stems(f"{mentee.request} {mentee.expectations}")
        suggestions = [
            suggestion
            for pooled in self.mentors
            if pooled.free > 0 and not same_person(pooled.mentor, mentee)
            for suggestion in [self._score(pooled, mentee, wanted, mentee_stems)]
        ]
        suggestions.sort(key=lambda s: (-s.score, s.mentor.full_name))
        return suggestions[:limit]

    def _score(self, pooled, mentee, wanted, mentee_stems) -> Suggestion:
        score, reasons, form = 0, [], None
        fitting = [wanted[pk] for pk in wanted if pk in pooled.form_ids]
        if fitting:
            form = fitting[0]
            score += FORM_POINTS
            reasons.append(
                _("The form fits: %(forms)s") % {"forms": ", ".join(f"«{f.name}»" for f in fitting)}
            )
        elif len(pooled.forms) == 1 and not wanted:
            form = next(iter(pooled.forms.values()))

        common = sorted(set(mentee_stems) & set(pooled.stems))
        if common:
            score += min(OVERLAP_POINTS_MAX, OVERLAP_POINTS_EACH * len(common))
            words = ", ".join(pooled.stems[stem] for stem in common[:5])
            reasons.append(_("The request matches the competencies: %(words)s") % {"words": words})

        score += round(CAPACITY_POINTS * pooled.free / pooled.capacity)
        reasons.append(
            ngettext(
                "%(free)s place free of %(capacity)s",
                "%(free)s places free of %(capacity)s",
                pooled.free,
            )
            % {"free": pooled.free, "capacity": pooled.capacity}
        )

        if mentee.organization_id and mentee.organization_id == pooled.mentor.organization_id:
            score += ORGANIZATION_POINTS
            reasons.append(_("Same organisation"))
        return Suggestion(pooled.mentor, score, tuple(reasons), form)
