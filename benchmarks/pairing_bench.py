"""Time to pair every mentee without a mentor at once, and how good the pairs are.

    .venv/bin/python benchmarks/pairing_bench.py [--mentees 5000] [--mentors 1500]
        [--min-score 40] [--repeat 3]

Builds the town of ``matching_bench`` (schools, a college, an employer; mentors of every
category with capacity 1–4, forms and preferred grades; mentees of every category with their
requests and preferred forms) in a throw-away SQLite database, then times ``propose()`` on all
of it: ``propose_s`` (the best of ``--repeat``), and its steps apart: ``load_s`` (the pool and
the mentees), ``graph_s`` (each mentee's best candidates), ``solve_s`` (the assignment),
``greedy_s``. Compares the total score of the solver with the greedy pass's, and on the first
200 mentees × 60 mentors with the exact optimum of the b-matching linear programme over every
allowed pair (not only the candidates), solved by HiGHS (``scipy.optimize.linprog``): its
matrix is totally unimodular, so the optimum is integral and is the best assignment.
Prints one JSON line.
"""

import argparse
import json
import time

import numpy as np
from _django import setup
from matching_bench import build

SMALL = (200, 60)


def lp_optimum(mentees, mentors, min_score: int) -> tuple[int, bool]:
    """The greatest total score of any assignment, and whether the LP's solution is integral."""
    from scipy.optimize import linprog
    from scipy.sparse import csr_array

    from wagtail_mentorship.people.matching import MentorPool

    pool = MentorPool.load(mentors)
    rows, columns, scores = [], [], []
    for n, mentee in enumerate(mentees):
        scored = pool.scored(mentee)
        allowed = scored.scores >= min_score
        rows += [n] * int(allowed.sum())
        columns += scored.mentors[allowed].tolist()
        scores += scored.scores[allowed].tolist()
    edges = np.arange(len(scores))
    # One row per mentee (at most one mentor), then one per mentor (at most their free places).
    constraints = csr_array(
        (
            np.ones(2 * len(edges)),
            (np.concatenate((rows, len(mentees) + np.array(columns))), np.tile(edges, 2)),
        ),
        shape=(len(mentees) + len(pool.mentors), len(edges)),
    )
    limits = np.concatenate((np.ones(len(mentees)), [p.free for p in pool.mentors]))
    result = linprog(
        -np.array(scores, dtype=float), A_ub=constraints, b_ub=limits, bounds=(0, 1), method="highs"
    )
    integral = bool(np.allclose(result.x, np.round(result.x), atol=1e-6))
    return round(-result.fun), integral


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mentees", type=int, default=5000)
    parser.add_argument("--mentors", type=int, default=1500)
    parser.add_argument("--min-score", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wagtail_mentorship.models import Mentee, Mentor
    from wagtail_mentorship.pairing.candidates import candidate_graph
    from wagtail_mentorship.pairing.greedy import greedy_assignment
    from wagtail_mentorship.pairing.plan import preferred_form_ids, propose
    from wagtail_mentorship.pairing.solver import best_assignment
    from wagtail_mentorship.people.matching import MentorPool, Wish

    build(args.mentees, args.mentors)
    waiting = Mentee.objects.without_mentor().order_by("full_name", "pk")
    runs = []
    for _ in range(args.repeat):
        with CaptureQueriesContext(connection) as queries:
            plan, seconds = timed(propose, waiting.all(), Mentor.objects.all(), args.min_score)
        runs.append(seconds)

    start = time.perf_counter()
    pool = MentorPool.load(Mentor.objects.all())
    mentees = list(waiting.all())
    preferred = preferred_form_ids(waiting, mentees)
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    wishes = [Wish.of(mentee, preferred[mentee.pk]) for mentee in mentees]
    graph = candidate_graph(wishes, pool, args.min_score)
    graph_s = time.perf_counter() - start
    _, solve_s = timed(best_assignment, graph)
    _, greedy_s = timed(greedy_assignment, graph)

    few, some = SMALL
    small_mentees = Mentee.objects.filter(pk__in=[m.pk for m in mentees[:few]])
    small_mentors = Mentor.objects.filter(pk__in=[p.mentor.pk for p in pool.mentors[:some]])
    small = propose(small_mentees, small_mentors, args.min_score)
    small_mentees = list(small_mentees.prefetch_related("preferred_forms"))
    optimum, integral = lp_optimum(small_mentees, small_mentors, args.min_score)

    print(
        json.dumps(
            {
                "mentees": len(mentees),
                "mentors": len(pool.mentors),
                "places": sum(max(p.free, 0) for p in pool.mentors),
                "min_score": args.min_score,
                "edges": len(graph.scores),
                "queries": len(queries),
                "propose_s": round(min(runs), 3),
                "load_s": round(load_s, 3),
                "graph_s": round(graph_s, 3),
                "solve_s": round(solve_s, 3),
                "greedy_s": round(greedy_s, 3),
                "solver_total": plan.total,
                "greedy_total": plan.greedy_total,
                "solver_assigned": len(plan.proposals),
                "greedy_assigned": sum(
                    1
                    for mentee in [p.greedy for p in plan.proposals]
                    + [plan.greedy_for(m) for m in plan.unassigned]
                    if mentee
                ),
                "small": f"{few}x{some}",
                "small_solver_total": small.total,
                "small_greedy_total": small.greedy_total,
                "small_optimum": optimum,
                "small_lp_integral": integral,
                "solver_equals_optimum": small.total == optimum,
            }
        )
    )


if __name__ == "__main__":
    main()
