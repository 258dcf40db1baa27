"""Reads for conversations: the relationship a page is about, one thread as either side sees
it, the page for reporting a message, and the unread marks on the inbox and dashboard rows.

Anyone on neither side of the ask or mentorship gets NotFound (a 404), as on its own page.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from tandem.accounts.models import User, name_of
from tandem.conversations.models import MESSAGE_MAX_LENGTH, Message, ReadMark, Report, Thread
from tandem.conversations.relationships import Relationship
from tandem.conversations.rules import posting_hint, posting_refusal
from tandem.core.compiled import CompiledQuery
from tandem.core.errors import NotFound
from tandem.core.paths import path_to
from tandem.mentorships.models import Ask
from tandem.mentorships.selectors.asks import ask_for_user
from tandem.mentorships.selectors.mentorships import NAME_FIELDS, mentorship_for_user, named_user
from tandem.mentorships.sides import Sides, sides_of
from tandem.profiles.models import Profile

MISSING = "No such message."


def relationship_for_ask(*, ask_id: int, user: User) -> tuple[Relationship, Sides]:
    """The ask (with its mentorship, if it became one) and the viewer's side; NotFound else."""
    ask, sides = ask_for_user(ask_id=ask_id, user=user)
    return Relationship.of_ask(ask), sides


def relationship_for_mentorship(*, mentorship_id: int, user: User) -> tuple[Relationship, Sides]:
    """The mentorship (with its ask) and the viewer's side; NotFound for anyone else."""
    mentorship, sides = mentorship_for_user(mentorship_id=mentorship_id, user=user)
    return Relationship.of_mentorship(mentorship), sides


def _seen_by(user: User | int) -> Subquery:
    """How far `user` has read the outer thread (0 when they never opened it)."""
    return Subquery(
        ReadMark.objects.filter(thread=OuterRef("pk"), reader=user).values("seen_up_to")[:1]
    )


# --- One thread -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One message as the viewer sees it."""

    message: Message
    mine: bool
    new: bool  # the other side's, not read by the viewer yet
    reported: bool  # the viewer reported it


@dataclass(frozen=True)
class ThreadPage:
    relationship: Relationship
    role: str
    other: Profile
    thread: Thread | None  # None until the first message is written
    opening: Ask | None  # the ask's note opens the conversation
    entries: list[Entry]
    unread: int
    up_to: int  # the newest message shown: reading the page reads this far
    refusal: str | None  # why the viewer can't write now; None when they can
    hint: str
    max_length: int


def thread_page_for(*, relationship: Relationship, sides: Sides, user: User) -> ThreadPage:
    """The conversation as one of its two people sees it, newest last, with what is new."""
    thread = (
        Thread.objects.filter(**relationship.thread_key())
        .select_related("mentee", "mentor")
        .annotate(seen=Coalesce(_seen_by(user), Value(0)))
        .first()
    )
    messages: list[Message] = []
    reported: set[int] = set()
    seen = 0
    if thread is not None:
        seen = thread.seen
        messages = list(thread.messages.order_by("id"))
        if any(m.author_id != user.pk for m in messages):
            reported = set(
                Report.objects.filter(reporter=user, message__thread=thread).values_list(
                    "message_id", flat=True
                )
            )
    entries = [
        Entry(
            message=m,
            mine=m.author_id == user.pk,
            new=m.author_id != user.pk and not m.is_hidden and m.pk > seen,
            reported=m.pk in reported,
        )
        for m in messages
    ]
    last_author_id = messages[-1].author_id if messages else None
    return ThreadPage(
        relationship=relationship, role=sides.role, other=sides.other, thread=thread,
        opening=relationship.ask, entries=entries, unread=sum(e.new for e in entries),
        up_to=messages[-1].pk if messages else 0,
        refusal=posting_refusal(
            relationship=relationship, role=sides.role, last_author_id=last_author_id
        ),
        hint=posting_hint(relationship=relationship, role=sides.role),
        max_length=MESSAGE_MAX_LENGTH,
    )  # fmt: skip


# --- Reporting a message --------------------------------------------------------------------


@dataclass(frozen=True)
class ReportPage:
    message: Message
    role: str
    other: Profile
    thread_url: str


def report_page_for(*, message_id: int, user: User) -> ReportPage:
    """A message of one of the person's conversations, to report; NotFound for anyone else."""
    message = (
        Message.objects.select_related(
            "thread__mentee__user",
            "thread__mentor__user",
            "thread__ask__mentorship",
            "thread__mentorship",
        )
        .filter(pk=message_id)
        .filter(Q(thread__mentee__user=user) | Q(thread__mentor__user=user))
        .first()
    )
    if message is None:
        raise NotFound(MISSING)
    thread = message.thread
    sides = sides_of(thread, user, missing=MISSING)
    if thread.ask is not None:
        relationship = Relationship.of_ask(thread.ask)
    else:
        relationship = Relationship(ask=None, mentorship=thread.mentorship)
    return ReportPage(
        message=message, role=sides.role, other=sides.other, thread_url=relationship.thread_url
    )


