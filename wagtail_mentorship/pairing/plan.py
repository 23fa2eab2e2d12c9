"""«Pair everyone»: the plan a curator reviews, of the best pairs for all mentees at once.

``propose`` reads the mentees, the ids of their preferred forms and the pool of mentors once
(four queries, however many mentees), builds the candidates' graph, solves the assignment and
words each proposal as the suggestions page does, next to what a greedy pass gave. A
proposal's free places are those its mentor has left after the whole plan.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet

from ..models import Mentee
from ..people.matching import MentorPool, Suggestion, Wish
from .candidates import CANDIDATES, candidate_graph
from .greedy import UNASSIGNED, greedy_assignment
from .solver import best_assignment


@dataclass(frozen=True)
class Choice:
    """What the greedy pass gave a mentee, shown beside the plan's proposal: no reasons."""

    mentor: object
    score: int


@dataclass(frozen=True)
class Proposal:
    mentee: object
    suggestion: Suggestion  # the proposed mentor, score, reasons and form
    greedy: Choice | None  # what a greedy pass gave this mentee; None: no mentor


@dataclass
class Plan:
    proposals: list[Proposal]
    unassigned: list  # mentees the plan gives no mentor
    total: int  # the proposals' total score
    greedy_total: int  # the greedy pass's
    min_score: int
    greedy_of_unassigned: dict = field(default_factory=dict)  # mentee id → greedy's Choice

    def greedy_for(self, mentee) -> Choice | None:
        """What the greedy pass gave a mentee the plan leaves unassigned."""
        return self.greedy_of_unassigned.get(mentee.pk)


def preferred_form_ids(mentees, listed: list) -> dict[int, list[int]]:
    """Each mentee's preferred forms' ids, in one query of ids: thousands of form records
    would cost more than the pairing itself. A queryset is asked as a subquery, so a town's
    many thousand mentees are no list of parameters."""
    chosen = mentees.values("pk") if isinstance(mentees, QuerySet) else [m.pk for m in listed]
    found = defaultdict(list)
    rows = Mentee.preferred_forms.through.objects.filter(mentee__in=chosen)
    for mentee, form in rows.values_list("mentee_id", "mentorshipform_id"):
        found[mentee].append(form)
    return found


def propose(mentees, mentors, min_score: int, limit: int = CANDIDATES) -> Plan:
    """The best plan for ``mentees`` (the caller's scoped mentees without a mentor, in the
    order the greedy pass and the plan list them) from ``mentors`` (a scoped queryset)."""
    pool = MentorPool.load(mentors)
    listed = list(mentees)
    preferred = preferred_form_ids(mentees, listed)
    wishes = [Wish.of(mentee, preferred[mentee.pk]) for mentee in listed]
    graph = candidate_graph(wishes, pool, min_score, limit)
    best, greedy = best_assignment(graph), greedy_assignment(graph)
    taken = Counter(mentor for mentor in best.tolist() if mentor != UNASSIGNED)

    def score(mentee: int, mentor: int) -> int:
        candidates, scores = graph.of(mentee)
        return int(scores[candidates.tolist().index(mentor)])

    def suggestion(mentee: int, mentor: int) -> Suggestion | None:
        """The plan's proposal in words; its mentor's places as left once the plan is made."""
        if mentor == UNASSIGNED:
            return None
        return pool.suggestion(graph.wishes[mentee], mentor, score(mentee, mentor), taken[mentor])

    def greedy_choice(mentee: int) -> Choice | None:
        mentor = int(greedy[mentee])
        if mentor == UNASSIGNED:
            return None
        return Choice(pool.mentors[mentor].mentor, score(mentee, mentor))

    plan = Plan([], [], 0, 0, min_score)
    for n, mentee in enumerate(listed):
        proposed, given = suggestion(n, int(best[n])), greedy_choice(n)
        if proposed is None:
            plan.unassigned.append(mentee)
            if given is not None:
                plan.greedy_of_unassigned[mentee.pk] = given
        else:
            plan.proposals.append(Proposal(mentee, proposed, given))
            plan.total += proposed.score
        plan.greedy_total += given.score if given else 0
    return plan
