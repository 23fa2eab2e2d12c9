"""Time to compute mentor suggestions for every mentee: 1,000 mentees × 300 mentors by default.

    .venv/bin/python benchmarks/matching_bench.py [--mentees 1000] [--mentors 300]

Builds a town's invented programme in a throw-away SQLite database: schools, a college and an
employer; mentors of every category (teachers, students, employers, pupils, graduates) with
the forms of mentorship a school gives them and, for some, preferred grades; mentees who are
pupils of classes «1А»…«11Г», college students, young specialists and teachers. Then times
what the «Наставляемые без наставника» report does: load the pool of mentors once, then rank
the mentors for each mentee. Prints one JSON line: timings, queries, the share of mentees with
at least one suggestion and the mean number of suggestions.
"""

import argparse
import json
import random
import time

from _django import setup

TOPICS = [
    "математика олимпиады",
    "физика робототехника проекты",
    "дисциплина родители классное руководство",
    "адаптация тревожность общение",
    "информатика программирование",
    "английский язык экзамены",
    "технология машиностроения чертежи практика",
    "исследовательская работа конференция",
]

# Local variants a school adds to the five default forms (migration 0002).
LOCAL_FORMS = [
    ("Учитель – ученик 5–9 классов", "Учитель", "Ученик 5–9 классов"),
    ("Педагог – молодой специалист", "Педагог", "Молодой специалист"),
    ("Выпускник – старшеклассник", "Выпускник", "Старшеклассник"),
]

# Mentor category → its share of the pool, its organisation and the forms it mentors through.
MENTORS = {
    "teacher": (
        40,
        "school",
        ["Учитель – учитель", "Педагог – молодой специалист", "Учитель – ученик 5–9 классов"],
    ),
    "student": (20, "college", ["Студент – ученик"]),
    "employer": (15, "employer", ["Работодатель – ученик", "Работодатель – студент"]),
    "pupil": (15, "school", ["Ученик – ученик"]),
    "graduate": (10, None, ["Выпускник – старшеклассник"]),
}
# What a mentor who works with pupils may write as preferred mentees; half of them write nothing.
PREFERRED_MENTEES = {
    "teacher": ["5–7 классы", "8–9 классы", "подростки"],
    "student": ["старшеклассники", "8–11 классы", "12–14 лет"],
    "employer": ["9–11 классы", "старшеклассники"],
    "pupil": ["младшие школьники", "5–6 классы"],
    "graduate": ["10–11 классы"],
}

# Mentee category → its share and its organisation.
MENTEES = {
    "pupil": (70, "school"),
    "student": (15, "college"),
    "young_specialist": (10, "school"),
    "teacher": (5, "school"),
}
GRADE_WEIGHTS = [2, 2, 3, 3, 8, 9, 10, 10, 10, 9, 8]  # grades 1–11: mentoring is mostly 5–11
COLLEGE_GROUPS = ["ТМ-21", "ИС-22", "СВ-23", "ЭЛ-24"]
SCHOOLS = 4


def weighted(rng, table):
    return rng.choices(list(table), weights=[row[0] for row in table.values()])[0]


def class_name(rng, category) -> str:
    if category == "pupil":
        return f"{rng.choices(range(1, 12), GRADE_WEIGHTS)[0]}{rng.choice('АБВГ')}"
    return rng.choice(COLLEGE_GROUPS) if category == "student" else ""


def build_organizations() -> dict:
    from wagtail_mentorship.models import Organization

    kind = Organization.Kind
    schools = Organization.objects.bulk_create(
        Organization(name=f"МБОУ «СОШ № {n}»", kind=kind.SCHOOL) for n in range(1, SCHOOLS + 1)
    )
    college = Organization.objects.create(name="ГБПОУ «Политехнический колледж»", kind=kind.COLLEGE)
    employer = Organization.objects.create(name="АО «Станкозавод»", kind=kind.EMPLOYER)
    return {"school": schools, "college": [college], "employer": [employer], None: [None]}


