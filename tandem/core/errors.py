"""Domain errors shared by every app: each carries the HTTP status a page or the API answers with.

Services raise them; views never turn them into responses themselves. `DomainErrorMiddleware`
(`core/middleware.py`) maps an uncaught one to the refusal page (404 for `NotFound`), and a
view that shows a form puts one that names a field back on the form (`core/forms.py`).
"""

from __future__ import annotations


class DomainError(Exception):
    """A refused operation; nothing was changed. `field` names the input it is about, if any."""

    status = 400

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def as_body(self) -> dict[str, str | None]:
        """The error as an API body: what went wrong and which field it concerns."""
        return {"detail": self.message, "field": self.field}


class NotFound(DomainError):
    """The person may not see this object (or it does not exist): the answer is a plain 404."""

    status = 404


class IllegalTransition(DomainError):
    """This move is not allowed from this state, or not for this person."""

    status = 409


class RuleBroken(DomainError):
    """A product rule stops it: a cap, a duplicate, a window, a cool-down."""

    status = 409
