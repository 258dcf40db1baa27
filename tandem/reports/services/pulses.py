"""Writes for the one-question pulse behind a program's NPS: asking it (a step of `tandem
sweep`) and answering it.

A pulse asks each side of a 1:1 pair "how likely are you to recommend this program to a
colleague?", 0 to 10, at the moments its program chose: some days after the intro
(`Program.pulse_after_days`, None: not then) and once the agreed term is over
(`Program.pulse_at_term_end`), within two weeks of that moment (`CATCH_UP`). Each person is
asked once per pair and moment (the unique constraint on Pulse), so the sweep may run any time
and twice.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from tandem.core.errors import DomainError, IllegalTransition
from tandem.core.paths import path_to
from tandem.mentorships.models import Agreement, Mentorship, Transition
from tandem.notifications.kinds import Kind
from tandem.notifications.services import Notice, notify_many
from tandem.programs.models import Match, Participant, Program
from tandem.reports.models import Pulse
from tandem.reports.selectors.pulses import pulse_for, question_for

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

BATCH = 1000  # people a batch: one INSERT, one read of the new ids, one notify_many
ENDED = (Mentorship.State.COMPLETED, Mentorship.State.ALUMNI)  # "staying in touch" came after
LEFT = Participant.State.LEFT
SCORE_WORDS = "Choose a number from 0 to 10."
# A moment is asked about while it is fresh: a sweep that was stopped for a while still catches
# up, but turning pulses on (or a new installation) never asks a pair about an intro or a term
# that ended long ago.
CATCH_UP = timedelta(days=14)


class PulseError(DomainError):
    """An answer that cannot be stored (bad input, 400); nothing changed."""


@dataclass(frozen=True)
class PulseReport:
    """How many people were asked in one run, by moment."""

    intro: int
    term_end: int

    @property
    def sent(self) -> int:
        return self.intro + self.term_end

    def __str__(self) -> str:
        return f"{self.sent} pulse(s) sent"


class _Ask(NamedTuple):
    """One side of a pair still to be asked at this moment."""

    match_id: int
    program_id: int
    program_name: str
    participant_id: int
    user_id: int


def _intro_due(now: datetime) -> QuerySet[Match]:
    """Pairs whose mentorship began at least the program's `pulse_after_days` ago.

    The days differ by program; rather than date arithmetic on a column (which SQLite and
    PostgreSQL spell differently), one condition per distinct setting (a handful in practice).
    """
    settings = (
        Program.objects.filter(pulse_after_days__isnull=False)
        .order_by()
        .values_list("pulse_after_days", flat=True)
        .distinct()
    )
    due = Q()
    for days in settings:
        assert days is not None  # filtered above
        began_by = now - timedelta(days=days)
        due |= Q(
            program__pulse_after_days=days,
            mentorship__created_at__lte=began_by,
            mentorship__created_at__gt=began_by - CATCH_UP,
        )
    if not due:
        return Match.objects.none()
    return Match.objects.filter(due, mentorship__isnull=False)


def _term_end_due(now: datetime) -> QuerySet[Match]:
    """Pairs whose latest accepted agreement's term is over, or whose mentorship completed."""
    latest_end = (
        Agreement.objects.filter(mentorship=OuterRef("mentorship"), state=Agreement.State.ACCEPTED)
        .order_by("-version")
        .values("ends_on")[:1]
    )
    today = now.astimezone(UTC).date()
    over = Q(term_ends_on__lt=today, term_ends_on__gte=today - CATCH_UP)
    lately = Transition.objects.filter(
        mentorship=OuterRef("mentorship"), to_state__in=ENDED, at__gt=now - CATCH_UP
    )
    ended = Q(mentorship__state__in=ENDED) & Q(Exists(lately))
    return (
        Match.objects.filter(mentorship__isnull=False, program__pulse_at_term_end=True)
        .annotate(term_ends_on=Subquery(latest_end))
        .filter(over | ended)
    )


def _still_to_ask(matches: QuerySet[Match], moment: str) -> list[_Ask]:
    """The sides of the pairs not yet asked at `moment` and not gone from the program.

    One query per side: a plain NOT EXISTS, which PostgreSQL runs as one anti-join over the
    pulses (the two sides OR-ed in one query made it test each pair against both).
    """
    asks: list[_Ask] = []
    for side in ("first", "second"):
        asked = Pulse.objects.filter(
            match=OuterRef("pk"), participant=OuterRef(side), moment=moment
        )
        rows = (
            matches.filter(~Exists(asked))
            .exclude(**{f"{side}__state": LEFT})
            .order_by("pk")
            .values_list(
                "pk", "program_id", "program__name", f"{side}_id", f"{side}__profile__user_id"
            )
        )
        asks += [_Ask(*row) for row in rows]
    return asks


