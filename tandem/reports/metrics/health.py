"""Pair health (issue 12): how the program's live mentorships are going as things stand today,
and the pairs that may need a word from the program, worst first.

The health is the one the pairs see themselves (`tandem.meetings.health`): the same rules and
the same reasons, worded to the pair, so what a manager reads is exactly what the pair reads on
their own page. Nothing private is shown: no note, no feedback text, only names, dates, the
status and those reasons.

Costs a fixed number of queries whatever the number of pairs: the live pairs (one values_list),
the health of all the program's live pairs in one batch (the pairs a subquery in it; kept in
the cache for ten minutes, see `_program_healths`), and the names of the pairs listed (one
select_related).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import cast

from django.core.cache import cache
from django.utils import timezone
from django.utils.dateformat import time_format
from django.utils.timezone import localtime

from tandem.core.charts import Chart, Series, Table
from tandem.meetings.health.rules import HEALTH_STATES, LABELS, Health, Status
from tandem.meetings.health.selectors import health_for
from tandem.programs.models import Match
from tandem.reports.metrics.base import Figure, Section
from tandem.reports.privacy import MIN_GROUP, Count, gives_away, partition
from tandem.reports.scope import Scope

KEY = "health"
TEMPLATE = "reports/sections/health.html"
LISTED_AT_MOST = 50
HEALTH_SECONDS = 600  # how long a program's pair health is kept before it is judged again
ORDER: tuple[Status, ...] = ("on_track", "needs_attention", "at_risk", "paused")
WORRIES: tuple[Status, ...] = ("at_risk", "needs_attention")  # listed in this order


@dataclass(frozen=True)
class PairRow:
    """One pair that may need a word: who, since when, and what their own page tells them."""

    match_id: int
    mentee: str
    mentor: str
    matched_on: date
    status: Status
    label: str
    reasons: list[str]


@dataclass(frozen=True)
class PairList:
    pairs: list[PairRow]
    more: Count  # pairs that needed a word beyond the ones listed


def health_section(scope: Scope) -> Section | None:
    """None for peer and coffee programs: they make no mentorships, so no pair has a health."""
    if scope.program.is_pool:
        return None
    running = scope.pairs.filter(mentorship__state__in=HEALTH_STATES).order_by()
    live = list(running.values_list("mentorship_id", "pk", "created_at"))
    program_healths, judged_at = _program_healths(scope)
    healths = {m: program_healths[m] for m, _pk, _at in live if m in program_healths}
    counts = Counter(health.status for health in healths.values())
    total, parts = _parts(counts)

    # Worst first, then the pairs matched longest ago, so the list is the same on every load.
    worried = sorted(
        (WORRIES.index(healths[m].status), created, pk, m)
        for m, pk, created in live
        if m in healths and healths[m].status in WORRIES
    )
    listed = worried[:LISTED_AT_MOST]
    names = _names([pk for _, _, pk, _ in listed])
    rows = [
        PairRow(
            match_id=pk,
            mentee=names[pk][0],
            mentor=names[pk][1],
            matched_on=created.date(),
            status=healths[m].status,
            label=healths[m].label,
            reasons=healths[m].reasons,
        )
        for _, created, pk, m in listed
    ]
    return Section(
        key=KEY,
        title="How the pairs are going",
        intro=(
            "Active and paused mentorships as things stand today, judged as the pairs see it on "
            "their own page. The date range does not change this section; the people filters do. "
            f"Worked out at {time_format(localtime(judged_at), 'H:i')}, again every "
            f"{HEALTH_SECONDS // 60} minutes."
        ),
        figures=[
            Figure("Mentorships running", total, "active or paused"),
            *(Figure(LABELS[status], part) for status, part in zip(ORDER, parts, strict=True)),
        ],
        charts=[_chart(parts, total)],
        template=TEMPLATE,
        extra=PairList(pairs=rows, more=Count(len(worried) - len(rows))),
    )


def _program_healths(scope: Scope) -> tuple[dict[int, Health], datetime]:
    """The health of every live mentorship of the program today, and when it was worked out.

    Judging a pair reads everything both sides did (an eight-table union) and the rules run in
    Python: 300-450 ms for 2,600 pairs, more than the rest of the dashboard together
    (docs/benchmarks.md). Health moves by the day, so the whole program's is kept in the cache
    for a few minutes and each filter takes its pairs from it.
    """
    key = f"reports:health:{scope.program.pk}:{scope.today.isoformat()}"
    kept = cache.get(key)
    if kept is not None:
        return cast(tuple[dict[int, Health], datetime], kept)
    running = Match.objects.filter(
        program=scope.program, mentorship__state__in=HEALTH_STATES
    ).exclude(state=Match.State.DECLINED)
    # The ids as a subquery: 3,000 of them written out in each of the health queries took a
    # second to build and send on their own.
    healths = health_for(
        mentorship_ids=running.order_by().values("mentorship_id"), today=scope.today
    )
    judged = (healths, timezone.now())
    cache.set(key, judged, HEALTH_SECONDS)
    return judged


def _parts(counts: Counter[Status]) -> tuple[Count, list[Count]]:
    """The mentorships running and how many have each health (in ORDER), so that none is the
    total less the others. The pairs at risk or needing attention are listed by name below,
    so their numbers are known anyway: the pairs on track and paused are the parts kept
    apart (6 on track beside 17 running, 5 and 5 listed, would make 1 paused), and the total
    is withheld when no part is left to withhold instead."""
    on_track, paused = partition([counts["on_track"], counts["paused"]])
    total = sum(counts.values())
    parts = [on_track, Count(counts["needs_attention"]), Count(counts["at_risk"]), paused]
    return Count(total, withheld=total >= MIN_GROUP and gives_away([on_track, paused])), parts


def _names(match_ids: list[int]) -> dict[int, tuple[str, str]]:
    """(mentee, mentor) display names of these matches, in one query."""
    if not match_ids:
        return {}
    matches = Match.objects.filter(pk__in=match_ids).select_related(
        "first__profile__user", "second__profile__user"
    )
    return {
        m.pk: (m.first.profile.user.display_name, m.second.profile.user.display_name)
        for m in matches
    }


def _chart(parts: list[Count], total: Count) -> Chart:
    figures = [(LABELS[status], part) for status, part in zip(ORDER, parts, strict=True)]
    return Chart(
        key=KEY,
        title="Mentorships by health",
        summary=(
            f"Of {total} mentorships running, {figures[0][1]} are on track, "
            f"{figures[1][1]} need attention, {figures[2][1]} are at risk and "
            f"{figures[3][1]} are paused."
        ),
        kind="bar",
        labels=[label for label, _ in figures],
        series=[Series("Mentorships", [count.shown for _, count in figures])],
        table=Table(columns=("Health", "Mentorships"), rows=figures),
        unit="mentorships",
    )
