"""Reads behind a mentorship's health and the sweep's nudges, for one mentorship or 100,000.

Every signal comes from a fixed number of aggregate queries (GROUP BY mentorship, or mentorship
and person), never one query per mentorship: the mentorship page, a dashboard list and the
sweep over every active mentorship all cost the same six queries, whose SQL is compiled once per
process and shape (`tandem.core.compiled`: compiling it cost more CPU than running it).

A side's latest *activity* is the latest of: a mentorship transition they made, a meeting
transition they made (proposing, picking a time, rescheduling, marking), an agenda item, shared
note, thank-you or meeting feedback they wrote, an action item of theirs last updated, and a goal
update they wrote.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.db import connection
from django.db.models import (
    CharField,
    Count,
    DateField,
    DateTimeField,
    F,
    FilteredRelation,
    Func,
    Max,
    Min,
    Model,
    Q,
    QuerySet,
)

from tandem.core.compiled import AnyOf, IdsSlot, Slot, compiled, run, sql_of
from tandem.meetings.health.rules import (
    CADENCE_DAYS,
    HEALTH_STATES,
    WINDOW_DAYS,
    Health,
    HealthFacts,
    health_assess,
)
from tandem.meetings.models import (
    ActionItem,
    AgendaItem,
    Meeting,
    MeetingFeedback,
    MeetingTransition,
    Note,
    ThankYou,
)
from tandem.mentorships.models import Agreement, GoalUpdate, Mentorship, Transition

RATINGS_DAYS = 180  # the feedback trend looks at the last six months
RATINGS_KEPT = 6
# The mentorships asked about: ids, a queryset of ids (read as a subquery: a report's thousands
# of ids written out as IN lists cost a second to build and send), or None for every active and
# paused one.
Ids = list[int] | QuerySet[Any, Any] | None

# (model, path to the mentorship, who did it, when, which rows): each is one GROUP BY query.
# Only what the other side can see counts: a private note is its author's alone, and must
# not change what the other side is told ("no word from … since …").
ACTIVITY: tuple[tuple[type[Model], str, str, str, Q], ...] = (
    (Transition, "mentorship", "actor", "at", Q()),
    (MeetingTransition, "meeting__mentorship", "actor", "at", Q()),
    (AgendaItem, "meeting__mentorship", "author", "created_at", Q()),
    (Note, "meeting__mentorship", "author", "created_at", Q(is_private=False)),
    (ThankYou, "meeting__mentorship", "author", "created_at", Q()),
    (MeetingFeedback, "meeting__mentorship", "author", "created_at", Q()),
    (ActionItem, "mentorship", "owner", "updated_at", Q()),
    (GoalUpdate, "goal__mentorship", "author", "created_at", Q()),
)


@dataclass(frozen=True)
class HealthRow:
    """One mentorship's facts and who is on each side (the sweep addresses its nudges)."""

    facts: HealthFacts
    mentee_user_id: int
    mentor_user_id: int
    agreement_id: int | None  # the latest accepted version: the term that ends on facts.ends_on


class _Day(Func):
    """The UTC day of a moment (or a date), computed by the database and left as it comes.

    Only days matter here. Turning 600,000 timestamps into aware datetimes in Python costs
    seconds at 100,000 mentorships, and even Django's per-value date converter costs one;
    `date(…)` in SQLite and `::date` in PostgreSQL (in the connection's UTC) cost next to
    nothing. Declared as text so that no converter runs: SQLite hands back ISO text,
    PostgreSQL a date; `_date` takes either, and both sort by time as they are.
    """

    function, template, output_field = "CAST", "%(function)s(%(expressions)s AS date)", CharField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="date(%(expressions)s)", **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="(%(expressions)s)::date", **extra)


def _date(value: date | str | None) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _day(field: str, aggregate: type[Max] | type[Min] = Max, **extra: Any) -> _Day:
    """The day of a field's latest (or earliest) moment among the rows grouped."""
    return _Day(aggregate(field, **extra))


def _scope(path: str, ids: Ids) -> Q | AnyOf:
    """Rows of the mentorships asked about.

    With `ids` None (every active and paused mentorship) only the mentorships themselves are
    filtered: the tables around them are read whole and rows of other mentorships go unused,
    which is cheaper than joining each row to its mentorship to check the state. A list of ids
    is a slot, filled in when the query runs (see `tandem.core.compiled`).
    """
    if ids is None:
        return Q(state__in=HEALTH_STATES) if not path else Q()
    if isinstance(ids, QuerySet):
        return Q(**{f"{path}__in" if path else "pk__in": ids})
    return AnyOf(F(path or "pk"), IDS)


def _shape(ids: Ids) -> str | None:
    """What a query's SQL depends on besides its values: None when it is compiled each call."""
    if ids is None:
        return "all"
    return None if isinstance(ids, QuerySet) else "ids"


