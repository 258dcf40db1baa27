"""A published match, for its two people: who, why (told to the reader), how to reach them,
and what is left to do (confirm, meet, say how it went)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q, QuerySet

from tandem.accounts.models import User
from tandem.core.errors import NotFound
from tandem.matching.engine.reasons import MENTEE, MENTOR
from tandem.matching.selectors import pair_reasons
from tandem.programs.models import Match, MatchFeedback, Participant, Program, Round
from tandem.programs.wording import after_declined_match, cycle_after, reasons_for

MISSING = "No such match."


def _matches() -> QuerySet[Match]:
    return Match.objects.select_related(
        "program__organization", "round", "mentorship",
        "first__profile__user", "first__profile__organization",
        "second__profile__user", "second__profile__organization",
    )  # fmt: skip


def match_for_user(
    *, slug: str, match_id: int, user: User, lock: bool = False
) -> tuple[Match, Participant, Participant]:
    """(match, my place, theirs) for one of its two people, once its round is published;
    NotFound for anyone else, and for a match of a round not yet published."""
    matches = _matches()
    if lock:
        matches = matches.select_for_update(of=("self",))
    match = (
        matches.filter(pk=match_id, program__slug=slug, round__state=Round.State.PUBLISHED)
        .filter(Q(first__profile__user=user) | Q(second__profile__user=user))
        .first()
    )
    if match is None:
        raise NotFound(MISSING)
    if match.first.profile.user_id == user.pk:
        return match, match.first, match.second
    return match, match.second, match.first


def is_first(match: Match, place: Participant) -> bool:
    return match.first_id == place.pk


def reasons_told(match: Match, me: Participant, other: Participant) -> list[str]:
    """Why the two fit, told to `me`: the reasons the round stored in my voice, else worked
    out again from our profiles, seen from my side (the mentor reads about the mentee)."""
    first = is_first(match, me)
    told = reasons_for(match.reasons, first=first)
    if told or not match.reasons:
        return told
    if match.program.is_pool:
        again = pair_reasons(mentee=me.profile, mentor=other.profile, voice=MENTEE)
    else:
        again = pair_reasons(mentee=other.profile, mentor=me.profile, voice=MENTOR)
    return [text[0].upper() + text[1:] for text in again if text]


@dataclass(frozen=True)
class MatchPage:
    match: Match
    program: Program
    me: Participant
    other: Participant
    my_role: str  # "mentee", "mentor" or "peer": how the reader takes part in this pair
    reasons: list[str]  # why they fit, told to the reader
    i_confirmed: bool
    they_confirmed: bool
    can_answer: bool  # confirm or decline still open to the reader
    contact_shown: bool  # pools always; 1:1 once both said yes
    meet_by: date | None  # coffee: the day the next cycle starts
    feedback: MatchFeedback | None  # the reader's own, once given
    can_give_feedback: bool
    after_decline: str  # a declined match: what happens next ("" when they left the program)


def match_page_for(*, match_id: int, slug: str, user: User, now: datetime) -> MatchPage:
    match, me, other = match_for_user(slug=slug, match_id=match_id, user=user)
    program = match.program
    first = is_first(match, me)
    mine = match.first_confirmed_at if first else match.second_confirmed_at
    theirs = match.second_confirmed_at if first else match.first_confirmed_at
    feedback = MatchFeedback.objects.filter(match=match, author=me).first()
    role = "peer" if program.is_pool else ("mentee" if first else "mentor")
    meet_by = None
    if program.kind == Program.Kind.COFFEE and match.round.cycle_on is not None:
        meet_by = cycle_after(program, match.round.cycle_on)
    after_decline = ""
    if match.state == Match.State.DECLINED and me.state == Participant.State.ACTIVE:
        next_cycle = meet_by if meet_by is not None and meet_by > now.date() else None
        after_decline = after_declined_match(program, next_cycle=next_cycle)
    return MatchPage(
        match=match, program=program, me=me, other=other, my_role=role,
        reasons=reasons_told(match, me, other),
        i_confirmed=mine is not None, they_confirmed=theirs is not None,
        can_answer=match.state == Match.State.PROPOSED and mine is None,
        contact_shown=match.state != Match.State.DECLINED
        and (program.is_pool or match.state == Match.State.CONFIRMED),
        meet_by=meet_by, feedback=feedback,
        can_give_feedback=program.is_pool and feedback is None
        and match.state != Match.State.DECLINED,
        after_decline=after_decline,
    )  # fmt: skip


def matched_ever(*, owner: User, other_id: int) -> bool:
    """Has a published round of a program matched these two, in any state? (They know each
    other by name: registered with `moderation.blocks.may_block_register`.)"""
    return Match.objects.filter(
        Q(first__profile__user=owner, second__profile__user_id=other_id)
        | Q(first__profile__user_id=other_id, second__profile__user=owner),
        round__state=Round.State.PUBLISHED,
    ).exists()
