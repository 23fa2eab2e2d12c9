"""Mentor suggestions for a mentee: a score out of 100 with the reasons behind it.

A mentor is suggested only through a form of mentorship that fits both of them (``form_fit``):
a teacher-for-teachers form is no way to mentor a 7th-grader, however well the rest matches.
Among those who fit, the score weighs the mentee's preferred forms, the words of the request
against the mentor's competencies, the grades the mentor prefers, free places and the
organisation.

The pool of mentors is read once (two queries) and then matched against any number of
mentees in memory, so a report of every mentee without a mentor costs no more queries
than one suggestion list. The score itself is ``pool_scores``'s, for all mentors at once;
``candidates`` gives the pairing of everyone (``wagtail_mentorship.pairing``) the same
scores the suggestions show.
"""

from dataclasses import dataclass

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .consent_gaps import consent_gaps
from .form_fit import fits_mentee, fits_mentor, mentee_grade
from .grades import grades_in
from .identity import Identity, identity_of
from .phrases import Phrases
from .pool_scores import MAX_SCORE, PoolScores, Scored

__all__ = ["MAX_SCORE", "MentorPool", "PooledMentor", "Scored", "Suggestion", "Wish"]


@dataclass(frozen=True)
class Suggestion:
    mentor: object
    score: int
    reasons: tuple[str, ...]
    form: object | None  # the mentorship form a pair from this suggestion gets
    consent_gaps: tuple[str, ...] = ()  # what consent the mentor lacks, in words


@dataclass
class PooledMentor:
    """A mentor with everything matching needs, computed once for the whole pool."""

    mentor: object
    forms: list  # the mentor's forms whose mentor role fits them
    has_forms: bool  # a mentor with no form at all is judged by the rest
    competencies: Phrases
    interests: Phrases
    stems: frozenset
    preferred_grades: frozenset
    free: int
    capacity: int
    identity: Identity

    @classmethod
    def of(cls, mentor):
        forms = list(mentor.mentorship_forms.all())
        competencies, interests = Phrases.of(mentor.competencies), Phrases.of(mentor.interests)
        return cls(
            mentor=mentor,
            forms=[form for form in forms if fits_mentor(form, mentor)],
            has_forms=bool(forms),
            competencies=competencies,
            interests=interests,
            stems=competencies.stems | interests.stems,
            preferred_grades=grades_in(mentor.preferred_mentees),
            free=mentor.capacity - mentor.current_mentees,
            capacity=mentor.capacity,
            identity=identity_of(mentor),
        )

    def forms_for(self, mentee) -> list | None:
        """The forms through which this mentor may mentor ``mentee``; None when none fits."""
        fitting = [form for form in self.forms if fits_mentee(form, mentee)]
        return fitting if fitting or not self.has_forms else None


@dataclass(frozen=True)
class Wish:
    """What a mentee asks for, read once per mentee."""

    mentee: object
    forms: frozenset  # the ids of the preferred forms
    request: Phrases
    grade: int | None

    @classmethod
    def of(cls, mentee, form_ids=None):
        """``form_ids``: the preferred forms' ids when they were read apart (for many
        mentees, one query of ids costs less than prefetching the forms)."""
        if form_ids is None:
            form_ids = [form.pk for form in mentee.preferred_forms.all()]
        return cls(
            mentee=mentee,
            forms=frozenset(form_ids),
            request=Phrases.of(mentee.request, mentee.expectations),
            grade=mentee_grade(mentee),
        )


