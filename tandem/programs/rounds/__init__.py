"""Matching rounds (PRODUCT.md F10): participants into the engine, a run a manager reviews,
edits and publishes.

One module per concept, from the bottom up: `people` (participants → engine arrays), `rules`
(the program's hard rules as vectorised filters, and their words), `build` (the candidate
graph of a 1:1 round or a pool), `figures` (quality, histogram, load, the mode comparison),
`run` (start a round, run it as a job), `edit` (lock, forbid, add a pair by hand),
`publish` (publish or discard a draft), `selectors` (what the round pages show) and `tasks`
(the job).
"""
