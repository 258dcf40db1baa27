"""The inbox's rows: the person's asks either way in one read of the columns shown, its SQL
compiled once per process, and each row worked out into what the page prints (the other side
by name and avatar, the day, the links), so the template prints values: no tag, include or
lookup per row."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from tandem.core.compiled import CompiledQuery
from tandem.core.paths import path_to
from tandem.core.templatetags.display import joined
from tandem.mentorships.models import Ask
from tandem.mentorships.selectors.named import avatar_of, moment, name_in, named_user, shown_day


@dataclass(frozen=True)
class AskRow:
    """One ask as the inbox shows it, every value its row prints worked out here: the other
    side (the mentee of an ask received, the mentor of one sent) by name and avatar."""

    pk: int
    url: str
    state: str
    state_label: str
    minutes: int
    sent: str  # the day it was sent, "26 Nov", in the viewer's timezone
    other_id: int  # the other side's profile
    name: str
    initials: str
    colour: int
    facts: str  # the mentee's job and organization, for an ask received
    focus: list[str]  # the focus area codes
    referred_name: str  # the mentor suggested instead, when one was ("" otherwise)
    referred_url: str


@dataclass(frozen=True)
class Inbox:
    waiting: list[AskRow]  # pending, oldest first: the longest wait is answered first
    decided: list[AskRow]  # the most recent answers


def _query(me: int, *, latest: int) -> QuerySet[Ask, Any]:
    """The person's asks either way, waiting or among the `latest` answers on each side, as
    the columns the rows show, oldest first."""

    def latest_answers(side: str) -> QuerySet[Ask, Any]:
        answered = Ask.objects.filter(**{side: me}).exclude(state=Ask.State.PENDING)
        return answered.order_by("-sent_at", "-id").values("pk")[:latest]

    return (
        Ask.objects.filter(Q(mentor_id=me) | Q(mentee_id=me))
        .filter(
            Q(state=Ask.State.PENDING)
            | Q(pk__in=latest_answers("mentor_id"))
            | Q(pk__in=latest_answers("mentee_id"))
        )
        .order_by("sent_at", "id")
        .values_list(
            "id", "state", "mentor_id", "mentee_id", "intro_minutes", "sent_at", "focus_areas",
            "mentee__user_id", *named_user("mentee__user"), "mentee__job_title",
            "mentee__organization__name", "mentor__user_id", *named_user("mentor__user"),
            "referred_to_id", *named_user("referred_to__user"),
        )
    )  # fmt: skip


@functools.cache
def _read(latest: int) -> CompiledQuery:
    """The inbox's one read, compiled once per process (and number of answers kept)."""
    return CompiledQuery(functools.partial(_query, latest=latest))


STATES = dict(Ask.State.choices)


def _row(row: tuple[Any, ...], *, received: bool) -> AskRow:
    """A `_query` row as its ask's row on the page (`received`: asked of the viewer)."""
    pk, state, mentor_id, mentee_id, minutes, sent_at, focus = row[:7]
    # The other side: the mentee who asked (the user and name columns from 7), or the mentor
    # asked (from 14); the mentee's job and organization at 12 and 13, the mentor suggested
    # instead at 19 (shown on the asks one sent).
    other, user_id, name = (
        (mentee_id, row[7], name_in(row, 8)) if received else (mentor_id, row[14], name_in(row, 15))
    )
    letters, colour = avatar_of(name, user_id)
    referred = None if received else row[19]
    return AskRow(
        pk=pk, url=path_to("mentorships:ask", ask_id=pk), state=state,
        state_label=STATES.get(state, state), minutes=minutes,
        sent=shown_day(moment(sent_at), "j M"), other_id=other, name=name, initials=letters,
        colour=colour, facts=joined(row[12], row[13]) if received else "",
        focus=json.loads(focus) if isinstance(focus, str) else focus,
        referred_name="" if referred is None else name_in(row, 20),
        referred_url="" if referred is None else path_to("profiles:detail", profile_id=referred),
    )  # fmt: skip


def inboxes_of(profile_id: int, *, latest: int) -> tuple[Inbox, Inbox]:
    """(asked of this person, sent by them) in one query: every waiting ask either way and
    the `latest` answers on each side, with only the columns the rows show."""
    rows = _read(latest).rows(profile_id)
    inboxes = []
    for received in (True, False):
        mine = [_row(row, received=received) for row in rows if (row[2] == profile_id) == received]
        inboxes.append(
            Inbox(
                waiting=[ask for ask in mine if ask.state == Ask.State.PENDING],
                decided=[ask for ask in reversed(mine) if ask.state != Ask.State.PENDING],
            )
        )
    return inboxes[0], inboxes[1]
