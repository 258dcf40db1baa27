"""The database backend `ENGINE: "tandem.core.postgresql"` names (see the package's doc)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.backends.postgresql import base, operations

# The protocol counts a statement's values in 16 bits.
MAX_VALUES = 65_535


class DatabaseOperations(operations.DatabaseOperations):
    def bulk_batch_size(self, fields: Sequence[Any], objs: Sequence[Any]) -> int:
        """Rows per statement: as many as fit under MAX_VALUES (Django's backend has no cap).

        bulk_update calls this with its per-row values named as fields (the pk twice, then
        each field), bulk_create with the fields inserted."""
        per_row = max(len(fields), 1)
        return max(min(len(objs), MAX_VALUES // per_row), 1)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
