"""Who a mentee can ask right now, and how busy each mentor is, told to matching by the apps
that know (asks, mentorships).

Matching sits below the mentorship app, so it cannot ask it directly; the mentorship app
registers providers at start-up instead (see its AppConfig.ready).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from tandem.profiles.models import Profile


@dataclass(frozen=True)
class Availability:
    """Mentor profile ids this mentee must not be offered now."""

    unavailable: frozenset[int] = frozenset()


Provider = Callable[[Profile], Availability]
# How busy each of these mentors is: 0 = free … 1 = swamped (mentors left out are free).
LoadProvider = Callable[[Collection[int]], Mapping[int, float]]
_providers: list[Provider] = []
_load_providers: list[LoadProvider] = []


def availability_provider_register(provider: Provider) -> None:
    """Add a provider once (ready() may run more than once in tests)."""
    if provider not in _providers:
        _providers.append(provider)


def load_provider_register(provider: LoadProvider) -> None:
    """Add a load provider once (ready() may run more than once in tests)."""
    if provider not in _load_providers:
        _load_providers.append(provider)


def availability_for(mentee: Profile) -> Availability:
    """Every provider's answer, merged: any exclusion counts."""
    unavailable: set[int] = set()
    for provider in _providers:
        unavailable |= provider(mentee).unavailable
    return Availability(unavailable=frozenset(unavailable))


def load_for(mentor_ids: Collection[int]) -> dict[int, float]:
    """How busy each of these mentors is (only these: the providers read no one else); the
    highest answer wins."""
    load: dict[int, float] = {}
    if not mentor_ids:
        return load
    for provider in _load_providers:
        for mentor_id, value in provider(mentor_ids).items():
            load[mentor_id] = max(load.get(mentor_id, 0.0), value)
    return load
