""" "My programs": every program a person takes part in, with the one thing each expects of
them next. The home page shows the same rows; both cost at most three queries however many
programs a person is in (their places with each program's last published round, the
questions, and the matches of those rounds with whether they gave feedback), compiled once
per process: every person's page asks the same three questions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery

from tandem.accounts.models import User
from tandem.core.compiled import CompiledQuery
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


def _last_round(field: str, *, program: str = "program") -> Subquery:
    rounds = Round.objects.filter(program=OuterRef(program), state=Round.State.PUBLISHED)
    return Subquery(rounds.order_by("-number").values(field)[:1])


def _matches(places: Sequence[Participant]) -> QuerySet[Match]:
    """The latest published round's matches of these places, with whether they gave
    feedback."""
    ids = [place.pk for place in places]
    rounds = {place.last_round_id for place in places if place.last_round_id}  # type: ignore[attr-defined]
    if not rounds:
        return Match.objects.none()
    return _with_sides(
        Match.objects.filter(round_id__in=rounds).filter(
            Q(first_id__in=ids) | Q(second_id__in=ids)
        ),
        ids,
    )


def _with_sides(matches: QuerySet[Match], places: Any) -> QuerySet[Match]:
    """Matches with both sides by name, and whether one of `places` gave feedback."""
    return (
        matches.select_related(
            "first__profile__user", "second__profile__user", "mentorship", "program"
        )
        .annotate(
            gave=Exists(MatchFeedback.objects.filter(match=OuterRef("pk"), author__in=places))
        )
        .order_by("id")
    )


def program_rows(places: Sequence[Participant], *, today: date) -> list[MyProgram]:
    """The rows for places annotated with `last_round_id` and `last_cycle_on` (one query:
    the latest round's matches, with feedback given, and nothing else)."""
    return _rows(places, list(_matches(places)), today)


def _rows(places: Sequence[Participant], matches: list[Match], today: date) -> list[MyProgram]:
    ids = {place.pk for place in places}
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


def _places(user: User | int) -> QuerySet[Participant]:
    return (
        Participant.objects.filter(profile__user=user)
        .select_related("program__organization")
        .annotate(last_round_id=_last_round("pk"), last_cycle_on=_last_round("cycle_on"))
    )


def _taking_part(user_id: int) -> QuerySet[Participant]:
    """The person's places in programs, all but those they left."""
    return Participant.objects.filter(profile__user_id=user_id).exclude(
        state=Participant.State.LEFT
    )


def _mine(user_id: int, field: str = "pk") -> QuerySet[Participant, dict[str, Any]]:
    """A column of the person's places (all but those they left), as a subquery."""
    return _taking_part(user_id).values(field).order_by()


# "My programs" and the home page ask the same three questions of everyone: compiled once per
# process (building them through the ORM cost more CPU than running them).
_PLACES = CompiledQuery(
    lambda user_id: (
        _places(user_id)
        .exclude(state=Participant.State.LEFT)
        .order_by("-program__starts_on", "program__name", "id")
    )
)
_QUESTIONS = CompiledQuery(
    lambda user_id: Question.objects.filter(program__in=_mine(user_id, "program")).order_by(
        "position", "id"
    )
)
_MATCHES = CompiledQuery(
    lambda user_id: _with_sides(
        Match.objects.filter(
            Q(first__in=_mine(user_id)) | Q(second__in=_mine(user_id)),
            round=_last_round("pk", program="round__program"),
        ),
        _mine(user_id),
    )
)


def places_for(user: User) -> list[Participant]:
    """This person's places in programs (all but those they left), annotated for the rows,
    each program with its questions (`asked`; not read when they are in no program)."""
    places: list[Participant] = _PLACES.objects(user.pk)
    asked: dict[int, list[Question]] = {place.program_id: [] for place in places}
    for question in _QUESTIONS.objects(user.pk) if places else ():
        asked[question.program_id].append(question)
    for place in places:
        place.program.asked = asked[place.program_id]  # type: ignore[attr-defined]
    return places


def my_program_rows(*, user: User, today: date) -> list[MyProgram]:
    """Each program the person takes part in, with what it expects of them next: at most
    three queries, compiled once (the matches are read only once a round is published)."""
    places = places_for(user)
    published = any(place.last_round_id for place in places)  # type: ignore[attr-defined]
    return _rows(places, _MATCHES.objects(user.pk) if published else [], today)


def place_for(program: Program, user: User) -> Participant | None:
    """This person's place in one program (whatever its state), annotated for its row."""
    asked = Prefetch("program__questions", queryset=Question.objects.all(), to_attr="asked")
    return _places(user).filter(program=program).prefetch_related(asked).first()


def my_programs_for(*, user: User, now: datetime) -> MyPrograms:
    """The "My programs" page: each program with what it expects of this person next."""
    rows = my_program_rows(user=user, today=now.date())
    return MyPrograms(rows=rows, manages=managed_organizations(user).exists())
