"""Tandem's matching engine: pure Python and numpy, no Django (import-linter enforces it).

Bulk matching over an `Instance` (mentees, mentors, capacities, possible pairs with scores):
`solve(instance, mode="optimal" | "stable" | "max-matched", locked=..., forbidden=...)`,
then `quality_report(result)`. One pool matched to itself (peer programs, coffee rounds):
`pool_match(n, i, j, score, capacity=..., locked=..., forbidden=...)`, then `pool_quality`.
"""

from tandem.matching.engine.instance import (
    Instance,
    InstanceError,
    instance_build,
    instance_from_data,
    instance_from_json,
)
from tandem.matching.engine.pool import PoolQuality, PoolResult, pool_match, pool_quality
from tandem.matching.engine.quality import QualityReport, quality_report
from tandem.matching.engine.solve import MODES, Result, solve

__all__ = [
    "MODES",
    "Instance",
    "InstanceError",
    "PoolQuality",
    "PoolResult",
    "QualityReport",
    "Result",
    "instance_build",
    "instance_from_data",
    "instance_from_json",
    "pool_match",
    "pool_quality",
    "quality_report",
    "solve",
]
