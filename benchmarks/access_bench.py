"""What scoping by organisation costs: the mentees' listing, its search and the mentor chooser
for a school's curator and for the coordinator, over a town's base.

    .venv/bin/python benchmarks/access_bench.py [--schools 10] [--per-school 1000]

Runs against a throw-away SQLite database and prints one JSON line: SQL queries and median
milliseconds of each page for each role.
"""

import argparse
import json
import statistics
import time

from _django import setup


def measure(client, url, repeat):
    from django.db import connection, reset_queries
    from django.test.utils import override_settings

    client.get(url)  # warm
    with override_settings(DEBUG=True):
        reset_queries()
        response = client.get(url)
        queries = list(connection.queries)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return {"queries": len(queries), "ms_median": round(statistics.median(times), 1)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--schools", type=int, default=10)
    parser.add_argument("--per-school", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()

    setup()
    from django.contrib.auth.models import Group, User
    from django.test import Client

    from tests.people_builders import COORDINATORS, CURATORS
    from wagtail_mentorship.models import Mentee, Mentor, MentorshipPair, Organization

    schools = Organization.objects.bulk_create(
        Organization(name=f"МБОУ «СОШ № {n}»") for n in range(1, args.schools + 1)
    )
    people = {"processing_consent_date": "2025-09-01", "processing_consent_by": "person"}
    from wagtail.search.backends import get_search_backend

    for school in schools:
        mentors = Mentor.objects.bulk_create(
            Mentor(
                full_name=f"Наставник {school.pk}-{i}",
                organization=school,
                status="approved",
                **people,
            )
            for i in range(args.per_school // 10)
        )
        mentees = Mentee.objects.bulk_create(
            Mentee(
                full_name=f"Ученик {school.pk}-{i}", organization=school, is_minor=False, **people
            )
            for i in range(args.per_school)
        )
        get_search_backend().add_bulk(Mentor, mentors)
        get_search_backend().add_bulk(Mentee, mentees)
        pairs = MentorshipPair.objects.bulk_create(
            MentorshipPair(mentor=mentor, organization=school, status="active")
            for mentor in mentors
        )
        MentorshipPair.mentees.through.objects.bulk_create(
            MentorshipPair.mentees.through(mentorshippair=pair, mentee=mentees[i])
            for i, pair in enumerate(pairs)
        )

    def login(name, group, organizations=()):
        user = User.objects.create_user(name, password="x")
        user.groups.add(Group.objects.get(name=group))
        user.mentorship_organizations.set(organizations)
        client = Client()
        client.force_login(user)
        return client

    roles = {
        "curator": login("curator", CURATORS, schools[:1]),
        "coordinator": login("coordinator", COORDINATORS),
    }
    pages = {
        "mentee_list": "/admin/snippets/wagtail_mentorship/mentee/",
        "mentee_search": "/admin/snippets/wagtail_mentorship/mentee/?q=Ученик",
        "mentor_chooser": "/admin/snippets/choose/wagtail_mentorship/mentor/?q=Наставник",
        "without_mentor": "/admin/snippets/wagtail_mentorship/mentee/without-mentor/",
    }
    result = {"schools": args.schools, "mentees": args.schools * args.per_school}
    for role, client in roles.items():
        for page, url in pages.items():
            result[f"{role}_{page}"] = measure(client, url, args.repeat)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
