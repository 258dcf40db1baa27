"""Queries whose SQL is made once per process and run again with each request's values.

Building a queryset and compiling it costs Django more CPU than the database spends running
it, and most of a page's queries have the same shape on every request with different ids and
days. Two ways to keep their SQL, both built through the ORM once:

* `CompiledQuery(build)` (`queries`): `build` takes ids, is called once with stand-in ids
  (numbers no row holds), and its rows (`rows`, `first`) or model instances (`objects`) come
  back for each request's ids. For queries whose only values are ids.
* Slots (`slots`): a query built with `Slot` placeholders where any typed value goes (days,
  moments, and `IdsSlot` for a list of ids of any length, sent as one value), compiled once
  per shape with `compiled(name, shape, build)` and run with `run(query, values)`.
"""

from tandem.core.compiled.queries import CompiledQuery
from tandem.core.compiled.slots import AnyOf, IdsSlot, Slot, compiled, filled, run, sql_of

__all__ = ["AnyOf", "CompiledQuery", "IdsSlot", "Slot", "compiled", "filled", "run", "sql_of"]