def build_mentors(rng, count, organizations, forms) -> None:
    from wagtail_mentorship.models import Mentor
    from wagtail_mentorship.people.form_fit import PUPIL, role_kinds

    mentors, chosen = [], []
    for n in range(count):
        category = weighted(rng, MENTORS)
        _, organization, names = MENTORS[category]
        own = rng.sample(names, rng.randint(1, min(2, len(names))))
        for_pupils = any(PUPIL in role_kinds(forms[name].mentee_role) for name in own)
        preferred = rng.choice(PREFERRED_MENTEES[category]) if rng.random() < 0.5 else ""
        mentors.append(
            Mentor(
                full_name=f"Наставник {n}",
                category=category,
                organization=rng.choice(organizations[organization]),
                status=Mentor.Status.APPROVED,
                capacity=rng.randint(1, 4),
                competencies=", ".join(rng.sample(TOPICS, 2)),
                preferred_mentees=preferred if for_pupils else "",
            )
        )
        chosen.append(own)
    through = Mentor.mentorship_forms.through
    through.objects.bulk_create(
        through(mentor_id=mentor.pk, mentorshipform_id=forms[name].pk)
        for mentor, own in zip(Mentor.objects.bulk_create(mentors), chosen, strict=True)
        for name in own
    )


def build_mentees(rng, count, organizations, forms) -> None:
    from wagtail_mentorship.models import Mentee
    from wagtail_mentorship.people.form_fit import fits_mentee

    mentees = []
    for n in range(count):
        category = weighted(rng, MENTEES)
        mentees.append(
            Mentee(
                full_name=f"Наставляемый {n}",
                category=category,
                organization=rng.choice(organizations[MENTEES[category][1]]),
                class_name=class_name(rng, category),
                is_minor=category == "pupil",
                request=rng.choice(TOPICS),
            )
        )
    preferred = Mentee.preferred_forms.through
    preferred.objects.bulk_create(
        preferred(mentee_id=mentee.pk, mentorshipform_id=rng.choice(fitting).pk)
        for mentee in Mentee.objects.bulk_create(mentees)
        # A mentee asks for a form meant for them; some leave the choice to the curator.
        if (fitting := [form for form in forms.values() if fits_mentee(form, mentee)])
        and rng.random() < 0.8
    )


def build(mentees: int, mentors: int, seed: int = 1) -> None:
    from wagtail_mentorship.models import MentorshipForm

    rng = random.Random(seed)
    MentorshipForm.objects.bulk_create(
        MentorshipForm(name=name, mentor_role=mentor_role, mentee_role=mentee_role)
        for name, mentor_role, mentee_role in LOCAL_FORMS
    )
    forms = {form.name: form for form in MentorshipForm.objects.all()}
    organizations = build_organizations()
    build_mentors(rng, mentors, organizations, forms)
    build_mentees(rng, mentees, organizations, forms)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mentees", type=int, default=1000)
    parser.add_argument("--mentors", type=int, default=300)
    args = parser.parse_args()
    setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wagtail_mentorship.models import Mentee, Mentor
    from wagtail_mentorship.people.matching import MentorPool

    build(args.mentees, args.mentors)
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        pool = MentorPool.load(Mentor.objects.all())
        mentees = list(Mentee.objects.prefetch_related("preferred_forms"))
        loaded = time.perf_counter()
        results = [pool.suggest(mentee) for mentee in mentees]
        done = time.perf_counter()
    suggestions = sum(len(r) for r in results)
    print(
        json.dumps(
            {
                "mentees": len(mentees),
                "mentors": len(pool.mentors),
                "suggestions": suggestions,
                "with_suggestions_share": round(sum(1 for r in results if r) / len(mentees), 3),
                "suggestions_mean": round(suggestions / len(mentees), 2),
                "queries": len(queries),
                "load_s": round(loaded - start, 3),
                "suggest_s": round(done - loaded, 3),
                "total_s": round(done - start, 3),
                "per_mentee_ms": round(1000 * (done - loaded) / len(mentees), 3),
            }
        )
    )


if __name__ == "__main__":
    main()
