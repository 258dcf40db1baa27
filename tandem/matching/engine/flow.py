"""Maximum-score and maximum-cardinality matchings as min-cost flows (OR-Tools).

Network: source → each mentee (its capacity) → each candidate mentor (one unit per pair) →
sink (the mentor's capacity). Scores become integer costs, scaled as large as the solver
allows, so the optimum over the integers is the optimum over the scores to about 1e-12.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from ortools.graph.python import max_flow, min_cost_flow

from tandem.matching.engine.instance import Instance, IntArray

MAX_UNIT_COST = 2**40


class SolverError(RuntimeError):
    """The flow solver did not reach an optimum (should not happen on a valid instance)."""


def _scaled_costs(instance: Instance, n_nodes: int) -> IntArray:
    """Negated scores as int64, scaled so that the solver's own arithmetic cannot overflow."""
    biggest = float(np.abs(instance.score).max()) if instance.n_edges else 0.0
    if biggest == 0.0:
        return np.zeros(instance.n_edges, dtype=np.int64)
    # OR-Tools multiplies costs by about the number of nodes while it scales epsilon.
    limit = min(MAX_UNIT_COST, 2**62 // ((n_nodes + 2) * 8))
    return -np.rint(instance.score * (limit / biggest)).astype(np.int64)


@dataclass(frozen=True)
class _Arcs:
    """source → mentees → mentors → sink, as parallel arrays; pair arcs start at `first_pair`."""

    tails: npt.NDArray[np.int32]
    heads: npt.NDArray[np.int32]
    capacities: IntArray
    source: int
    sink: int
    first_pair: int


def _arcs(instance: Instance) -> _Arcs:
    n_mentees, n_mentors = len(instance.mentee_ids), len(instance.mentor_ids)
    source, sink = n_mentees + n_mentors, n_mentees + n_mentors + 1
    mentors = np.arange(n_mentors, dtype=np.int32) + n_mentees
    tails = np.concatenate(
        [np.full(n_mentees, source, np.int32), instance.edge_mentee.astype(np.int32), mentors]
    )
    heads = np.concatenate(
        [
            np.arange(n_mentees, dtype=np.int32),
            instance.edge_mentor.astype(np.int32) + n_mentees,
            np.full(n_mentors, sink, np.int32),
        ]
    )
    capacities = np.concatenate(
        [instance.mentee_capacity, np.ones(instance.n_edges, np.int64), instance.mentor_capacity]
    )
    return _Arcs(tails, heads, capacities, source, sink, first_pair=n_mentees)


def _network(instance: Instance, *, bypass: bool) -> tuple[min_cost_flow.SimpleMinCostFlow, int]:
    """The min-cost-flow network; returns (solver, index of the first pair arc)."""
    arcs = _arcs(instance)
    n_mentees, n_mentors = len(instance.mentee_ids), len(instance.mentor_ids)
    costs = _scaled_costs(instance, n_mentees + n_mentors + 2)
    unit_costs = np.concatenate(
        [np.zeros(n_mentees, np.int64), costs, np.zeros(n_mentors, np.int64)]
    )
    solver = min_cost_flow.SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(arcs.tails, arcs.heads, arcs.capacities, unit_costs)
    supply = int(instance.mentee_capacity.sum())
    if bypass:
        # Flow that is better left unmatched goes straight from source to sink at no cost.
        solver.add_arc_with_capacity_and_unit_cost(arcs.source, arcs.sink, supply, 0)
        solver.set_node_supply(arcs.source, supply)
        solver.set_node_supply(arcs.sink, -supply)
    else:
        solver.set_node_supply(arcs.source, supply)
        solver.set_node_supply(arcs.sink, -int(instance.mentor_capacity.sum()))
    return solver, arcs.first_pair


def _chosen(solver: min_cost_flow.SimpleMinCostFlow, first_arc: int, n_edges: int) -> IntArray:
    flows = solver.flows(np.arange(first_arc, first_arc + n_edges, dtype=np.int32))
    return np.flatnonzero(np.asarray(flows) > 0).astype(np.int64)


def flow_max_score(instance: Instance) -> IntArray:
    """Edge indices of a matching with the largest total score under both capacities."""
    if instance.n_edges == 0:
        return np.zeros(0, dtype=np.int64)
    solver, first_arc = _network(instance, bypass=True)
    status = solver.solve()
    if status != solver.OPTIMAL:
        raise SolverError(f"min-cost flow ended with status {status}")
    return _chosen(solver, first_arc, instance.n_edges)


def flow_max_matched(instance: Instance) -> IntArray:
    """Edge indices of a largest matching, and among those one with the largest total score."""
    if instance.n_edges == 0:
        return np.zeros(0, dtype=np.int64)
    solver, first_arc = _network(instance, bypass=False)
    status = solver.solve_max_flow_with_min_cost()
    if status != solver.OPTIMAL:
        raise SolverError(f"max-flow-min-cost ended with status {status}")
    return _chosen(solver, first_arc, instance.n_edges)


def flow_max_cardinality(instance: Instance) -> int:
    """How many pairs the largest matching has (a plain max flow, for checks and reports)."""
    arcs = _arcs(instance)
    solver = max_flow.SimpleMaxFlow()
    solver.add_arcs_with_capacity(arcs.tails, arcs.heads, arcs.capacities)
    if solver.solve(arcs.source, arcs.sink) != solver.OPTIMAL:
        raise SolverError("max flow did not finish")
    return int(solver.optimal_flow())
