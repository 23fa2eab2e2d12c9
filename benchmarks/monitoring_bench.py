"""Time to build the monitoring report of a town's programme year, and its number of queries.

    .venv/bin/python benchmarks/monitoring_bench.py [--scale 1] [--repeat 5]

Builds an invented programme in a throw-away SQLite database, with ``bulk_create``: 10
organisations with their headcounts, 1,500 mentors and 3,500 mentees of every category, 2,000
pairs and groups of every form and status (some of the year before), their meetings, and the
default surveys' rounds (satisfaction, growth at the start and at the end) with 20,000 answers;
``--scale`` multiplies the people, pairs and answers. The data is added in two steps: first a
tenth, on which one report is built and its queries counted, then the rest. Prints one JSON
line: the sizes, ``queries`` of one report on all the data, ``queries_at_tenth`` and whether
the two are equal, ``report_s`` (the best of ``--repeat`` reports) and ``build_s``.
"""

import argparse
import datetime
import json
import random
import time
from collections import Counter, defaultdict, deque

from _django import setup

ORGANIZATIONS = 10
MENTORS, MENTEES, PAIRS, ANSWERS = 1500, 3500, 2000, 20000
MEETINGS_PER_PAIR = 5  # on average

# Category → share; a mentor's category names the default form (migration 0002) they mentor in.
MENTOR_CATEGORIES = {
    "teacher": (40, "Учитель – учитель"),
    "student": (20, "Студент – ученик"),
    "employer": (15, "Работодатель – ученик"),
    "pupil": (15, "Ученик – ученик"),
    "graduate": (10, None),
}
MENTEE_CATEGORIES = {"pupil": 70, "student": 15, "young_specialist": 10, "teacher": 5}
STATUSES = {"forming": 10, "active": 50, "completed": 25, "terminated": 15}
GROUP_SHARE = 0.2  # pairs that are groups of two or three mentees
LAST_YEAR_SHARE = 0.1  # pairs that ended before the year: the report leaves them out
SUBMITTED_SHARE = 0.85  # invitations answered; the others were never sent
# When each default survey's round opens: (month, day) of the programme year.
ROUND_OPENS = {"growth_start": (10, 1), "satisfaction": (3, 1), "growth_end": (5, 1)}
COMMENTS = ["Больше встреч", "Всё устраивает", "Встречи после уроков", ""]


def in_year(year: int, month: int, day: int) -> datetime.date:
    """A day of the programme year ``year``: September to December of its first calendar year."""
    return datetime.date(year + (month < 9), month, day)


def sizes(scale: float) -> dict[str, int]:
    counts = {"mentors": MENTORS, "mentees": MENTEES, "pairs": PAIRS, "answers": ANSWERS}
    return {name: max(1, round(count * scale)) for name, count in counts.items()}