def _batches(asks: Sequence[_Ask]) -> Iterator[Sequence[_Ask]]:
    for start in range(0, len(asks), BATCH):
        yield asks[start : start + BATCH]


def _words(moment: str, program: str) -> tuple[str, str]:
    question = question_for(program)
    after = (
        "One tap, from 0 to 10. The program's managers only ever see everyone's answers "
        "together, never yours on its own."
    )
    if moment == Pulse.Moment.TERM_END:
        return f"{program}: looking back on your term", f"{question} {after}"
    return f"{program}: how is it going?", f"{question} {after}"


_INSERTED = ("created_at", "updated_at", "program_id", "participant_id", "match_id", "moment",
             "sent_at")  # fmt: skip


def _insert(rows: list[tuple[int, int, int]], moment: str, now: datetime) -> None:
    """(program, participant, match) rows as pulses: INSERT … ON CONFLICT DO NOTHING, one
    statement run for every row (executemany), as `notifications.services._insert_new` does.

    A run racing this one on the same pairs is then no error, as with bulk_create's
    ignore_conflicts; but building bulk_create's statements took 9 of the 24 seconds of a
    first run over 20,000 pairs, and this a fraction of one (SQLite and PostgreSQL both speak
    ON CONFLICT DO NOTHING).
    """
    quote = connection.ops.quote_name
    # Identifiers quoted from the model, every value a parameter.
    sql = (
        f"INSERT INTO {quote(Pulse._meta.db_table)} "  # noqa: S608
        f"({', '.join(quote(column) for column in _INSERTED)}) "
        f"VALUES ({', '.join(['%s'] * len(_INSERTED))}) ON CONFLICT DO NOTHING"
    )
    stamp = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.executemany(
            sql,
            [
                (stamp, stamp, program, place, match, moment, stamp)
                for program, place, match in rows
            ],
        )


@transaction.atomic
def _ask(batch: Sequence[_Ask], moment: str, now: datetime) -> int:
    """Insert the batch's pulses and tell each person asked; how many were new.

    One transaction, so a pulse is never stored without its notification. A run racing this
    one inserts nothing twice; the rows stamped with this run's `now` are the ones it asked.
    """
    wanted = {(ask.match_id, ask.participant_id): ask for ask in batch}
    _insert([(a.program_id, a.participant_id, a.match_id) for a in batch], moment, now)
    new = Pulse.objects.filter(
        match_id__in={ask.match_id for ask in batch}, moment=moment, sent_at=now
    ).values_list("pk", "match_id", "participant_id")
    notices = []
    for pk, match, place in new:
        ask = wanted.get((match, place))
        if ask is None:  # the other side, asked in another batch of this run
            continue
        title, body = _words(moment, ask.program_name)
        url = path_to("reports:pulse", pulse_id=pk)  # Pulse.get_absolute_url, no instance
        notices.append(Notice(ask.user_id, Kind.PROGRAM_PULSE, f"pulse:{pk}", title, body, url))
    notify_many(notices, now=now)
    return len(notices)


def _send(matches: QuerySet[Match], moment: str, now: datetime) -> int:
    return sum(_ask(batch, moment, now) for batch in _batches(_still_to_ask(matches, moment)))


def pulses_send(*, now: datetime) -> PulseReport:
    """Ask every pulse that is due and not asked yet, in bulk (a step of `tandem sweep`).

    For each moment: one query for the program settings (intro only), one for each side of
    the pairs still to ask, then per batch of people one INSERT, one read of the new rows and
    one `notify_many`. Pool programs make no mentorships, so they are never asked. People who
    left the program are not asked. A second run sends nothing.
    """
    return PulseReport(
        intro=_send(_intro_due(now), Pulse.Moment.AFTER_INTRO, now),
        term_end=_send(_term_end_due(now), Pulse.Moment.TERM_END, now),
    )


def _score_checked(score: object) -> int:
    if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 10:
        raise PulseError(SCORE_WORDS, field="score")
    return score


@transaction.atomic
def pulse_answer(*, pulse_id: int, user: User, score: object, now: datetime) -> Pulse:
    """The pulse's own person answers it, once: NotFound for anyone else (nothing said about
    whether it exists), IllegalTransition for a second answer, PulseError for a score that is
    not a whole number from 0 to 10."""
    pulse = pulse_for(pulse_id=pulse_id, user=user, lock=True)
    if pulse.answered_at is not None:
        raise IllegalTransition(
            "You've already answered this question, thank you. Each answer counts once."
        )
    pulse.score = _score_checked(score)
    pulse.answered_at = now
    pulse.save(update_fields=["score", "answered_at", "updated_at"])
    return pulse
