""" "My programs": every program a person takes part in, with the one thing each expects of
them next. The home page shows the same rows; both cost three queries however many programs
a person is in (their places with each program's last published round, the questions, and
the matches of those rounds with whether they gave feedback)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery

from tandem.accounts.models import User
from tandem.organizations.roles import managed_organizations
from tandem.programs.models import Match, MatchFeedback, Participant, Program, Question, Round
from tandem.programs.rules import answers_missing
from tandem.programs.wording import NextStep, next_round_on, next_step


@dataclass(frozen=True)
class MyProgram:
    program: Program
    place: Participant
    match: Match | None  # the latest published match, if the last round paired them
    other: Participant | None  # who that match is with
    step: NextStep


@dataclass(frozen=True)
class MyPrograms:
    rows: list[MyProgram]
    manages: bool  # show the way to "Programs I run"

    @property
    def waiting_on_me(self) -> list[MyProgram]:
        return [row for row in self.rows if row.step.waiting_on_me]


def _last_round(field: str) -> Subquery:
    rounds = Round.objects.filter(program=OuterRef("program"), state=Round.State.PUBLISHED)
    return Subquery(rounds.order_by("-number").values(field)[:1])


def program_rows(places: Sequence[Participant], *, today: date) -> list[MyProgram]:
    """The rows for places annotated with `last_round_id` and `last_cycle_on` (two queries:
    the latest round's matches, with feedback given, and nothing else)."""
    ids = [place.pk for place in places]
    rounds = {place.last_round_id for place in places if place.last_round_id}  # type: ignore[attr-defined]
    matches = (
        Match.objects.filter(round_id__in=rounds)
        .filter(Q(first_id__in=ids) | Q(second_id__in=ids))
        .select_related("first__profile__user", "second__profile__user", "mentorship", "program")
        .annotate(
            gave=Exists(MatchFeedback.objects.filter(match=OuterRef("pk"), author_id__in=ids))
        )
        .order_by("id")
        if rounds
        else Match.objects.none()
    )
    by_place: dict[int, Match] = {}
    for found in matches:
        by_place[found.first_id if found.first_id in ids else found.second_id] = found
    rows = []
    for place in places:
        program = place.program
        match = by_place.get(place.pk)
        other = None
        if match is not None:
            other = match.second if match.first_id == place.pk else match.first
        step = next_step(
            program=program, place=place, match=match,
            gave_feedback=bool(match is not None and match.gave),  # type: ignore[attr-defined]
            answers_missing=answers_missing(program.asked, place.answers),  # type: ignore[attr-defined]
            next_round=next_round_on(program, place.last_cycle_on, today),  # type: ignore[attr-defined]
        )  # fmt: skip
        rows.append(MyProgram(program, place, match, other, step))
    return rows


def _places(user: User) -> QuerySet[Participant]:
    return (
        Participant.objects.filter(profile__user=user)
        .select_related("program__organization")
        .prefetch_related(
            Prefetch("program__questions", queryset=Question.objects.all(), to_attr="asked")
        )
        .annotate(last_round_id=_last_round("pk"), last_cycle_on=_last_round("cycle_on"))
    )


def places_for(user: User) -> list[Participant]:
    """This person's places in programs (all but those they left), annotated for the rows."""
    places = _places(user).exclude(state=Participant.State.LEFT)
    return list(places.order_by("-program__starts_on", "program__name", "id"))


def place_for(program: Program, user: User) -> Participant | None:
    """This person's place in one program (whatever its state), annotated for its row."""
    return _places(user).filter(program=program).first()


def my_programs_for(*, user: User, now: datetime) -> MyPrograms:
    """The "My programs" page: each program with what it expects of this person next."""
    rows = program_rows(places_for(user), today=now.date())
    return MyPrograms(rows=rows, manages=managed_organizations(user).exists())
