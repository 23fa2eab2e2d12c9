"""The per-mentee greedy assignment: what a curator gets by taking each mentee's top
suggestion in turn. It is the baseline the optimal assignment is shown against.

Mentees in the order given, each takes their best candidate with a place still free. It runs
on the same candidates' graph as the solver, so the two differ in the rule alone.
"""

import numpy as np

from .candidates import CandidateGraph

UNASSIGNED = -1


def greedy_assignment(graph: CandidateGraph) -> np.ndarray:
    """Mentee ``i`` → the index of their mentor in ``graph.pool.mentors``, or ``UNASSIGNED``."""
    places = graph.free.tolist()
    chosen = np.full(len(graph.mentees), UNASSIGNED, dtype=np.int64)
    for mentee in range(len(graph.mentees)):
        for mentor in graph.of(mentee)[0].tolist():
            if places[mentor] > 0:
                places[mentor] -= 1
                chosen[mentee] = mentor
                break
    return chosen
