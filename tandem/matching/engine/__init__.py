"""Tandem's matching engine: pure Python and numpy, no Django (import-linter enforces it).

Bulk matching over an `Instance` (mentees, mentors, capacities, possible pairs with scores):
`solve(instance, mode="optimal" | "stable" | "max-matched", locked=..., forbidden=...)`,
then `quality_report(result)`.
"""

from tandem.matching.engine.instance import (
    Instance,
    InstanceError,
    instance_build,
    instance_from_data,
    instance_from_json,
)
from tandem.matching.engine.quality import QualityReport, quality_report
from tandem.matching.engine.solve import MODES, Result, solve

__all__ = [
    "MODES",
    "Instance",
    "InstanceError",
    "QualityReport",
    "Result",
    "instance_build",
    "instance_from_data",
    "instance_from_json",
    "quality_report",
    "solve",
]