# The values each call gives the compiled queries.
IDS = IdsSlot("ids")
DAY_START = Slot("day_start", DateTimeField())  # today, 00:00 UTC
WINDOW = Slot("window", DateTimeField())  # WINDOW_DAYS before that
RATINGS_SINCE = Slot("ratings_since", DateTimeField())  # RATINGS_DAYS before that
TODAY = Slot("today", DateField())


@dataclass(frozen=True)
class _Term:
    agreement_id: int | None
    cadence_days: int | None
    started_on: date | None
    ends_on: date | None


_NO_TERM = _Term(None, None, None, None)
_NO_MEETINGS: tuple[date | None, date | None, int, bool] = (None, None, 0, False)


def _read(name: str, ids: Ids, values: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The rows of one of the health queries for these ids and values, its SQL compiled once
    per shape (`tandem.core.compiled`)."""
    build = (lambda: _union(ids)) if name == "activity" else (lambda: sql_of(_QUERIES[name](ids)))
    return run(compiled(name, _shape(ids), build), {"ids": ids, **values})


def _people(ids: Ids) -> QuerySet[Any, Any]:
    """Each mentorship's state and sides, once per accepted agreement version (oldest first;
    once with no agreement when none is accepted): the people and the terms in one read."""
    accepted = FilteredRelation(
        "agreements", condition=Q(agreements__state=Agreement.State.ACCEPTED)
    )
    return (
        Mentorship.objects.filter(_scope("", ids))
        .annotate(accepted=accepted)
        .annotate(starts=_Day(F("accepted__starts_on")), ends=_Day(F("accepted__ends_on")))
        .order_by("id", "accepted__version")
        .values_list(
            "id", "state", "mentee__user_id", "mentor__user_id",
            "accepted__id", "starts", "ends", "accepted__cadence",
        )
    )  # fmt: skip


def _meetings(ids: Ids) -> QuerySet[Any, Any]:
    S = Meeting.State
    return (
        Meeting.objects.filter(_scope("mentorship", ids))
        .values("mentorship")
        .annotate(
            last_met=_day(
                "starts_at", filter=Q(state=S.HELD) | Q(state=S.SCHEDULED, starts_at__lt=DAY_START)
            ),
            next_at=_day("starts_at", Min, filter=Q(state=S.SCHEDULED, starts_at__gte=DAY_START)),
            no_shows=Count("id", filter=Q(state=S.NO_SHOW, starts_at__gte=WINDOW)),
            offered=Count("id", filter=Q(state__in=(S.PROPOSED, S.RESCHEDULED))),
        )
        .order_by()
        .values_list("mentorship", "last_met", "next_at", "no_shows", "offered")
    )


def _count_by_mentorship(rows: QuerySet[Any, Any], path: str) -> QuerySet[Any, Any]:
    """(mentorship id, how many of `rows`) for each mentorship `path` leads to."""
    return rows.values(path).annotate(n=Count("id")).order_by().values_list(path, "n")


def _reschedules(ids: Ids) -> QuerySet[Any, Any]:
    path = "meeting__mentorship"
    moves = MeetingTransition.objects.filter(
        _scope(path, ids), to_state=Meeting.State.RESCHEDULED, at__gte=WINDOW
    )
    return _count_by_mentorship(moves, path)


def _overdue(ids: Ids) -> QuerySet[Any, Any]:
    path = "mentorship"
    late = ActionItem.objects.filter(
        _scope(path, ids), status=ActionItem.Status.OPEN, due_on__lt=TODAY
    )
    return _count_by_mentorship(late, path)


def _ratings(ids: Ids) -> QuerySet[Any, Any]:
    return (
        MeetingFeedback.objects.filter(
            _scope("meeting__mentorship", ids), created_at__gte=RATINGS_SINCE
        )
        .order_by("created_at", "id")
        .values_list("meeting__mentorship", "rating")
    )


_QUERIES: dict[str, Callable[[Ids], QuerySet[Any, Any]]] = {
    "people": _people,
    "meetings": _meetings,
    "reschedules": _reschedules,
    "overdue": _overdue,
    "ratings": _ratings,
}


def _union(ids: Ids) -> tuple[str, Sequence[Any]]:
    """The latest activity across ACTIVITY's sources: a GROUP BY over their UNION ALL, which
    the ORM cannot say."""
    parts = [
        sql_of(
            model._default_manager.filter(_scope(path, ids), only, **{f"{who}__isnull": False})
            .values(of_mentorship=F(path), by_person=F(who))
            .annotate(last=_day(when))
            .order_by()
        )
        for model, path, who, when, only in ACTIVITY
    ]
    m, p, last = (
        connection.ops.quote_name(name) for name in ("of_mentorship", "by_person", "last")
    )
    union = " UNION ALL ".join(sql for sql, _ in parts)
    sql = f"SELECT {m}, {p}, MAX({last}) FROM ({union}) AS activity GROUP BY {m}, {p}"  # noqa: S608
    return sql, [param for _, params in parts for param in params]


def _terms(rows: list[tuple[Any, ...]], today: date) -> dict[int, _Term]:
    """Per mentorship: the rhythm in force, when the arrangement began and when it ends.

    Versions come oldest first; a renewal accepted early starts in the future, and until then
    the old rhythm holds.
    """
    terms: dict[int, _Term] = {}
    for mentorship_id, *_, agreement_id, starts, ends, cadence in rows:
        if agreement_id is None:
            continue
        starts_on, ends_on = _date(starts), _date(ends)
        cadence_days, before = CADENCE_DAYS.get(cadence), terms.get(mentorship_id)
        if before is not None:
            if starts_on is not None and starts_on > today:
                cadence_days = before.cadence_days  # renewed early: not in force yet
            starts_on = before.started_on or starts_on
        terms[mentorship_id] = _Term(agreement_id, cadence_days, starts_on, ends_on)
    return terms


def _activity(ids: Ids) -> dict[tuple[int, int], date | None]:
    """(mentorship, person) → the day of the latest thing that person did in that mentorship.

    One query: each source grouped by mentorship and person, then the latest across sources
    (a GROUP BY over their UNION ALL), so 170,000 rows come back for 100,000 mentorships
    instead of 430,000.
    """
    return {
        (mentorship_id, user_id): _date(day)
        for mentorship_id, user_id, day in _read("activity", ids, {})
    }


def health_rows_for(*, mentorship_ids: Ids, today: date) -> dict[int, HealthRow]:
    """Facts and sides of these mentorships (None: every active and paused one), by id."""
    ids = mentorship_ids
    if ids is not None and not isinstance(ids, QuerySet):
        ids = list(ids)
    if ids == []:
        return {}
    day_start = datetime.combine(today, time.min, tzinfo=UTC)
    days = {
        "day_start": day_start,
        "window": day_start - timedelta(days=WINDOW_DAYS),
        "ratings_since": day_start - timedelta(days=RATINGS_DAYS),
        "today": today,
    }
    versions = _read("people", ids, {})
    people = {row[0]: row[1:4] for row in versions}
    terms = _terms(versions, today)
    meetings: dict[int, tuple[date | None, date | None, int, bool]] = {
        mentorship_id: (_date(last_met), _date(next_at), no_shows, offered > 0)
        for mentorship_id, last_met, next_at, no_shows, offered in _read("meetings", ids, days)
    }
    reschedules: dict[int, int] = dict(_read("reschedules", ids, days))
    overdue: dict[int, int] = dict(_read("overdue", ids, days))
    ratings: dict[int, list[int]] = defaultdict(list)
    for mentorship_id, rating in _read("ratings", ids, days):
        ratings[mentorship_id].append(rating)
    activity = _activity(ids)

    rows = {}
    for mentorship_id, (state, mentee_user_id, mentor_user_id) in people.items():
        term = terms.get(mentorship_id, _NO_TERM)
        last_met, next_on, no_shows, offered = meetings.get(mentorship_id, _NO_MEETINGS)
        facts = HealthFacts(
            today=today,
            state=state,
            cadence_days=term.cadence_days,
            started_on=term.started_on,
            ends_on=term.ends_on,
            last_held_on=last_met,
            next_meeting_on=next_on,
            no_shows_90d=no_shows,
            reschedules_90d=reschedules.get(mentorship_id, 0),
            overdue_actions=overdue.get(mentorship_id, 0),
            last_mentee_activity=activity.get((mentorship_id, mentee_user_id)),
            last_mentor_activity=activity.get((mentorship_id, mentor_user_id)),
            recent_ratings=tuple(ratings[mentorship_id][-RATINGS_KEPT:])
            if mentorship_id in ratings
            else (),
            times_offered=offered,
        )
        rows[mentorship_id] = HealthRow(facts, mentee_user_id, mentor_user_id, term.agreement_id)
    return rows


def health_facts_for(*, mentorship_ids: Ids, today: date) -> dict[int, HealthFacts]:
    """The facts behind each mentorship's health (None: every active and paused one), by id."""
    rows = health_rows_for(mentorship_ids=mentorship_ids, today=today)
    return {mentorship_id: row.facts for mentorship_id, row in rows.items()}


def health_for(*, mentorship_ids: Ids, today: date) -> dict[int, Health]:
    """The health of each active or paused mentorship among these; other states have none."""
    facts = health_facts_for(mentorship_ids=mentorship_ids, today=today)
    return {
        mentorship_id: health_assess(f)
        for mentorship_id, f in facts.items()
        if f.state in HEALTH_STATES
    }
