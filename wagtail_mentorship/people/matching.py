"""Mentor suggestions for a mentee: a score out of 100 with the reasons behind it.

A mentor is suggested only through a form of mentorship that fits both of them (``form_fit``):
a teacher-for-teachers form is no way to mentor a 7th-grader, however well the rest matches.
Among those who fit, the score weighs the mentee's preferred forms, the words of the request
against the mentor's competencies, the grades the mentor prefers, free places and the
organisation.

The pool of mentors is read once (two queries) and then matched against any number of
mentees in memory, so a report of every mentee without a mentor costs no more queries
than one suggestion list.
"""

import heapq
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .consent_gaps import consent_gaps
from .form_fit import fits_mentee, fits_mentor, mentee_grade
from .grades import grades_in
from .identity import Identity, identity_of
from .phrases import Phrases

FORM_POINTS = 40
OVERLAP_POINTS_EACH = 10
OVERLAP_POINTS_MAX = 30
PREFERENCE_POINTS = 10  # half of them when the mentor states no grade or the mentee has none
CAPACITY_POINTS = 10
ORGANIZATION_POINTS = 10
MAX_SCORE = 100
assert (
    FORM_POINTS + OVERLAP_POINTS_MAX + PREFERENCE_POINTS + CAPACITY_POINTS + ORGANIZATION_POINTS
    == MAX_SCORE
)


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
    forms: dict  # preferred forms by id
    request: Phrases
    grade: int | None

    @classmethod
    def of(cls, mentee):
        return cls(
            mentee=mentee,
            forms={form.pk: form for form in mentee.preferred_forms.all()},
            request=Phrases.of(mentee.request, mentee.expectations),
            grade=mentee_grade(mentee),
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

        Every free mentor with a fitting form is scored with set arithmetic only; reasons
        are worded for the few that make the list.
        """
        wish = Wish.of(mentee)
        identity = identity_of(mentee)
        scored = []
        for pooled in self.mentors:
            if pooled.free <= 0 or pooled.identity.matches(identity):
                continue
            forms = pooled.forms_for(mentee)
            if forms is not None:
                scored.append((self._points(pooled, wish, forms), pooled, forms))
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
        return [self._suggestion(score, pooled, wish, forms) for score, pooled, forms in best]

    @staticmethod
    def _same_organization(pooled, mentee) -> bool:
        return bool(mentee.organization_id) and (
            mentee.organization_id == pooled.mentor.organization_id
        )

    @staticmethod
    def _preference_points(pooled, wish) -> int:
        if not pooled.preferred_grades or wish.grade is None:
            return PREFERENCE_POINTS // 2
        return PREFERENCE_POINTS if wish.grade in pooled.preferred_grades else 0

    @staticmethod
    def _points(pooled, wish, forms) -> int:
        wanted = any(form.pk in wish.forms for form in forms)
        points = FORM_POINTS if wanted else 0
        common = len(wish.request.stems & pooled.stems)
        points += min(OVERLAP_POINTS_MAX, OVERLAP_POINTS_EACH * common)
        points += MentorPool._preference_points(pooled, wish)
        points += round(CAPACITY_POINTS * pooled.free / pooled.capacity)
        if MentorPool._same_organization(pooled, wish.mentee):
            points += ORGANIZATION_POINTS
        return points

    @staticmethod
    def _suggestion(score, pooled, wish, forms) -> Suggestion:
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
        reasons.append(
            ngettext(
                "%(free)s place free of %(capacity)s",
                "%(free)s places free of %(capacity)s",
                pooled.free,
            )
            % {"free": pooled.free, "capacity": pooled.capacity}
        )
        if MentorPool._same_organization(pooled, wish.mentee):
            reasons.append(_("Same organisation"))
        return Suggestion(pooled.mentor, score, tuple(reasons), form, consent_gaps(pooled.mentor))

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
