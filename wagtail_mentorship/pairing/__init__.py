"""Pairing every mentee without a mentor at once: the candidates' graph, the optimal
assignment, the greedy one it is compared with, and the plan a curator reviews. No views."""
