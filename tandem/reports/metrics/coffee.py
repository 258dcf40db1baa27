"""Coffee rounds (issue 12): per cycle, who was introduced, how many intros became a
conversation, and how they were rated; for coffee programs only.

* cycles: the program's published rounds whose cycle starts (`cycle_on`) within the range;
* intros: that round's matches among the scope's pairs (not declined, a side in scope);
* people introduced: the distinct people in scope on either side of those intros;
* conversations held: intros where anyone answered "we met" (MatchFeedback.met);
* rating: the average of the ratings given on those intros (1 to 5), whenever given; the
  notes people wrote are never read here.

Four queries whatever the number of cycles or people: the rounds in range, their intros,
conversations and ratings (one GROUP BY round over the scope's pairs), the people introduced
per round (one GROUP BY over both sides of those pairs), and the people opted in now.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Count as Counted
from django.db.models import F, Q, QuerySet, Sum

from tandem.core.charts import Chart, Series, Table
from tandem.programs.models import Participant, Program, Round
from tandem.reports.metrics.base import Figure, Section
from tandem.reports.privacy import Count, Share, Stat
from tandem.reports.scope import Scope

KEY = "coffee"
RATING = "out of 5"


@dataclass(frozen=True)
class Cycle:
    starts_on: date
    people: int
    intros: int
    held: int
    rating_sum: int
    ratings: int

    @property
    def rating(self) -> Stat:
        average = self.rating_sum / self.ratings if self.ratings else None
        return Stat(average, self.ratings, RATING)


def _rounds(scope: Scope) -> QuerySet[Round]:
    f = scope.filters
    return Round.objects.filter(
        program=scope.program, state=Round.State.PUBLISHED, cycle_on__gte=f.start,
        cycle_on__lte=f.end,
    )  # fmt: skip


def _people_per_round(scope: Scope, rounds: QuerySet[Round]) -> dict[int, int]:
    """Round id → distinct people in scope on either side of its intros.

    Someone may be on both sides of a round (two chats, as the first in one and the second in
    the other), so the sides are stacked (UNION ALL) and counted distinct per round: a GROUP BY
    over a union, which the ORM cannot say; each side is the ORM's own SQL.
    """
    people = scope.people.values("pk")
    parts: list[str] = []
    params: list[Any] = []  # whatever the ORM bound: dates, ids, states
    for side in ("first", "second"):
        sql, side_params = (
            scope.pairs.filter(round__in=rounds.values("pk"), **{f"{side}__in": people})
            .order_by()
            .values(of_round=F("round"), person=F(side))
            .query.sql_with_params()
        )
        parts.append(sql)
        params.extend(side_params)
    of_round, person = (connection.ops.quote_name(name) for name in ("of_round", "person"))
    union = " UNION ALL ".join(parts)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {of_round}, COUNT(DISTINCT {person}) FROM ({union}) AS sides "  # noqa: S608
            f"GROUP BY {of_round}",
            params,
        )
        return dict(cursor.fetchall())


def _cycles(scope: Scope) -> list[Cycle]:
    rounds = _rounds(scope)
    days = list(rounds.order_by("cycle_on", "number").values_list("pk", "cycle_on"))
    # The intros of each round: GROUP BY round over the scope's pairs (a round without any
    # still shows, with zeros). A match has at most two answers, so the join is small.
    per_round = {
        row[0]: row[1:]
        for row in scope.pairs.filter(round__in=rounds.values("pk"))
        .values("round")
        .annotate(
            intros=Counted("pk", distinct=True),
            held=Counted("pk", filter=Q(feedback__met=True), distinct=True),
            rating_sum=Sum("feedback__rating"),
            ratings=Counted("feedback__rating"),
        )
        .order_by()
        .values_list("round", "intros", "held", "rating_sum", "ratings")
    }
    people = _people_per_round(scope, rounds)
    cycles = []
    for pk, cycle_on in days:
        assert cycle_on is not None  # the range asked for one
        intros, held, rating_sum, ratings = per_round.get(pk, (0, 0, 0, 0))
        cycles.append(Cycle(
            starts_on=cycle_on, people=people.get(pk, 0), intros=intros, held=held,
            rating_sum=rating_sum or 0, ratings=ratings,
        ))  # fmt: skip
    return cycles


def coffee_section(scope: Scope) -> Section | None:
    """Each coffee cycle started in the range: intros, the ones that met, their rating; None
    for any other kind of program."""
    if scope.program.kind != Program.Kind.COFFEE:
        return None
    cycles = _cycles(scope)
    opted_in = scope.people.filter(state=Participant.State.ACTIVE, opted_in=True).count()
    intros, held = sum(c.intros for c in cycles), sum(c.held for c in cycles)
    ratings = sum(c.ratings for c in cycles)
    rating = Stat(sum(c.rating_sum for c in cycles) / ratings if ratings else None, ratings, RATING)
    return Section(
        key=KEY,
        title="Coffee rounds",
        intro=(
            "Each cycle that started in the range: who was introduced, how many intros became a "
            "conversation (someone said they met) and how people rated them."
        ),
        figures=[
            Figure("Opted in now", Count(opted_in), "people who want the next intro"),
            Figure("Cycles", Count(len(cycles)), "that started in the range"),
            Figure(
                "Intros that led to a conversation",
                Share(held, intros),
                f"of {Count(intros)} intros",
            ),
            Figure("Average rating", rating, f"from {Count(ratings)} ratings"),
        ],
        charts=[_chart(cycles)],
    )


def _chart(cycles: Sequence[Cycle]) -> Chart:
    counts = [(Count(c.people), Count(c.intros), Count(c.held)) for c in cycles]
    labels = [f"{c.starts_on.day} {c.starts_on:%b %Y}" for c in cycles]
    return Chart(
        key=KEY,
        title="Each cycle",
        summary=(
            f"{Count(len(cycles))} cycles: people introduced, intros and conversations held in "
            "each, oldest first."
        ),
        kind="line",
        labels=labels,
        series=[
            Series(name, [row[i].shown for row in counts])
            for i, name in enumerate(("People introduced", "Intros", "Conversations held"))
        ],
        table=Table(
            columns=(
                "Cycle starting",
                "People introduced",
                "Intros",
                "Conversations held",
                "Share held",
                "Average rating",
            ),
            rows=[
                (label, people, intros_, held, Share(held.value, intros_.value), c.rating)
                for label, (people, intros_, held), c in zip(labels, counts, cycles, strict=True)
            ],
        ),
        unit="people",
    )