def split(full: dict[str, int]) -> tuple[dict[str, int], dict[str, int]]:
    """A tenth of every size, and the rest."""
    tenth = {name: max(1, count // 10) for name, count in full.items()}
    return tenth, {name: full[name] - tenth[name] for name in full}


class Programme:
    """The organisations, forms and rounds of the year, and the people, pairs and answers added
    to them batch by batch."""

    def __init__(self, year: int, seed: int = 1):
        from wagtail_mentorship.models import (
            MentorshipForm,
            Organization,
            OrganizationHeadcount,
        )
        from wagtail_mentorship.models.surveys import Survey, SurveyRound

        self.year, self.rng, self.added = year, random.Random(seed), defaultdict(int)
        self.organizations = Organization.objects.bulk_create(
            Organization(name=f"МБОУ «Средняя школа № {n}» г. Энска", kind=Organization.Kind.SCHOOL)
            for n in range(1, ORGANIZATIONS + 1)
        )
        # Two organisations never entered their headcount: their coverage stays empty.
        OrganizationHeadcount.objects.bulk_create(
            OrganizationHeadcount(
                organization=organization,
                year=year,
                pupils=self.rng.randint(400, 1200),
                teachers=self.rng.randint(30, 90),
            )
            for organization in self.organizations[2:]
        )
        self.forms = {form.name: form for form in MentorshipForm.objects.all()}
        self.surveys = list(Survey.objects.prefetch_related("questions"))
        rounds = [
            SurveyRound(
                survey=survey,
                organization=organization,
                opens_on=(opens := in_year(year, *ROUND_OPENS[survey.stage])),
                closes_on=opens + datetime.timedelta(days=30),
            )
            for organization in self.organizations
            for survey in self.surveys
        ]
        self.rounds = {
            (round_.organization_id, round_.survey_id): round_
            for round_ in SurveyRound.objects.bulk_create(rounds)
        }
        self.mentors = defaultdict(list)  # organisation id → its mentors
        self.free_mentees = defaultdict(deque)  # organisation id → mentees in no pair yet

    def add(self, batch: dict[str, int]) -> None:
        self.add_people(batch["mentors"], batch["mentees"])
        pairs = self.add_pairs(batch["pairs"])
        self.add_meetings(pairs)
        self.add_answers(pairs, batch["answers"])

    def organization_of(self, n: int):
        return self.organizations[n % ORGANIZATIONS]

    def add_people(self, mentors: int, mentees: int) -> None:
        from wagtail_mentorship.models import Mentee, Mentor

        rng, first = self.rng, self.added["mentors"]
        categories = rng.choices(
            list(MENTOR_CATEGORIES), [w for w, _ in MENTOR_CATEGORIES.values()], k=mentors
        )
        created = Mentor.objects.bulk_create(
            Mentor(
                full_name=f"Наставник Тестовый {first + n}",
                category=category,
                organization=self.organization_of(first + n),
                status=Mentor.Status.APPROVED,
                capacity=rng.randint(1, 4),
            )
            for n, category in enumerate(categories)
        )
        for mentor in created:
            self.mentors[mentor.organization_id].append(mentor)
        first = self.added["mentees"]
        categories = rng.choices(
            list(MENTEE_CATEGORIES), list(MENTEE_CATEGORIES.values()), k=mentees
        )
        created = Mentee.objects.bulk_create(
            Mentee(
                full_name=f"Наставляемый Тестовый {first + n}",
                category=category,
                organization=self.organization_of(first + n),
                is_minor=category == "pupil",
                status=Mentee.Status.IN_PROGRAMME,
            )
            for n, category in enumerate(categories)
        )
        for mentee in created:
            self.free_mentees[mentee.organization_id].append(mentee)
        self.added["mentors"] += mentors
        self.added["mentees"] += mentees

    def dates(self, status: str) -> tuple[datetime.date | None, datetime.date | None]:
        """A pair's start and end: most within the year, some wholly the year before."""
        rng, year = self.rng, self.year
        if rng.random() < LAST_YEAR_SHARE:
            return in_year(year - 1, 9, rng.randint(1, 30)), in_year(year - 1, 5, 25)
        if status == "forming":
            return None, None  # begins on the day it was created
        start = in_year(year, rng.choice([9, 10, 11]), rng.randint(1, 28))
        if status == "completed":
            return start, in_year(year, 5, rng.randint(15, 31))
        if status == "terminated":
            return start, start + datetime.timedelta(days=rng.randint(20, 120))
        return start, None

    def add_pairs(self, count: int) -> list:
        """Pairs of an organisation's mentor and mentees: a mentee is in one pair only, so the
        database's rule of one open pair of a mentor and a mentee always holds."""
        from wagtail_mentorship.models import MentorshipPair

        rng, first, pairs, mentees = self.rng, self.added["pairs"], [], []
        statuses = rng.choices(list(STATUSES), list(STATUSES.values()), k=count)
        to_come = Counter(self.organization_of(first + n).pk for n in range(count))
        for n, status in enumerate(statuses):
            organization = self.organization_of(first + n)
            free = self.free_mentees[organization.pk]
            mentor = rng.choice(self.mentors[organization.pk])
            to_come[organization.pk] -= 1
            # A group leaves a mentee for each pair of the organisation still to come.
            wanted = rng.randint(2, 3) if rng.random() < GROUP_SHARE else 1
            size = min(wanted, len(free) - to_come[organization.pk])
            if size < 1:
                raise SystemExit(f"Too few mentees in {organization} for {count} pairs.")
            form = MENTOR_CATEGORIES[mentor.category][1]
            start_date, end_date = self.dates(status)
            pairs.append(
                MentorshipPair(
                    organization=organization,
                    mentor=mentor,
                    form=self.forms[form] if form else None,
                    status=status,
                    start_date=start_date,
                    end_date=end_date,
                )
            )
            mentees.append([free.popleft() for _ in range(size)])
        pairs = MentorshipPair.objects.bulk_create(pairs)
        through = MentorshipPair.mentees.through
        through.objects.bulk_create(
            through(mentorshippair_id=pair.pk, mentee_id=mentee.pk)
            for pair, group in zip(pairs, mentees, strict=True)
            for mentee in group
        )
        for pair, group in zip(pairs, mentees, strict=True):
            pair.group = group
        self.added["pairs"] += count
        return pairs

    def add_meetings(self, pairs: list) -> None:
        from wagtail_mentorship.models import PairMeeting

        rng, meetings = self.rng, []
        for pair in pairs:
            first = pair.start_date or in_year(self.year, 9, 1)
            days = ((pair.end_date or in_year(self.year, 8, 31)) - first).days
            meetings += [
                PairMeeting(pair=pair, date=first + datetime.timedelta(rng.randint(0, days)))
                for _ in range(rng.randint(0, 2 * MEETINGS_PER_PAIR))
            ]
        PairMeeting.objects.bulk_create(meetings, batch_size=2000)

    def add_answers(self, pairs: list, count: int) -> None:
        """Participants of pairs taken at random answer the surveys of their audience until
        ``count`` answers are given; each answered invitation answers every question."""
        from django.utils import timezone

        from wagtail_mentorship.models.surveys import (
            SurveyAnswer,
            SurveyInvitation,
            SurveyQuestion,
            SurveyRound,
        )
        from wagtail_mentorship.monitoring.surveys.tokens import expiry_for
        from wagtail_mentorship.secret_links import token_hash

        rng, now = self.rng, timezone.now()
        invitations, questions, rounds_pairs, answers = [], [], set(), 0
        for pair in rng.sample(pairs, len(pairs)):
            participants = [("mentors", {"mentor": pair.mentor})]
            participants += [("mentees", {"mentee": mentee}) for mentee in pair.group]
            for audience, person in participants:
                for survey in self.surveys:
                    if survey.audience != audience or answers >= count:
                        continue
                    round_ = self.rounds[pair.organization_id, survey.pk]
                    submitted = rng.random() < SUBMITTED_SHARE
                    invitations.append(
                        SurveyInvitation(
                            round=round_,
                            pair=pair,
                            token_hash=token_hash(f"bench-{self.added['invitations']}"),
                            expires_at=expiry_for(round_),
                            submitted_at=now if submitted else None,
                            **person,
                        )
                    )
                    self.added["invitations"] += 1
                    questions.append(list(survey.questions.all()) if submitted else [])
                    answers += len(questions[-1])
                    rounds_pairs.add((round_.pk, pair.pk))
        invitations = SurveyInvitation.objects.bulk_create(invitations, batch_size=2000)
        SurveyAnswer.objects.bulk_create(
            (
                SurveyAnswer(
                    invitation=invitation,
                    question=question,
                    value=rng.randint(1, 10)
                    if question.kind == SurveyQuestion.Kind.SCALE
                    else rng.choice(COMMENTS),
                )
                for invitation, asked in zip(invitations, questions, strict=True)
                for question in asked
            ),
            batch_size=2000,
        )
        through = SurveyRound.pairs.through
        through.objects.bulk_create(
            through(surveyround_id=round_id, mentorshippair_id=pair_id)
            for round_id, pair_id in sorted(rounds_pairs)
        )


def measure(report, repeat: int) -> tuple[int, float, object]:
    """The queries of one report and the best time of ``repeat`` more."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        result = report()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        report()
        times.append(time.perf_counter() - start)
    return len(queries), min(times), result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0, help="Fraction of the default sizes.")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    tenth, rest = split(sizes(args.scale))
    if min(tenth.values()) < ORGANIZATIONS:
        parser.error("--scale is too small: a tenth must give every organisation people and pairs")
    setup()
    from django.utils import timezone

    from wagtail_mentorship.models import Mentee, Mentor, MentorshipPair, PairMeeting
    from wagtail_mentorship.models.surveys import SurveyAnswer, SurveyInvitation
    from wagtail_mentorship.monitoring.report import programme_report, programme_year_of

    year = programme_year_of(timezone.localdate())
    start = time.perf_counter()
    programme = Programme(year)
    programme.add(tenth)
    build_s = time.perf_counter() - start

    def report():
        return programme_report(programme.organizations, year)

    queries_at_tenth, tenth_s, _ = measure(report, args.repeat)
    start = time.perf_counter()
    programme.add(rest)
    build_s += time.perf_counter() - start
    queries, report_s, result = measure(report, args.repeat)
    figures = result.organizations
    print(
        json.dumps(
            {
                "scale": args.scale,
                "year": result.label,
                "organizations": len(figures),
                "mentors": Mentor.objects.count(),
                "mentees": Mentee.objects.count(),
                "pairs": MentorshipPair.objects.count(),
                "meetings": PairMeeting.objects.count(),
                "invitations": SurveyInvitation.objects.count(),
                "answers": SurveyAnswer.objects.count(),
                # What the report found in the year: shows it read the data it was given.
                "pairs_in_year": sum(f.pairs for f in figures),
                "scale_answers_in_year": sum(m.answers for f in figures for m in f.scale_means),
                "queries": queries,
                "queries_at_tenth": queries_at_tenth,
                "queries_equal": queries == queries_at_tenth,
                "report_s": round(report_s, 4),
                "report_at_tenth_s": round(tenth_s, 4),
                "build_s": round(build_s, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
