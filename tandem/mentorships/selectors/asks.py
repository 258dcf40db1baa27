"""Reads for asks: one ask for its people, the inbox, and what the ask form needs."""

from __future__ import annotations

import functools
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst

from tandem.accounts.models import User
from tandem.core.compiled import CompiledQuery
from tandem.core.errors import NotFound
from tandem.core.moments import moment_from_iso
from tandem.core.paths import path_to
from tandem.core.templatetags.display import joined
from tandem.core.zones import zone_named
from tandem.matching.encode import MENTEE_FIELDS
from tandem.matching.engine.reasons import MENTOR as MENTOR_VOICE
from tandem.matching.selectors import (
    RecommendedMentor,
    Suggestions,
    pair_reasons,
    pair_reasons_for_mentor,
    recommendations_for_mentee,
    suggestions_for_mentee,
)
from tandem.mentorships.models import Ask
from tandem.mentorships.rules import ask_refusal, suggested_times
from tandem.mentorships.selectors.inbox_rows import AskRow, Inbox, inboxes_of
from tandem.mentorships.selectors.named import avatar_of
from tandem.mentorships.sides import MENTOR, Sides, sides_of
from tandem.mentorships.wording import focus_labels
from tandem.profiles.choices import Level
from tandem.profiles.models import Profile
from tandem.profiles.selectors import (
    profile_for_user,
    profile_get_visible,
    profile_ids_visible,
    profile_openable,
)
from tandem.skills.models import Skill

RECENT_DECIDED = 20
REFERRALS_KEPT = 120  # seconds: how long one ask's list of other mentors to suggest is kept
MISSING = "No such request."
ENDED_ASK = (Ask.State.DECLINED, Ask.State.EXPIRED, Ask.State.WITHDRAWN)


def _asks() -> QuerySet[Ask]:
    """Asks with what one ask's page shows of it. Every table joined here is planned on each
    read (about a millisecond a table), so only what the pages use: not the mentor's
    organization, which no ask page shows."""
    return Ask.objects.select_related(
        "mentee__user", "mentee__organization", "mentor__user", "referred_to__user", "mentorship"
    )


def own_profile(*, user: User) -> Profile:
    """The person's own profile; NotFound until they have made one."""
    profile = profile_for_user(user=user)
    if profile is None:
        raise NotFound("Finish your profile first.")
    return profile


def _theirs(ask_id: int, user_id: int) -> QuerySet[Ask]:
    either_side = Q(mentee__user_id=user_id) | Q(mentor__user_id=user_id)
    return _asks().filter(either_side, pk=ask_id).order_by()


# The ask page's read and every answer's: compiled once per process (tandem/core/compiled),
# since building and compiling it through the ORM cost more CPU than running it.
_ASK = CompiledQuery(_theirs, values=2)


def ask_for_user(*, ask_id: int, user: User) -> tuple[Ask, Sides]:
    """The ask and the viewer's side of it; anyone else gets NotFound (a 404)."""
    found: list[Ask] = _ASK.objects(ask_id, user.pk)
    if not found:
        raise NotFound(MISSING)
    return found[0], sides_of(found[0], user, missing=MISSING)


def suggestions_for(
    profile: Profile, k: int = 3, *, leaving_out: Collection[int] = (),
    declined: Collection[int] = (),
) -> Suggestions:  # fmt: skip
    """Other mentors to try, for a mentee (after a no, a lapse, or a mentor who is full),
    none in `leaving_out` (one already on the page) or `declined` (the mentor who said no),
    and a word on wanted skills whose mentors are all paused or full."""
    if not profile.is_mentee:
        return Suggestions(picks=[], out_of_reach=[])
    return suggestions_for_mentee(profile=profile, k=k, leaving_out=leaving_out, declined=declined)


# --- The ask form ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AskFormPage:
    mentee: Profile
    mentor: Profile
    waiting: Ask | None  # a request already waiting with this mentor: the page goes there
    reason: str | None  # why this mentee can't ask this mentor now, said before they write
    suggestions: list[RecommendedMentor]  # others to ask instead, when they can't
    out_of_reach: list[str]  # wanted skills whose mentors aren't taking requests, when they can't
    shared_focus: list[str]  # what the form starts with: focus areas both sides share


def ask_form_page_for(*, user: User, mentor_id: int, now: datetime) -> AskFormPage:
    """What the ask form needs; NotFound for a mentor the person may not see or ask."""
    mentee = own_profile(user=user)
    mentor = profile_openable(profile_id=mentor_id, viewer=user)  # the form shows no lists
    if mentor is None or not mentor.is_mentor or mentor.pk == mentee.pk:
        raise NotFound("No such mentor.")
    waiting = Ask.objects.filter(mentee=mentee, mentor=mentor, state=Ask.State.PENDING).first()
    reason = None if waiting else ask_refusal(mentee=mentee, mentor=mentor, now=now)
    shared = [f for f in mentee.focus_areas_sought if f in mentor.focus_areas_offered]
    others = suggestions_for(mentee, leaving_out={mentor.pk}) if reason else None
    return AskFormPage(
        mentee=mentee, mentor=mentor, waiting=waiting, reason=reason,
        suggestions=others.picks if others else [],
        out_of_reach=others.out_of_reach if others else [], shared_focus=shared[:3],
    )  # fmt: skip


