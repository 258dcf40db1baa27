"""How quickly a mentor usually answers, for the mentor cards (directory, recommendations).

The answers are asks, which live in the mentorship app above this one, so that app registers
a provider at start-up (its AppConfig.ready), as it does for matching's availability. Pages ask
for a whole list of mentors at once: one query for the page, never one per card.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping
from datetime import timedelta

# Enough answers for a typical time to mean something; fewer and we say nothing.
ANSWERS_NEEDED = 3
ANSWERS_COUNTED = 10  # the most recent ones: how a mentor answers now, not years ago

Provider = Callable[[Collection[int]], Mapping[int, timedelta]]
_providers: list[Provider] = []


def response_times_provider_register(provider: Provider) -> None:
    """Add a provider once (ready() may run more than once in tests)."""
    if provider not in _providers:
        _providers.append(provider)


def response_times_for(*, mentor_ids: Collection[int]) -> dict[int, timedelta]:
    """Each mentor's typical time to answer an ask, for those who have answered enough."""
    if not mentor_ids:
        return {}
    times: dict[int, timedelta] = {}
    for provider in _providers:
        times.update(provider(mentor_ids))
    return times


def response_time_words(typical: timedelta) -> str:
    """The card's line: "Usually answers within a day", "… within 3 days", "… within 2 weeks"."""
    days = max(1, math.ceil(typical / timedelta(days=1)))
    if days == 1:
        return "Usually answers within a day"
    if days < 7:
        return f"Usually answers within {days} days"
    weeks = math.ceil(days / 7)
    if weeks == 1:
        return "Usually answers within a week"
    return f"Usually answers within {weeks} weeks"


def response_words_for(*, mentor_ids: Collection[int]) -> dict[int, str]:
    """The card's line for each mentor who has answered enough asks, by profile id."""
    times = response_times_for(mentor_ids=mentor_ids)
    return {mentor_id: response_time_words(typical) for mentor_id, typical in times.items()}