class MentorPool:
    def __init__(self, mentors):
        self.mentors = [PooledMentor.of(mentor) for mentor in mentors]
        self.scores = PoolScores(self.mentors)
        # Ties are listed by name, then in the pool's order (by id).
        by_name = sorted(range(len(self.mentors)), key=lambda n: self.mentors[n].mentor.full_name)
        self.name_rank = np.empty(len(self.mentors), dtype=np.int64)
        self.name_rank[by_name] = np.arange(len(self.mentors))

    @classmethod
    def load(cls, mentors):
        """The approved ones of ``mentors`` (a queryset) with their forms and how many
        mentees they have now."""
        mentors = (
            mentors.filter(status=mentors.model.Status.APPROVED)
            .select_related("organization")
            .prefetch_related("mentorship_forms")
            .with_current_mentees()
            .order_by("full_name", "pk")
        )
        return cls(mentors)

    def scored(self, mentee, wish: Wish | None = None) -> Scored:
        """Every mentor who may mentor ``mentee`` now (free, with a fitting form, not the
        mentee themself) and their scores; the mentee's ``preferred_forms`` should be
        prefetched. Suggestions and the pairing of everyone both start here."""
        return self.scores.score(wish or Wish.of(mentee), identity_of(mentee))

    @staticmethod
    def _best(rank: np.ndarray, limit: int) -> np.ndarray:
        """The positions of the ``limit`` lowest of ``rank`` (unique values), in order."""
        if len(rank) > limit:
            kept = np.argpartition(rank, limit - 1)[:limit] if limit > 0 else rank[:0]
            return kept[np.argsort(rank[kept])]
        return np.argsort(rank)

    def candidates(self, wish: Wish, limit: int, min_score: int = 0) -> Scored:
        """The best ``limit`` mentors for ``wish.mentee`` scoring at least ``min_score``,
        best first; equal scores by name."""
        mentors, scores, same = self.scored(wish.mentee, wish)
        allowed = np.flatnonzero(scores >= min_score)
        rank = (MAX_SCORE - scores[allowed]) * len(self.mentors) + self.name_rank[mentors[allowed]]
        best = allowed[self._best(rank, limit)]
        return Scored(mentors[best], scores[best], same[best])

    def suggest(self, mentee, limit: int = 5) -> list[Suggestion]:
        """The best ``limit`` mentors; the mentee's ``preferred_forms`` should be prefetched.

        Every free mentor with a fitting form is scored; reasons are worded for the few that
        make the list.
        """
        wish = Wish.of(mentee)
        scored = self.scored(mentee, wish)
        # The mentee's own organisation first; others (a coordinator's pool) after them.
        size = len(self.mentors)
        rank = (
            ~scored.same_organization * (MAX_SCORE + 1) * size
            + (MAX_SCORE - scored.scores) * size
            + self.name_rank[scored.mentors]
        )
        best = self._best(rank, limit)
        best = Scored(*(column[best] for column in scored))
        return [
            self.suggestion(wish, mentor, score)
            for mentor, score in zip(best.mentors.tolist(), best.scores.tolist(), strict=True)
        ]

    def suggestion(self, wish: Wish, mentor: int, score: int, taken: int = 0) -> Suggestion:
        """The suggestion of the pool's ``mentor`` (an index) to ``wish.mentee``, scored
        ``score``, in words. ``taken``: how many of the mentor's free places a plan of pairs
        gives (this mentee's included); its places are then worded as left after the plan."""
        pooled = self.mentors[mentor]
        return self._suggestion(score, pooled, wish, pooled.forms_for(wish.mentee), taken)

    @staticmethod
    def _same_organization(pooled, mentee) -> bool:
        return bool(mentee.organization_id) and (
            mentee.organization_id == pooled.mentor.organization_id
        )

    @staticmethod
    def _suggestion(score, pooled, wish, forms, taken=0) -> Suggestion:
        reasons = []
        wanted = [form for form in forms if form.pk in wish.forms]
        form = (wanted or forms)[0] if wanted or len(forms) == 1 else None
        if wanted:
            reasons.append(
                _("The form fits: %(forms)s") % {"forms": ", ".join(f"«{f.name}»" for f in wanted)}
            )
        elif form is not None:
            reasons.append(_("The one fitting form: «%(form)s»") % {"form": form.name})
        words = MentorPool._words_reason(pooled, wish)
        if words:
            reasons.append(words)
        if wish.grade is not None and wish.grade in pooled.preferred_grades:
            reasons.append(
                _("Prefers mentees of «%(preferred)s»: grade %(grade)s fits")
                % {"preferred": pooled.mentor.preferred_mentees.strip(), "grade": wish.grade}
            )
        reasons.append(MentorPool._places_reason(pooled, taken))
        if MentorPool._same_organization(pooled, wish.mentee):
            reasons.append(_("Same organisation"))
        return Suggestion(pooled.mentor, score, tuple(reasons), form, consent_gaps(pooled.mentor))

    @staticmethod
    def _places_reason(pooled, taken: int) -> str:
        """The mentor's free places now; with ``taken`` of them in a plan, those left after it:
        every row of a mentor who takes two mentees says the same."""
        if not taken:
            return ngettext(
                "%(free)s place free of %(capacity)s",
                "%(free)s places free of %(capacity)s",
                pooled.free,
            ) % {"free": pooled.free, "capacity": pooled.capacity}
        left = pooled.free - taken
        return ngettext(
            "%(left)s place free of %(capacity)s once every proposed pair is created",
            "%(left)s places free of %(capacity)s once every proposed pair is created",
            left,
        ) % {"left": left, "capacity": pooled.capacity}

    @staticmethod
    def _words_reason(pooled, wish) -> str:
        """The request's words and the mentor's that match, quoted as their authors typed."""
        common = wish.request.stems & pooled.stems
        if not common:
            return ""
        mentor_side = []
        competencies = pooled.competencies.quoting(common)
        if competencies:
            mentor_side.append(_("competencies: %(words)s") % {"words": ", ".join(competencies)})
        interests = pooled.interests.quoting(common)
        if interests:
            mentor_side.append(_("interests: %(words)s") % {"words": ", ".join(interests)})
        return _("Request: %(request)s — %(mentor)s") % {
            "request": ", ".join(wish.request.quoting(common)),
            "mentor": "; ".join(mentor_side),
        }