# --- One ask --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SuggestedTime:
    """One of the mentee's suggested intro times, as the mentor picks from them."""

    at: datetime  # in UTC; pages show it in the viewer's (the mentor's) timezone
    value: str  # what the form posts back
    theirs: str  # the mentee's own clock then: "19:30", or "Wed 4 Mar, 02:00" on another day


@dataclass(frozen=True)
class AskPage:
    ask: Ask
    role: str
    is_mentor: bool
    focus_labels: str
    times: list[datetime]  # the suggested times (pages show them in the viewer's timezone)
    open_times: list[SuggestedTime]  # for the mentor deciding: those still ahead, to pick from
    reasons: list[str]  # for the mentor: why the two fit
    referral_choices: list[tuple[int, str]]  # for the mentor: whom they may suggest instead
    full: bool  # for the mentor: no free place to accept into
    suggestions: list[RecommendedMentor]  # for the mentee, once the ask is over: others to try
    out_of_reach: list[str]  # for the mentee, then: wanted skills nobody can take on right now
    mentee: MenteeShown | None  # for the mentor: the mentee as the page introduces them
    paths: AskPaths


@dataclass(frozen=True)
class AskPaths:
    """Where the page's links and forms go, put together without a `{% url %}` tag each (a
    reverse costs about 0.1 ms; these are resolved once per URL name, `path_to`)."""

    report: str
    book: str
    accept: str
    decline: str
    withdraw: str
    messages: str
    ask_referred: str  # asking the mentor suggested instead ("" when none was)

    @classmethod
    def of(cls, ask: Ask) -> AskPaths:
        pk, referred = ask.pk, ask.referred_to_id
        instead = "" if referred is None else path_to("mentorships:ask_new", profile_id=referred)
        return cls(
            report=path_to("mentorships:ask_report", ask_id=pk),
            book=path_to("meetings:ask_book", ask_id=pk),
            accept=_answer_path(pk, "accept"), decline=_answer_path(pk, "decline"),
            withdraw=_answer_path(pk, "withdraw"),
            messages=path_to("conversations:ask", ask_id=pk),
            ask_referred=instead,
        )  # fmt: skip


_MARKER = 987654321  # an id, marking where each ask's own goes


@functools.cache
def _around_answer(answer: str) -> tuple[str, str]:
    head, tail = reverse("mentorships:ask_answer", args=[_MARKER, answer]).split(str(_MARKER))
    return head, tail


def _answer_path(ask_id: int, answer: str) -> str:
    """Where the form answering the ask this way posts (`path_to` takes one id only)."""
    head, tail = _around_answer(answer)
    return f"{head}{ask_id}{tail}"


@dataclass(frozen=True)
class MenteeShown:
    """What the mentor's page prints about the mentee beyond their profile's own fields,
    worked out here rather than by a tag, a reverse or a query from the template."""

    initials: str  # the avatar's letters and colour, as `{% avatar %}` draws them
    colour: int
    facts: str  # job title · organization · level
    url: str  # their profile
    skills_wanted: str  # by name, comma separated


# The mentee's wanted skills by name, in the skills' own order: compiled once per process.
_SKILLS_WANTED = CompiledQuery(
    lambda profile_id: Skill.objects.filter(wanted_by=profile_id).values_list("name")
)
LEVELS = dict(Level.choices)


def _mentee_shown(mentee: Profile) -> MenteeShown:
    name = mentee.user.display_name
    letters, colour = avatar_of(name, mentee.user_id)
    organization = mentee.organization.name if mentee.organization else None
    return MenteeShown(
        initials=letters, colour=colour,
        facts=joined(mentee.job_title, organization, LEVELS.get(mentee.level, mentee.level)),
        url=path_to("profiles:detail", profile_id=mentee.pk),
        skills_wanted=", ".join(skill for (skill,) in _SKILLS_WANTED.rows(mentee.pk)),
    )  # fmt: skip


def referral_choices_for(ask: Ask) -> list[tuple[int, str]]:
    """Mentors the mentee could ask instead: their own recommendations, this mentor aside,
    and only those the mentor may see too (an organization-only profile stays private).

    Worked out once per ask and kept REFERRALS_KEPT seconds: it is the mentee's whole
    recommendations run (about half the page's cost), and the page and the decline it posts
    then offer and accept the same list. A suggestion picked from it is checked again when
    the decline is saved (`referral_pick`)."""
    key = f"ask-referrals:{ask.pk}"
    kept = cache.get(key)
    if kept is None:
        kept = _referral_choices(ask)
        cache.set(key, kept, REFERRALS_KEPT)
    return [(pk, label) for pk, label in kept]


