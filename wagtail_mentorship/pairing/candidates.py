"""The sparse graph of pairing: each mentee's best candidate mentors and their scores.

A mentee is joined only to the mentors a new «forming» pair with them may have: free places,
a fitting form, never the mentee themself (``MentorPool.scored``, the scoring of suggestions),
and at least the curator's minimum score. A mentee already in a current pair is no mentee
without a mentor, so the rule against a second pair with the same mentor holds by the
caller's choice of mentees. Only the best ``limit`` of each mentee are kept: the assignment
runs on about 25 edges per mentee, not on every mentee × every mentor.
"""

from dataclasses import dataclass

import numpy as np

from ..people.matching import MentorPool, Wish

CANDIDATES = 25


@dataclass(frozen=True)
class CandidateGraph:
    """Mentee ``i``'s candidates are ``mentors[starts[i]:starts[i + 1]]`` (indices into
    ``pool.mentors``), best first, with their ``scores``."""

    pool: MentorPool
    wishes: list[Wish]  # what each mentee asks for; ``wish.mentee`` is the mentee
    starts: np.ndarray
    mentors: np.ndarray
    scores: np.ndarray

    @property
    def mentees(self) -> list:
        return [wish.mentee for wish in self.wishes]

    def of(self, mentee: int) -> tuple[np.ndarray, np.ndarray]:
        edges = slice(self.starts[mentee], self.starts[mentee + 1])
        return self.mentors[edges], self.scores[edges]

    @property
    def free(self) -> np.ndarray:
        """Each pooled mentor's free places."""
        return np.array([pooled.free for pooled in self.pool.mentors], dtype=np.int64)


def candidate_graph(
    wishes: list[Wish], pool: MentorPool, min_score: int, limit: int = CANDIDATES
) -> CandidateGraph:
    found = [pool.candidates(wish, limit, min_score) for wish in wishes]
    sizes = [len(candidates.mentors) for candidates in found]
    starts = np.zeros(len(wishes) + 1, dtype=np.int64)
    np.cumsum(sizes, out=starts[1:])

    def joined(column: str) -> np.ndarray:
        parts = [getattr(candidates, column) for candidates in found]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    return CandidateGraph(pool, wishes, starts, joined("mentors"), joined("scores"))
