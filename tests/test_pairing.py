"""«Pair everyone»: the best total score under every mentor's free places and every pair rule,
never below the curator's minimum, at least as good as greedy and as good as any assignment."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import people_builders as people
from wagtail_mentorship.models import Mentee, Mentor, MentorshipForm, MentorshipPair
from wagtail_mentorship.pairing.plan import propose
from wagtail_mentorship.people.identity import same_person
from wagtail_mentorship.people.matching import MentorPool
from wagtail_mentorship.people.pair_rules import pair_errors

TEACHERS = "Учитель – учитель"
TOPICS = [
    "математика олимпиады",
    "физика робототехника",
    "английский язык экзамены",
    "дисциплина родители",
    "программирование проекты",
]


@pytest.fixture
def teachers(db):
    return MentorshipForm.objects.get(name=TEACHERS)


def mentor(name, form, **fields):
    return people.make_mentor(
        name, forms=[form], category=Mentor.Category.TEACHER, **{"capacity": 1, **fields}
    )


def mentee(name, form, **fields):
    return people.make_mentee(
        name, forms=[form], category=Mentee.Category.TEACHER, **{"is_minor": False, **fields}
    )


def waiting():
    return Mentee.objects.without_mentor().order_by("full_name", "pk")


def pairs_of(plan) -> dict[str, str]:
    return {p.mentee.full_name: p.suggestion.mentor.full_name for p in plan.proposals}


def test_the_plan_beats_greedy_where_greedy_takes_the_mentor_another_mentee_needed(teachers):
    # A fits X (95) and Y (85); B only X (75: Y's 65 is below the minimum of 70).
    x = mentor("Икс", teachers, competencies="математика, олимпиады, физика")
    y = mentor("Игрек", teachers, competencies="математика, олимпиады")
    a = mentee("А первый", teachers, request="математика, олимпиады, физика")
    b = mentee("Б второй", teachers, request="физика")
    plan = propose(waiting(), Mentor.objects.all(), min_score=70)
    assert pairs_of(plan) == {"А первый": "Игрек", "Б второй": "Икс"}
    assert [p.suggestion.score for p in plan.proposals] == [85, 75]
    assert (plan.total, plan.greedy_total, plan.unassigned) == (160, 95, [])
    # Greedy, in the listing's order: A takes X and leaves B without a mentor.
    greedy = {p.mentee: p.greedy and p.greedy.mentor for p in plan.proposals}
    assert greedy == {a: x, b: None}
    assert y not in greedy.values()


def test_a_mentee_is_left_unassigned_rather_than_below_the_minimum(teachers):
    mentor("Химик", teachers, competencies="химия", capacity=3)
    fits = mentee("Подходит", teachers, request="химия")
    # A different form, no words in common: 0 + 0 + 5 + 10 + 10 = 25 points.
    far = mentee("Далёкий", MentorshipForm.objects.get(name="Студент – ученик"), request="танцы")
    plan = propose(waiting(), Mentor.objects.all(), min_score=40)
    assert pairs_of(plan) == {"Подходит": "Химик"}
    assert plan.unassigned == [far]
    assert plan.greedy_for(far) is None and plan.min_score == 40
    assert fits in [p.mentee for p in plan.proposals]
    # With a lower minimum the same mentee gets the mentor's other free place.
    assert pairs_of(propose(waiting(), Mentor.objects.all(), min_score=20)) == {
        "Подходит": "Химик",
        "Далёкий": "Химик",
    }


def test_a_proposal_is_worded_as_the_suggestions_page_words_it(teachers):
    mentor("Наставница", teachers, competencies="дисциплина, родители", capacity=2)
    person = mentee("Молодой Учитель", teachers, request="дисциплина в классе")
    (proposal,) = propose(waiting(), Mentor.objects.all(), min_score=0).proposals
    person = Mentee.objects.prefetch_related("preferred_forms").get(pk=person.pk)
    (suggested,) = MentorPool.load(Mentor.objects.all()).suggest(person)
    assert (proposal.suggestion.mentor, proposal.suggestion.score) == (
        suggested.mentor,
        suggested.score,
    )
    assert proposal.suggestion.form == teachers
    assert "Подходит форма: «Учитель – учитель»" in proposal.suggestion.reasons
    # The same reasons, but the places: the suggestion's now, the plan's once it is done.
    places_now = "Свободно 2 места из 2"
    places_after = "Останется 1 место из 2, если создать все предложенные пары"
    assert suggested.reasons == tuple(
        places_now if reason == places_after else reason for reason in proposal.suggestion.reasons
    )


def random_instance(seed: int, mentees: int, mentors: int, form):
    """Teachers of two schools with random requests, competencies and capacities; some
    mentors busy with a current pair, some without a form, one mentee a mentor themself."""
    rng = random.Random(seed)
    schools = [people.school(), people.school("Гимназия № 3")]
    pooled = []
    for n in range(mentors):
        pooled.append(
            people.make_mentor(
                f"Наставник {seed}-{n}",
                forms=[form] if rng.random() < 0.8 else [],
                category=Mentor.Category.TEACHER,
                organization=rng.choice(schools),
                capacity=rng.randint(1, 3),
                competencies=", ".join(rng.sample(TOPICS, 2)),
            )
        )
    for n, busy in enumerate(rng.sample(pooled, mentors // 3)):
        people.make_pair(busy, [people.make_mentee(f"Уже в паре {seed}-{n}")], status="forming")
    for n in range(mentees):
        people.make_mentee(
            f"Наставляемый {seed}-{n}",
            forms=[form] if rng.random() < 0.7 else [],
            category=Mentee.Category.TEACHER,
            organization=rng.choice(schools),
            request=rng.choice(TOPICS),
        )
    themself = pooled[0]  # a mentor who also asks for a mentor: never their own
    people.make_mentee(
        themself.full_name,
        forms=[form],
        category=Mentee.Category.TEACHER,
        organization=themself.organization,
        request=themself.competencies,
    )


def free_places() -> dict[Mentor, int]:
    mentors = Mentor.objects.with_current_mentees()
    return {m: m.capacity - m.current_mentees for m in mentors}


def best_by_brute_force(mentees, min_score: int) -> int:
    """The greatest total over every assignment, each mentee to any allowed mentor or none."""
    pool = MentorPool.load(Mentor.objects.all())
    choices = []
    for person in mentees:
        scored = pool.scored(person)
        allowed = scored.scores >= min_score
        mentors, scores = scored.mentors[allowed].tolist(), scored.scores[allowed].tolist()
        choices.append(list(zip(mentors, scores, strict=True)))
    places = [max(p.free, 0) for p in pool.mentors]
    best = 0

    def walk(n: int, total: int) -> None:
        nonlocal best
        if n == len(choices):
            best = max(best, total)
            return
        walk(n + 1, total)
        for chosen, score in choices[n]:
            if places[chosen]:
                places[chosen] -= 1
                walk(n + 1, total + score)
                places[chosen] += 1

    walk(0, 0)
    return best


@pytest.mark.parametrize("seed", range(6))
def test_the_plan_is_the_best_assignment_of_small_random_instances(teachers, seed):
    random_instance(seed, mentees=7, mentors=4, form=teachers)
    mentees = list(waiting().prefetch_related("preferred_forms"))
    plan = propose(waiting(), Mentor.objects.all(), min_score=45)
    assert plan.total == best_by_brute_force(mentees, min_score=45)
    assert plan.total >= plan.greedy_total


@pytest.mark.parametrize("seed", range(3))
def test_accepting_every_proposal_keeps_every_pair_rule(teachers, seed):
    random_instance(seed, mentees=30, mentors=10, form=teachers)
    free = free_places()
    plan = propose(waiting(), Mentor.objects.all(), min_score=40)
    assert plan.proposals and plan.total >= plan.greedy_total
    taken = {}
    for proposal in plan.proposals:
        chosen = proposal.suggestion.mentor
        taken[chosen] = taken.get(chosen, 0) + 1
        assert not same_person(chosen, proposal.mentee)
        assert proposal.suggestion.score >= 40
    assert all(count <= free[chosen] for chosen, count in taken.items())
    # The pairs the review screen would create, one by one, as the rules check them.
    for proposal in plan.proposals:
        pair = MentorshipPair(
            mentor=proposal.suggestion.mentor,
            form=proposal.suggestion.form,
            organization=proposal.mentee.organization,
            status=MentorshipPair.Status.FORMING,
        )
        assert pair_errors(pair, [proposal.mentee]) == {}
        pair.mentees = [proposal.mentee]
        pair.save()
    assert plan.total == sum(p.suggestion.score for p in plan.proposals)
    assert set(waiting()) == set(plan.unassigned)


def test_the_same_mentees_in_any_order_get_the_same_pairs(teachers):
    random_instance(7, mentees=30, mentors=8, form=teachers)
    first = pairs_of(propose(waiting(), Mentor.objects.all(), min_score=30))
    again = pairs_of(propose(waiting(), Mentor.objects.all(), min_score=30))
    backwards = pairs_of(
        propose(waiting().order_by("-full_name"), Mentor.objects.all(), min_score=30)
    )
    assert first == again == backwards
    assert len(first) > 5


def test_the_number_of_queries_does_not_grow_with_the_mentees(teachers):
    random_instance(8, mentees=50, mentors=10, form=teachers)
    queries = []
    for count in (5, 50):
        mentees = waiting()[:count]
        with CaptureQueriesContext(connection) as captured:
            plan = propose(mentees, Mentor.objects.all(), min_score=30)
            [p.suggestion.reasons for p in plan.proposals]
        queries.append(len(captured))
        assert len(plan.proposals) + len(plan.unassigned) == count
    assert queries[0] == queries[1]


def test_no_mentees_or_no_mentors_make_an_empty_plan(teachers):
    assert propose(waiting(), Mentor.objects.all(), min_score=0).proposals == []
    alone = mentee("Один", teachers)
    plan = propose(waiting(), Mentor.objects.all(), min_score=0)
    assert (plan.proposals, plan.unassigned, plan.total, plan.greedy_total) == ([], [alone], 0, 0)
