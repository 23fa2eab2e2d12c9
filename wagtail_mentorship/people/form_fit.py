"""Whether a form of mentorship fits a mentor and a mentee, read from the form's roles.

Forms are data a school edits («Учитель – ученик», «Работодатель – студент»), so the kinds of
people a role means are read from its words: «Учитель» is a teacher or a young specialist,
«Ученик 8–11 классов» a pupil of those grades. A role whose words name no kind, and a person
of the category «other», are not ruled out: nothing is known against them.
"""

import re
from functools import lru_cache

from .grades import grade_of, grades_in

PUPIL, STUDENT, TEACHER, YOUNG_SPECIALIST = "pupil", "student", "teacher", "young_specialist"
EMPLOYER, GRADUATE, OTHER = "employer", "graduate", "other"

WORD = re.compile(r"\w+")
# The beginning of a role's word → the categories (of Mentor and Mentee alike) it means.
ROLE_WORDS = {
    "учени": {PUPIL},
    "школьн": {PUPIL},
    "обучающ": {PUPIL, STUDENT},
    "студент": {STUDENT},
    "учител": {TEACHER, YOUNG_SPECIALIST},
    "педагог": {TEACHER, YOUNG_SPECIALIST},
    "преподава": {TEACHER, YOUNG_SPECIALIST},
    "воспитател": {TEACHER, YOUNG_SPECIALIST},
    "руководител": {TEACHER},
    "специалист": {YOUNG_SPECIALIST},
    "работодател": {EMPLOYER},
    "предприят": {EMPLOYER},
    "выпускник": {GRADUATE},
}


# A pool's few forms are read for every mentor and mentee: their roles are parsed once.
role_grades = lru_cache(maxsize=512)(grades_in)


@lru_cache(maxsize=512)
def role_kinds(role: str) -> frozenset[str]:
    """The categories a role names; empty when its words name none."""
    words = WORD.findall(role.casefold().replace("ё", "е"))
    kinds = {
        kind
        for stem, found in ROLE_WORDS.items()
        if any(word.startswith(stem) for word in words)
        for kind in found
    }
    if role_grades(role):  # «старшеклассник», «ученик 5–7 классов»
        kinds.add(PUPIL)
    return frozenset(kinds)


def fits_role(role: str, category: str, grade: int | None = None) -> bool:
    kinds = role_kinds(role)
    if kinds and category != OTHER and category not in kinds:
        return False
    grades = role_grades(role)
    return not (grades and grade is not None and grade not in grades)


def mentee_grade(mentee) -> int | None:
    """A pupil's grade from their class; None for anyone else or a class that says none."""
    return grade_of(mentee.class_name) if mentee.category == PUPIL else None


def fits_mentor(form, mentor) -> bool:
    return fits_role(form.mentor_role, mentor.category)


def fits_mentee(form, mentee) -> bool:
    return fits_role(form.mentee_role, mentee.category, mentee_grade(mentee))
