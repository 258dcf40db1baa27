"""Tandem's matching engine: pure Python and numpy, no Django (import-linter enforces it).

Bulk matching over an `Instance` (mentees, mentors, capacities, possible pairs with scores):
`solve(instance, mode="optimal" | "stable" | "max-matched", locked=..., forbidden=...)`,
then `quality_report(result)`. One pool matched to itself (peer programs, coffee rounds):
`pool_match(n, i, j, score, capacity=..., locked=..., forbidden=...)`, then `pool_quality`.

Every name below is loaded on first use, so that importing the package loads nothing: the
command line (`python -m tandem.matching.engine solve`) asks for one BLAS thread before numpy
starts its own (`__main__`), and code that needs one submodule does not pay for the others
(OR-Tools, rustworkx). The solver's module is `solver`, not `solve`, so that importing it
never binds the module over the `solve` function on the package.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tandem.matching.engine.instance import (
        Instance,
        InstanceError,
        instance_build,
        instance_from_data,
        instance_from_json,
    )
    from tandem.matching.engine.pool import PoolQuality, PoolResult, pool_match, pool_quality
    from tandem.matching.engine.quality import QualityReport, quality_report
    from tandem.matching.engine.solver import MODES, Result, solve

_WHERE = {
    "MODES": "solver",
    "Result": "solver",
    "solve": "solver",
    "Instance": "instance",
    "InstanceError": "instance",
    "PoolQuality": "pool",
    "PoolResult": "pool",
    "QualityReport": "quality",
    "instance_build": "instance",
    "instance_from_data": "instance",
    "instance_from_json": "instance",
    "pool_match": "pool",
    "pool_quality": "pool",
    "quality_report": "quality",
}

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


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value
    return value
