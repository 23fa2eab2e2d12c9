"""Time to compute mentor suggestions for every mentee: 1,000 mentees × 300 mentors by default.

    .venv/bin/python benchmarks/matching_bench.py [--mentees 1000] [--mentors 300]

Builds invented people with varied forms, competencies and requests in a throw-away SQLite
database, then times what the «Наставляемые без наставника» report does: load the pool of
mentors once, then rank the mentors for each mentee. Prints one JSON line.
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


def build(mentees: int, mentors: int, seed: int = 1) -> None:
    from wagtail_mentorship.models import Mentee, Mentor, MentorshipForm

    rng = random.Random(seed)
    forms = list(MentorshipForm.objects.all())
    Mentor.objects.bulk_create(
        Mentor(
            full_name=f"Наставник {n}",
            status=Mentor.Status.APPROVED,
            capacity=rng.randint(1, 4),
            competencies=", ".join(rng.sample(TOPICS, 2)),
        )
        for n in range(mentors)
    )
    Mentee.objects.bulk_create(
        Mentee(full_name=f"Наставляемый {n}", request=rng.choice(TOPICS), is_minor=False)
        for n in range(mentees)
    )
    through = Mentor.mentorship_forms.through
    through.objects.bulk_create(
        through(mentor_id=pk, mentorshipform_id=form.pk)
        for pk in Mentor.objects.values_list("pk", flat=True)
        for form in rng.sample(forms, 2)
    )
    preferred = Mentee.preferred_forms.through
    preferred.objects.bulk_create(
        preferred(mentee_id=pk, mentorshipform_id=rng.choice(forms).pk)
        for pk in Mentee.objects.values_list("pk", flat=True)
    )


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
    print(
        json.dumps(
            {
                "mentees": len(mentees),
                "mentors": len(pool.mentors),
                "suggestions": sum(len(r) for r in results),
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
