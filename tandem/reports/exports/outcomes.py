"""What each pair with a mentorship came to, one row per pair: the meetings held, the goals
they set and achieved, and the action items they set by what became of them. Counts only: no
rating and no words of theirs.

The people filters choose the pairs (`Scope.mentorships`); the date range chooses the events:
meetings held that started in it, goals and action items set (created) in it, each counted by
its status today. The goals are the pair's agreed goals, not a mentor's own learning goals.

Each count is a correlated subquery, so the export is one streamed query however many pairs
there are (counting through joins would multiply meetings by goals by items).
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Count, IntegerField, Model, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from tandem.meetings.models import ActionItem, Meeting
from tandem.mentorships.models import Goal, Mentorship
from tandem.reports.exports.base import CHUNK, Export, Row, filename, name_fields, person
from tandem.reports.scope import Scope

HEADER = (
    "Mentee", "Mentor", "Mentorship state", "Meetings held", "Goals set", "Goals achieved",
    "Action items done", "Action items tried", "Action items dropped", "Action items open",
)  # fmt: skip
STATES = dict(Mentorship.State.choices)
ITEMS = (
    ActionItem.Status.DONE, ActionItem.Status.TRIED, ActionItem.Status.DROPPED,
    ActionItem.Status.OPEN,
)  # fmt: skip


def outcomes_export(scope: Scope) -> Export:
    return Export(filename=filename(scope, "outcomes"), header=HEADER, rows=_rows(scope))


def _counted(model: type[Model], condition: Q) -> Coalesce:
    """How many `model` rows of the outer mentorship meet `condition` (0 when none)."""
    counted = (
        model._default_manager.filter(condition, mentorship=OuterRef("pk"))
        .order_by()
        .values("mentorship")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _rows(scope: Scope) -> Iterator[Row]:
    f = scope.filters
    in_range = Q(created_at__gte=f.since, created_at__lt=f.until)
    goals = in_range & Q(is_learning_goal=False)
    counts = {
        "held": _counted(
            Meeting, Q(state=Meeting.State.HELD, starts_at__gte=f.since, starts_at__lt=f.until)
        ),
        "goals_set": _counted(Goal, goals),
        "goals_achieved": _counted(Goal, goals & Q(status=Goal.Status.ACHIEVED)),
    } | {f"items_{status}": _counted(ActionItem, in_range & Q(status=status)) for status in ITEMS}
    mentee, mentor = name_fields("mentee__user"), name_fields("mentor__user")
    rows = (
        scope.mentorships.annotate(**counts)
        .order_by(*mentee, *mentor, "pk")
        .values_list(*mentee, *mentor, "state", *counts)
        .iterator(chunk_size=CHUNK)
    )
    for f1, l1, e1, f2, l2, e2, state, *numbers in rows:
        yield (person(f1, l1, e1), person(f2, l2, e2), STATES.get(state, state), *numbers)
