"""The assignment of mentees to mentors with the greatest total score.

Each mentor takes at most their free places, each mentee at most one mentor, and only along
the candidates' graph (so never below the curator's minimum score). This is a maximum-weight
b-matching; it becomes a plain assignment problem when a mentor with ``f`` free places is ``f``
columns (capacities are small: 1–4, at most 50) and each mentee gets a private «unassigned»
column. SciPy's ``min_weight_full_bipartite_matching`` (LAPJVsp, the sparse Jonker–Volgenant
algorithm) then finds a matching of every mentee of least weight on the sparse matrix:

- an edge of score ``s`` weighs ``MAX_SCORE + 1 - s`` and «unassigned» ``MAX_SCORE + 1``, so
  every weight is positive (a sparse matrix cannot hold a zero), a full matching always
  exists, and least weight is greatest score: leaving a mentee out costs what the score of
  their mentor would have saved;
- equal totals are told apart by each mentee's rank of their mentor among their candidates
  (the order suggestions show: score, then name), on a scale where no sum of ranks outweighs
  one point of score, and the rows are in the mentees' id order: the same mentees and mentors
  always give the same pairs, whatever order they came in.

Why SciPy and not OR-tools' min-cost flow: both are exact and well kept, but OR-tools brings
protobuf, pandas and absl with it into a Wagtail site, while SciPy needs NumPy alone; the
matching is solved in a fraction of a second for 5,000 mentees × 1,500 mentors.
"""

import numpy as np

from ..people.matching import MAX_SCORE
from .candidates import CandidateGraph
from .greedy import UNASSIGNED


def best_assignment(graph: CandidateGraph) -> np.ndarray:
    """Mentee ``i`` → the index of their mentor in ``graph.pool.mentors``, or ``UNASSIGNED``."""
    # Imported here: SciPy adds some 35 MB to every app process and task worker, for a
    # page a coordinator opens a few times a year.
    from scipy.sparse import csr_array
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    count = len(graph.mentees)
    chosen = np.full(count, UNASSIGNED, dtype=np.int64)
    if count == 0:
        return chosen
    degree = np.diff(graph.starts)
    worst_rank = int(degree.max())  # «unassigned» ranks below every candidate
    scale = count * (worst_rank + 1) + 1  # more than any sum of ranks

    # A mentor needs no more columns than mentees who might take them.
    mentors = len(graph.pool.mentors)
    wanted = np.bincount(graph.mentors, minlength=mentors)
    slots = np.minimum(np.maximum(graph.free, 0), wanted)
    first_slot = np.concatenate(([0], np.cumsum(slots)[:-1]))
    owner = np.concatenate((np.repeat(np.arange(mentors), slots), np.full(count, UNASSIGNED)))

    # Rows in the mentees' id order: an order the caller cannot change.
    row_of = np.empty(count, dtype=np.int64)
    row_of[np.argsort([mentee.pk for mentee in graph.mentees], kind="stable")] = np.arange(count)
    edge_mentee = np.repeat(np.arange(count), degree)
    rank = np.arange(len(graph.mentors)) - graph.starts[edge_mentee]
    weight = (MAX_SCORE + 1 - graph.scores) * scale + rank

    # Each edge once per slot of its mentor.
    copies = slots[graph.mentors]
    edge = np.repeat(np.arange(len(graph.mentors)), copies)
    nth = np.arange(len(edge)) - np.repeat(np.cumsum(copies) - copies, copies)
    total_slots = int(slots.sum())
    rows = np.concatenate((row_of[edge_mentee[edge]], row_of))
    columns = np.concatenate((first_slot[graph.mentors[edge]] + nth, total_slots + row_of))
    weights = np.concatenate((weight[edge], np.full(count, (MAX_SCORE + 1) * scale + worst_rank)))
    matrix = csr_array(
        (weights.astype(np.float64), (rows, columns)), shape=(count, total_slots + count)
    )

    matched_rows, matched_columns = min_weight_full_bipartite_matching(matrix)
    mentee_of_row = np.argsort(row_of)
    chosen[mentee_of_row[matched_rows]] = owner[matched_columns]
    return chosen
