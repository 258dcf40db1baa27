"""A bulk-matching instance: mentees, mentors, their capacities and the possible pairs.

`model` holds the arrays; `parse` reads the command line's INSTANCE.json; `checks` finds the
first problem in it with array operations.
"""

from tandem.matching.engine.instance.model import (
    FloatArray,
    Instance,
    InstanceError,
    IntArray,
    instance_build,
)
from tandem.matching.engine.instance.parse import instance_from_data, instance_from_json

__all__ = [
    "FloatArray",
    "Instance",
    "InstanceError",
    "IntArray",
    "instance_build",
    "instance_from_data",
    "instance_from_json",
]
