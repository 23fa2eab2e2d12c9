"""The mentees' base as xlsx, as a curator downloads it, for a large base with long
questionnaires: time and the process's peak memory.

    .venv/bin/python benchmarks/export_bench.py [--people 10000] [--answers 300]

Runs against a throw-away SQLite database and prints one JSON line. The base is built in
small batches first, so that the peak measured is the export's.
"""

import argparse
import json
import resource
import time

from _django import setup


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--answers", type=int, default=300)
    args = parser.parse_args()

    setup()
    from django.test import Client

    from wagtail_mentorship.models import Mentee, Organization

    school = Organization.objects.create(name="МБОУ «СОШ № 1»")
    answer = "Ответ на вопрос анкеты, записанный полностью. " * 2
    for start in range(0, args.people, 500):
        Mentee.objects.bulk_create(
            Mentee(
                full_name=f"Ученик {n:05}",
                email=f"pupil{n}@example.org",
                organization=school,
                is_minor=False,
                questionnaire_answers={f"Вопрос {q}": answer for q in range(args.answers)},
            )
            for n in range(start, min(start + 500, args.people))
        )
    before = peak_rss_mb()

    from django.contrib.auth.models import User

    client = Client()
    client.force_login(User.objects.create_superuser("admin", "a@example.org", "x"))
    start = time.perf_counter()
    response = client.get("/admin/snippets/wagtail_mentorship/mentee/base.xlsx")
    size = (
        sum(len(chunk) for chunk in response.streaming_content)
        if response.streaming
        else len(response.content)
    )
    elapsed = time.perf_counter() - start
    assert response.status_code == 200
    print(
        json.dumps(
            {
                "people": args.people,
                "answers_each": args.answers,
                "export_s": round(elapsed, 2),
                "xlsx_mb": round(size / 2**20, 1),
                "peak_rss_before_export_mb": before,
                "peak_rss_mb": peak_rss_mb(),
            }
        )
    )


if __name__ == "__main__":
    main()
