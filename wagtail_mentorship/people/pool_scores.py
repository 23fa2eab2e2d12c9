"""The match score of one mentee against every mentor of a pool at once.

A town pairs thousands of mentees with over a thousand mentors: scoring each pair in Python
took about 6 ms per mentee (30 s for 5,000). So what a score needs of the mentors is read once
into arrays, one entry per mentor, and a mentee's scores against all of them are a few NumPy
operations. This is the one place the score is computed; ``matching`` words the reasons.
"""

from typing import NamedTuple

import numpy as np

from .form_fit import fits_mentee, mentee_grade
from .grades import GRADES

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
NO_ORGANIZATION = -1  # a mentor's
NOWHERE = -2  # a mentee's: no mentor without an organisation shares it


class Scored(NamedTuple):
    """The mentors who may mentor a mentee now, as indices into the pool, and their scores."""

    mentors: np.ndarray
    scores: np.ndarray
    same_organization: np.ndarray  # of each of ``mentors``


class Fixed(NamedTuple):
    mentors: np.ndarray
    points: np.ndarray


def capacity_points(free: int, capacity: int) -> int:
    return round(CAPACITY_POINTS * free / capacity) if capacity > 0 else 0


class PoolScores:
    """The pool's mentors as arrays; ``pooled`` are ``matching.PooledMentor``."""

    def __init__(self, pooled: list):
        self.pooled = pooled
        self.forms = list({form.pk: form for p in pooled for form in p.forms}.values())
        column = {form.pk: n for n, form in enumerate(self.forms)}
        self.has_form = np.zeros((len(pooled), len(self.forms)), dtype=bool)
        for row, p in enumerate(pooled):
            self.has_form[row, [column[form.pk] for form in p.forms]] = True
        self.form_column = column
        self.without_forms = np.array([not p.has_forms for p in pooled], dtype=bool)
        self.free = np.array([p.free > 0 for p in pooled], dtype=bool)
        self.base = np.array([capacity_points(p.free, p.capacity) for p in pooled], dtype=np.int64)
        self.organization = np.array(
            [p.mentor.organization_id or NO_ORGANIZATION for p in pooled], dtype=np.int64
        )
        self.preference = self._preference_points(pooled)
        by_stem, by_name = {}, {}
        for row, p in enumerate(pooled):
            for found in p.stems:
                by_stem.setdefault(found, []).append(row)
            by_name.setdefault(p.identity.name, []).append(row)
        self.by_stem = {found: np.array(rows) for found, rows in by_stem.items()}
        self.by_name = by_name
        self._kinds = {}  # (category, grade) → which forms fit, and who may take such a mentee
        self._fixed = {}  # (category, grade, preferred forms) → ``Fixed``

    @staticmethod
    def _preference_points(pooled) -> np.ndarray:
        """Row ``g``: each mentor's preference points for a mentee of grade ``g``; row 0 for
        a mentee with no grade."""
        points = np.full((max(GRADES) + 1, len(pooled)), PREFERENCE_POINTS // 2, dtype=np.int64)
        for row, p in enumerate(pooled):
            if p.preferred_grades:
                for grade in GRADES:
                    points[grade, row] = PREFERENCE_POINTS if grade in p.preferred_grades else 0
        return points

    def _kind(self, mentee, grade) -> tuple[np.ndarray, np.ndarray]:
        """Which of the pool's forms fit ``mentee``, and which mentors are free and have
        one (or no form at all): the same for every mentee of their category and grade."""
        key = (mentee.category, grade)
        if key not in self._kinds:
            fitting = np.array([fits_mentee(form, mentee) for form in self.forms], dtype=bool)
            may = self.free & (self.has_form[:, fitting].any(axis=1) | self.without_forms)
            self._kinds[key] = fitting, np.flatnonzero(may)
        return self._kinds[key]

    def _fixed_points(self, wish, grade) -> Fixed:
        """Who may take the mentee and the points that do not depend on their words or
        organisation: the same for every mentee of a category, grade and preferred forms, so
        a town's thousands of mentees cost a few dozen of these."""
        key = (wish.mentee.category, grade, wish.forms)
        if key not in self._fixed:
            fitting, mentors = self._kind(wish.mentee, grade)
            points = self.base[mentors] + self.preference[grade or 0, mentors]
            wanted = fitting.copy()
            wanted[[n for pk, n in self.form_column.items() if pk not in wish.forms]] = False
            if wanted.any():
                points += FORM_POINTS * self.has_form[np.ix_(mentors, wanted)].any(axis=1)
            self._fixed[key] = Fixed(mentors, points)
        return self._fixed[key]

    def score(self, wish, identity) -> Scored:
        """``wish`` is ``matching.Wish``: every free mentor with a fitting form (or with no
        form at all), but never the mentee themself."""
        mentee = wish.mentee
        mentors, points = self._fixed_points(wish, mentee_grade(mentee))
        common = [self.by_stem[found] for found in wish.request.stems if found in self.by_stem]
        if common:
            counts = np.bincount(np.concatenate(common), minlength=len(self.pooled))[mentors]
            points = points + np.minimum(OVERLAP_POINTS_MAX, OVERLAP_POINTS_EACH * counts)
        same = self.organization[mentors] == (mentee.organization_id or NOWHERE)
        points = points + ORGANIZATION_POINTS * same
        themself = [
            row
            for row in self.by_name.get(identity.name, ())
            if self.pooled[row].identity.matches(identity)
        ]
        if themself:
            others = ~np.isin(mentors, themself)
            mentors, points, same = mentors[others], points[others], same[others]
        return Scored(mentors, points, same)