# --- Unread marks ---------------------------------------------------------------------------


@dataclass(frozen=True)
class UnreadMark:
    slot: str  # the id of the row's placeholder: "unread-ask-12", "unread-mentorship-7"
    count: int


def unread_marks_for(
    *, user: User, ask_ids: Collection[int], mentorship_ids: Collection[int]
) -> list[UnreadMark]:
    """How many messages are new to `user` in the threads of these asks and mentorships (one
    query, however many rows the page has); only threads with something new."""
    if not ask_ids and not mentorship_ids:
        return []
    seen = ReadMark.objects.filter(thread=OuterRef("thread"), reader=user).values("seen_up_to")
    rows = (
        Message.objects.filter(
            Q(thread__mentee__user=user) | Q(thread__mentor__user=user),
            Q(thread__ask_id__in=ask_ids)
            | Q(thread__ask__mentorship__id__in=mentorship_ids)
            | Q(thread__mentorship_id__in=mentorship_ids),
            hidden_at__isnull=True,
            id__gt=Coalesce(Subquery(seen[:1]), Value(0)),
        )
        .exclude(author=user)
        .values_list("thread__ask_id", "thread__ask__mentorship__id", "thread__mentorship_id")
        .annotate(unread=Count("id"))
        .order_by("thread__ask_id", "thread__mentorship_id")
    )
    marks = []
    for ask_id, grown_into, mentorship_id, unread in rows:
        if ask_id in ask_ids:
            marks.append(UnreadMark(f"unread-ask-{ask_id}", unread))
        mentorship_id = mentorship_id or grown_into
        if mentorship_id in mentorship_ids:
            marks.append(UnreadMark(f"unread-mentorship-{mentorship_id}", unread))
    return marks


# --- New messages on the home page -----------------------------------------------------------


@dataclass(frozen=True)
class UnreadThread:
    url: str  # the conversation's own page (`Relationship.thread_url`)
    name: str  # the other side, in words
    count: int


def _unread_threads(user_id: int) -> QuerySet[Message, tuple[Any, ...]]:
    """Per thread of the person's with messages new to them: how many, where the thread lives
    and both sides' names (one GROUP BY, no second read of the threads)."""
    seen = ReadMark.objects.filter(thread=OuterRef("thread"), reader_id=user_id)
    me = Profile.objects.filter(user_id=user_id).values("pk")[:1]
    return (
        Message.objects.filter(
            Q(thread__mentee_id=Subquery(me)) | Q(thread__mentor_id=Subquery(me)),
            hidden_at__isnull=True,
            id__gt=Coalesce(Subquery(seen.values("seen_up_to")[:1]), Value(0)),
        )
        .exclude(author_id=user_id)
        .values(
            "thread_id", "thread__ask_id", "thread__ask__state", "thread__ask__mentorship__id",
            "thread__mentorship_id", "thread__mentee__user_id",
            *named_user("thread__mentee__user"), *named_user("thread__mentor__user"),
        )
        .annotate(unread=Count("id"))
        .order_by()
        .values_list(
            "thread__ask_id", "thread__ask__state", "thread__ask__mentorship__id",
            "thread__mentorship_id", "thread__mentee__user_id",
            *named_user("thread__mentee__user"), *named_user("thread__mentor__user"), "unread",
        )
    )  # fmt: skip


# On the home page for everyone: compiled once per process.
_UNREAD_THREADS = CompiledQuery(_unread_threads)


def unread_threads_for(*, user: User, limit: int = 5) -> list[UnreadThread]:
    """The person's conversations with messages new to them, most new first (one query)."""
    found = []
    names = len(NAME_FIELDS)
    for row in _UNREAD_THREADS.rows(user.pk):
        ask_id, ask_state, grown_into, mentorship_id, mentee_user_id = row[:5]
        # As `Relationship.thread_url`: on the mentorship once there is one (an ask's, once
        # it was accepted), else on the ask.
        if ask_id is not None:
            mentorship_id = grown_into if ask_state == Ask.State.ACCEPTED else None
        if mentorship_id is not None:
            url = path_to("conversations:mentorship", mentorship_id=mentorship_id)
        else:
            url = path_to("conversations:ask", ask_id=ask_id)
        at = 5 + names if mentee_user_id == user.pk else 5  # the other side's name columns
        first, last, email, deleted_at = row[at : at + names]
        other = name_of(first, last, email, deleted=deleted_at is not None)
        found.append(UnreadThread(url, other, row[-1]))
    found.sort(key=lambda row: (-row.count, row.name))
    return found[:limit]
