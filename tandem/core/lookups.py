"""`in` lookups on integer columns that skip numbers the column cannot hold.

Django already reads `id=<a number too big for the column>` (and `gt`, `lt`…) as "nothing
matches" instead of sending the number to the database (`IntegerFieldOverflow` in
django/db/models/lookups.py), but not `id__in=[…]`: there the number reaches the database
driver, and SQLite's refuses it (OverflowError: a server error). (psycopg 3 sends it to
PostgreSQL as a numeric, which compares; the lookup skips it there too, the query is the same.)
Forms hit that path with anything typed into an id field: a ModelMultipleChoiceField checks the
posted ids with `pk__in`, the admin's widgets render the chosen ones with `<field>__in`.

The lookups here do for `in` what Django does for `exact`: a number outside the column's range
can equal no row, so it is left out, and when nothing is left the condition matches nothing
(`EmptyResultSet`; under `exclude()` Django turns that into "matches everything"). They are
registered in `CoreConfig.ready` for every integer column (ids included) and for foreign keys,
whose column holds their target's values (for those `=` too, which Django leaves unbounded).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import ForeignObject, IntegerField
from django.db.models.expressions import ColPairs  # type: ignore[attr-defined]
from django.db.models.fields.related_lookups import RelatedExact, RelatedIn
from django.db.models.lookups import In
from django.db.models.sql.compiler import SQLCompiler
from django.utils.datastructures import OrderedSet


def _column_range(field: Any, connection: BaseDatabaseWrapper) -> tuple[int | None, int | None]:
    """The smallest and largest number `field`'s column holds; (None, None) when unbounded or
    not an integer column."""
    # A foreign key's column holds its target's values (a key to a key: follow it to the end).
    while field.is_relation and getattr(field, "target_field", None) not in (None, field):
        field = field.target_field
    try:
        low, high = connection.ops.integer_field_range(field.get_internal_type())
    except KeyError:  # not an integer column
        return None, None
    return low, high


class _SkipsOutOfRange(In):
    """An `in` lookup that leaves out numbers outside the column's range; on PostgreSQL, the
    list is sent as one array (`= ANY(%s)`)."""

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> Any:
        # as_sql rather than process_rhs: In.as_sql also reads the list (to split it on
        # backends with a cap on list size), so the trimmed list has to be in place first.
        if isinstance(self.lhs, ColPairs) or not self.rhs_is_direct_value():
            return super().as_sql(compiler, connection)
        low, high = _column_range(self.lhs.output_field, connection)
        kept = [value for value in self.rhs if _fits(value, low, high)]
        if not kept:
            raise EmptyResultSet
        # A trimmed copy: the lookup may be compiled again for another connection.
        lookup = self
        if len(kept) != len(self.rhs):
            lookup = self.copy()
            lookup.rhs = kept
        if connection.vendor == "postgresql":
            return lookup._as_array(compiler, connection)
        return super(_SkipsOutOfRange, lookup).as_sql(compiler, connection)

    def _as_array(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> Any:
        """`column = ANY(%s)` with the ids as one array value, which PostgreSQL reads as it
        reads `IN (…)`. One value whatever the list's length: with server-side binding a
        statement carries at most 65,535 values (an `in` over the demo's 66,000 people's rows
        failed), and the text is the same for every length, so it is prepared once."""
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        sqls, values = self.batch_process_rhs(compiler, connection, self._distinct_values())
        if any(sql != "%s" for sql in sqls):  # an expression in the list: Django's own SQL
            return super().as_sql(compiler, connection)
        return f"{lhs_sql} = ANY(%s)", (*lhs_params, list(values))

    def _distinct_values(self) -> OrderedSet[Any]:
        """The list as `In.process_rhs` reads it: each value once, None left out (it equals
        nothing); nothing left matches nothing."""
        values = OrderedSet(value for value in self.rhs if value is not None)
        if not values:
            raise EmptyResultSet
        return values


def _fits(value: object, low: int | None, high: int | None) -> bool:
    if not isinstance(value, int):
        return True  # not ours to judge (None, a string the column type reads itself)
    return (low is None or value >= low) and (high is None or value <= high)


class IntegerFieldIn(_SkipsOutOfRange):
    """`<integer column>__in=[…]`, ids included (AutoField is an IntegerField)."""


class RelatedIntegerIn(_SkipsOutOfRange, RelatedIn):
    """`<foreign key>__in=[…]`: the same, read against the column the key points to."""


class RelatedIntegerExact(RelatedExact):
    """`<foreign key>=<number>`: Django bounds `=` on an integer column but not on a foreign
    key (its lookup is RelatedExact), so a number the column cannot hold matches nothing here
    too."""

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> Any:
        if not isinstance(self.lhs, ColPairs) and self.rhs_is_direct_value():
            low, high = _column_range(self.lhs.output_field, connection)
            if not _fits(self.rhs, low, high):
                raise EmptyResultSet
        return super().as_sql(compiler, connection)


def register() -> None:
    """Put the lookups in place of Django's own `in` (called once, from CoreConfig.ready)."""
    IntegerField.register_lookup(IntegerFieldIn)
    ForeignObject.register_lookup(RelatedIntegerIn)
    ForeignObject.register_lookup(RelatedIntegerExact)
