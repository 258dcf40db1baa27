"""Who a mentee can ask right now, told to matching by the apps that know (asks, mentorships).

Matching sits below the mentorship app, so it cannot ask it directly; the mentorship app
registers a provider at start-up instead (see its AppConfig.ready).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from tandem.profiles.models import Profile


@dataclass(frozen=True)
class Availability:
    """Mentor profile ids this mentee must not be offered now, and how busy each mentor is."""

    unavailable: frozenset[int] = frozenset()
    load: Mapping[int, float] = field(default_factory=dict)  # 0 = free … 1 = swamped


Provider = Callable[[Profile], Availability]
_providers: list[Provider] = []


def availability_provider_register(provider: Provider) -> None:
    """Add a provider once (ready() may run more than once in tests)."""
    if provider not in _providers:
        _providers.append(provider)


def availability_for(mentee: Profile) -> Availability:
    """Every provider's answer, merged: any exclusion counts, the highest load wins."""
    unavailable: set[int] = set()
    load: dict[int, float] = {}
    for provider in _providers:
        answer = provider(mentee)
        unavailable |= answer.unavailable
        for mentor_id, value in answer.load.items():
            load[mentor_id] = max(load.get(mentor_id, 0.0), value)
    return Availability(unavailable=frozenset(unavailable), load=load)