def _referral_choices(ask: Ask) -> list[tuple[int, str]]:
    picks = recommendations_for_mentee(profile=ask.mentee, k=6)
    visible = profile_ids_visible(ids=[p.profile.pk for p in picks], viewer=ask.mentor.user)
    return [
        (
            p.profile.pk,
            f"{p.profile.user.display_name} — {p.profile.headline or p.profile.job_title}",
        )
        for p in picks
        if p.profile.pk in visible and p.profile.pk != ask.mentor_id
    ][:5]


def referral_pick(*, ask: Ask, profile_id: int) -> Profile | None:
    """The mentor a decliner suggests, if the mentee may still see them."""
    return profile_get_visible(profile_id=profile_id, viewer=ask.mentee.user)


def open_times_for(ask: Ask, *, now: datetime) -> list[SuggestedTime]:
    """The suggested times still ahead, each with the mentee's local time beside it (the day
    too when it differs from the mentor's day)."""
    mine, theirs = zone_named(ask.mentor.timezone), zone_named(ask.mentee.timezone)
    times = []
    for at in suggested_times(ask):
        if at <= now:
            continue
        there = at.astimezone(theirs)
        same_day = there.date() == at.astimezone(mine).date()
        label = (
            f"{there:%H:%M}" if same_day else f"{there:%a} {there.day} {there:%b}, {there:%H:%M}"
        )
        times.append(SuggestedTime(at=at, value=at.isoformat(), theirs=label))
    return times


def ask_page_for(
    *, ask_id: int, user: User, referral_choices: list[tuple[int, str]] | None = None,
    now: datetime | None = None,
) -> AskPage:  # fmt: skip
    """One ask as either side sees it: the mentor decides there, the mentee follows it.

    `referral_choices` saves working them out again when the page is shown back with a
    decline form that already has them; `now` (the clock by default) decides which suggested
    times are still ahead.
    """
    ask, sides = ask_for_user(ask_id=ask_id, user=user)
    deciding = sides.role == MENTOR and ask.state == Ask.State.PENDING
    others = None
    if sides.role != MENTOR and ask.state in ENDED_ASK:
        # Never the mentor who said no or let it lapse, nor the one they suggested: that
        # one has a card of their own above the list.
        others = suggestions_for(
            ask.mentee, declined={ask.mentor_id},
            leaving_out={ask.referred_to_id} if ask.referred_to_id is not None else (),
        )  # fmt: skip
    if referral_choices is None and deciding:
        referral_choices = referral_choices_for(ask)
    # The places held as the services keep them on the profile (the directory's and
    # matching's figure too); accepting counts them afresh under the mentor's row lock.
    full = deciding and ask.mentor.places_taken >= ask.mentor.capacity
    return AskPage(
        ask=ask, role=sides.role, is_mentor=sides.role == MENTOR,
        focus_labels=focus_labels(ask.focus_areas),
        times=[moment_from_iso(t) for t in ask.proposed_times],
        open_times=open_times_for(ask, now=now or timezone.now()) if deciding and not full else [],
        reasons=pair_reasons(mentee=ask.mentee, mentor=ask.mentor, voice=MENTOR_VOICE)
        if sides.role == MENTOR
        else [],
        referral_choices=referral_choices if deciding and referral_choices else [],
        full=full,
        suggestions=others.picks if others else [],
        out_of_reach=others.out_of_reach if others else [],
        mentee=_mentee_shown(ask.mentee) if sides.role == MENTOR else None,
        paths=AskPaths.of(ask),
    )  # fmt: skip


# --- The inbox ------------------------------------------------------------------------------


@dataclass(frozen=True)
class InboxPage:
    profile: Profile
    received: Inbox | None  # for mentors
    waiting: list[tuple[AskRow, str, list[str]]]  # each waiting ask, its focus, two reasons
    sent: Inbox


# Who waits for a mentor's answer, as matching reads them for the reasons: only the columns
# it encodes of a mentee, not whole rows (bios, contact details and the like it never reads).
_WAITING_MENTEES = CompiledQuery(
    lambda me: (
        Profile.objects.filter(asks_sent__mentor_id=me, asks_sent__state=Ask.State.PENDING)
        .only(*MENTEE_FIELDS)
        .order_by()
    )
)


def _inboxes(profile: Profile) -> tuple[Inbox, Inbox]:
    """(asked of this person, sent by them): every waiting ask and the RECENT_DECIDED latest
    answers on each side."""
    return inboxes_of(profile.pk, latest=RECENT_DECIDED)


def inbox_page_for(*, user: User) -> InboxPage:
    """Requests received (for mentors), each waiting one with its focus and two reasons in one
    batch, and requests sent (for mentees)."""
    profile = own_profile(user=user)
    received, sent = _inboxes(profile)
    asks = received.waiting if profile.is_mentor else []
    mentees = _WAITING_MENTEES.objects(profile.pk) if asks else []
    reasons = pair_reasons_for_mentor(mentor=profile, mentees=mentees, voice=MENTOR_VOICE)
    waiting = [
        (ask, focus_labels(ask.focus), [capfirst(r) for r in reasons.get(ask.other_id, [])[:2]])
        for ask in asks
    ]
    return InboxPage(
        profile=profile, received=received if profile.is_mentor else None, waiting=waiting,
        sent=sent,
    )  # fmt: skip
