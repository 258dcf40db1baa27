"""Pool matching: one pool of people matched to itself (peer programs, coffee rounds).

A maximum-score matching on a general (not bipartite) graph: nobody is paired with
themselves, person p is in at most `capacity[p]` pairs, and no pair is made twice.

One module per part, from the bottom up: `graph` (the pairs as arrays, the input checks,
components, a greedy fill), `exact` (Edmonds' blossom algorithm in rustworkx, capacities by
place copies and a gadget, small components batched), `heuristic` (past `exact_limit`
solver nodes in one component: the double-cover relaxation's bound and the exact re-solve
of a region around its fractional part), `match` (`pool_match`, `PoolResult`) and `quality`
(`pool_quality`, `PoolQuality`).

Measured on this two-core machine (bench/pool_match.py: each person's 20 best by a
clustered cosine score, about 15 pairs per person once symmetric): the exact blossom took
0.3–0.5 s at 1,000 people, 1–2.5 s at 2,000, 4–10 s at 4,000, 15 s at 6,000 and 42–82 s
at 10,000 (the spread is other jobs on the same cores), so 10,000 is too many for it. The
default `exact_limit` (5,000 solver nodes) keeps an exact solve to about 15 s at worst;
above it, at 10,000 people, the heuristic takes about 5 s and its total is 0.0067 % below
the true optimum (0.014 % below its own bound; greedy is 3.2 % below).
"""

from tandem.matching.engine.pool.match import DEFAULT_EXACT_LIMIT, PoolResult, pool_match
from tandem.matching.engine.pool.quality import PoolQuality, pool_quality

__all__ = ["DEFAULT_EXACT_LIMIT", "PoolQuality", "PoolResult", "pool_match", "pool_quality"]
