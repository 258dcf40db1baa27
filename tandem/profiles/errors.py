"""The profile app's refusal, shared by its services."""

from __future__ import annotations

from tandem.core.errors import DomainError


class ProfileError(DomainError):
    """A profile change that breaks a rule (bad input, 400); `field` names the form field."""
