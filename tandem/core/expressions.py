"""A column's identity without `inspect`: the same value Django computes, a twentieth of the cost.

Compiling an ordered query hashes every selected column (the compiler looks each ORDER BY
term up among them), and a column's hash is its `identity`, which Django's `Expression` works
out by binding the constructor's arguments to its signature through `inspect`. A query with
a few `select_related` models selects a hundred columns: the inbox's one query spent a quarter
of its CPU there, and all pages together about 6 % (bench/pages.py --profile). Django's ticket
#34631 proposed a faster `Col.identity` and was closed without it; this is the same idea,
giving exactly the tuple the generic code gives (tandem/core/tests/test_expressions.py).
"""

from __future__ import annotations

from typing import Any

from django.db.models.expressions import Col, Expression
from django.utils.functional import cached_property

# Col.__init__(self, alias, target, output_field=None), in order.
_ARGUMENTS = ("alias", "target", "output_field")
_generic = Expression.identity.func  # type: ignore[attr-defined]


def _col_identity(self: Col) -> tuple[Any, ...]:
    if type(self) is not Col:  # a subclass may take other arguments: Django's own way
        return _generic(self)
    args, kwargs = self._constructor_args  # type: ignore[attr-defined]  # @deconstructible's
    values = {**dict(zip(_ARGUMENTS, args, strict=False)), **kwargs}
    of = Expression._identity  # type: ignore[attr-defined]  # what the generic code applies
    return (Col, *((name, of(values.get(name))) for name in _ARGUMENTS))


def install() -> None:
    """Give `Col` the fast identity (once; from CoreConfig.ready)."""
    if getattr(Col.__dict__.get("identity"), "func", None) is _col_identity:
        return
    identity = cached_property(_col_identity)
    identity.__set_name__(Col, "identity")
    Col.identity = identity  # type: ignore[assignment]
