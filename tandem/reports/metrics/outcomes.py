"""What pairs set out to do and how it stands: the agreement goals set in the range by where
they stand now, and the action items set in the range by what happened to them.

One aggregate query each. Mentors' own learning goals are theirs, not the pair's, and are left
out. Peer programs and coffee rounds make no mentorships, so no goals: the section does not
apply to them.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Count as Counted
from django.db.models import Q, QuerySet

from tandem.core.charts import Chart, Series, Table
from tandem.meetings.models import ActionItem
from tandem.mentorships.models import Goal
from tandem.reports.metrics.base import Figure, Section
from tandem.reports.metrics.days import range_words
from tandem.reports.privacy import Count, Share, gives_away, partition, whole_of
from tandem.reports.scope import Scope

KEY = "outcomes"
G, A = Goal.Status, ActionItem.Status
GOAL_ORDER = (
    (G.ACHIEVED, "Achieved"),
    (G.PROGRESSING, "In progress"),
    (G.OPEN, "Not started"),
    (G.DROPPED, "Dropped"),
)
ACTION_ORDER = ((A.DONE, "Done"), (A.TRIED, "Tried"), (A.DROPPED, "Dropped"), (A.OPEN, "Open"))


def _by_status(rows: QuerySet[Goal] | QuerySet[ActionItem], statuses: Sequence[str]) -> list[int]:
    """How many rows have each status, in one query."""
    counts = rows.aggregate(
        **{f"s{i}": Counted("pk", filter=Q(status=s)) for i, s in enumerate(statuses)}
    )
    return [counts[f"s{i}"] for i in range(len(statuses))]


def _goals(scope: Scope) -> list[int]:
    f = scope.filters
    goals = Goal.objects.filter(
        mentorship__in=scope.mentorships.values("pk"),
        is_learning_goal=False,
        created_at__gte=f.since,
        created_at__lt=f.until,
    )
    return _by_status(goals, [s for s, _ in GOAL_ORDER])


def _actions(scope: Scope) -> list[int]:
    f = scope.filters
    items = ActionItem.objects.filter(
        mentorship__in=scope.mentorships.values("pk"),
        created_at__gte=f.since,
        created_at__lt=f.until,
    )
    return _by_status(items, [s for s, _ in ACTION_ORDER])


def _chart(
    key: str, title: str, what: str, order: Sequence[tuple[str, str]], cells: list[Count]
) -> Chart:
    total = sum(c.value for c in cells)
    labels = [label for _, label in order]
    rows = [[label, c, Share.of(c, total)] for label, c in zip(labels, cells, strict=True)]
    return Chart(
        key=key,
        title=title,
        kind="bar",
        labels=labels,
        summary=f"{whole_of(cells)} {what} set in these days: "
        + ", ".join(f"{c} {label.lower()}" for label, c in zip(labels, cells, strict=True))
        + ".",
        series=[Series(what.capitalize(), [c.shown for c in cells])],
        table=Table(("Status now", what.capitalize(), f"Of the {what} set"), rows if total else []),
        unit=what,
    )


def _done_or_tried(actions: list[Count]) -> Share:
    """Done and tried items together, of all set. Beside the total this also tells dropped
    and open together, so it is withheld when either pair would give a part of its own away
    (done 5 and tried "fewer than 5" beside "8 done or tried": tried is 3)."""
    done, tried, dropped, open_ = actions
    withheld = gives_away([done, tried]) or gives_away([dropped, open_])
    return Share(done.value + tried.value, sum(a.value for a in actions), withheld=withheld)


def outcomes(scope: Scope) -> Section | None:
    """The goals and action items set in the range by where they stand now; None for pools."""
    if scope.program.is_pool:
        return None
    goals, actions = partition(_goals(scope)), partition(_actions(scope))
    set_, items = whole_of(goals), whole_of(actions)
    return Section(
        key=KEY,
        title="Goals and action items",
        intro=(
            f"The goals pairs agreed on {range_words(scope.filters)} (mentors' own learning "
            "goals are left out), and the action items they set after meetings in those days, "
            "each by where it stands today."
        ),
        figures=[
            Figure("Goals set", set_),
            Figure("Goals achieved", goals[0]),
            Figure("Share of goals achieved", Share.of(goals[0], set_.value)),
            Figure(
                "Action items done or tried",
                _done_or_tried(actions),
                f"of {items} set" if items.value else "none set in these days",
            ),
        ],
        charts=[
            _chart(f"{KEY}-goals", "Goals by where they stand", "goals", GOAL_ORDER, goals),
            _chart(
                f"{KEY}-actions",
                "Action items by what happened",
                "action items",
                ACTION_ORDER,
                actions,
            ),
        ],
    )
