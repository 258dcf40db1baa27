"""Reads for mentorships: the dashboards, one mentorship page, and the rows its forms act on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery

from tandem.accounts.models import User
from tandem.core.compiled import CompiledQuery
from tandem.core.errors import NotFound
from tandem.core.paths import path_to
from tandem.mentorships.models import (
    Agreement,
    Ask,
    Feedback,
    Goal,
    GoalUpdate,
    Mentorship,
    Transition,
)
from tandem.mentorships.rules import (
    CONNECTED,
    ENDED,
    agreement_current,
    agreement_proposal,
    contact_shared,
    intro_held,
    renewal_open,
    term_review_open,
)
from tandem.mentorships.selectors.asks import own_profile
from tandem.mentorships.selectors.named import NAME_FIELDS as NAME_FIELDS  # read from here too
from tandem.mentorships.selectors.named import avatar_of, day, name_in, named_user
from tandem.mentorships.sides import MENTEE, MENTOR, Sides, sides_of
from tandem.mentorships.wording import Move, history_line, moves_for, next_step
from tandem.profiles.models import Profile
from tandem.skills.models import Skill

MISSING = "No such mentorship."


def mentorships_of(user: User, *, path: str = "") -> Q:
    """The person's mentorships, either side, as a condition on mentorships (or, through
    `path`, on rows that point at one: "mentorship__").

    Their profile id, a one-row subquery read once, is compared with each side's own indexed
    column, so PostgreSQL reads the two indexes and nothing else. `mentee__user=user |
    mentor__user=user`, an OR across two joins that no index answers, read every mentorship
    in the states asked for.
    """
    me = Subquery(Profile.objects.filter(user=user).values("pk")[:1])
    return Q(**{f"{path}mentee_id": me}) | Q(**{f"{path}mentor_id": me})


def named(path: str) -> tuple[str, ...]:
    """For `.only()`: the profile at `path` and its user by name (`sides_of` reads the
    profile's `user_id`, which comes with it)."""
    return named_user(f"{path}__user")


def mentorship_read(build: Callable[[], QuerySet[Mentorship]]) -> CompiledQuery:
    """A page's own read of one mentorship (`build()`: its columns, its annotations; it must
    select both sides with their users) with the check that the viewer is on one side,
    compiled once per process (tandem/core/compiled.py): building and compiling it through the
    ORM cost more CPU than running it. Give it to `mentorship_for_user` as `read`."""

    def theirs(mentorship_id: int, user_id: int) -> QuerySet[Mentorship]:
        either_side = Q(mentee__user_id=user_id) | Q(mentor__user_id=user_id)
        return build().filter(either_side, pk=mentorship_id).order_by()

    return CompiledQuery(theirs, values=2)


# What a write starts from: the mentorship, both sides with their users, and its ask.
_FOR_WRITES = mentorship_read(
    lambda: Mentorship.objects.select_related("mentee__user", "mentor__user", "ask")
)


def mentorship_for_user(
    *, mentorship_id: int, user: User, read: CompiledQuery | None = None
) -> tuple[Mentorship, Sides]:
    """The mentorship with both sides, and the viewer's side of it (what a write starts from);
    NotFound unless the viewer is on one side. A page passes `read`, its own read of the
    mentorship (`mentorship_read`)."""
    found: list[Mentorship] = (read or _FOR_WRITES).objects(mentorship_id, user.pk)
    if not found:
        raise NotFound(MISSING)
    return found[0], sides_of(found[0], user)


def goal_for_user(*, goal_id: int, user: User) -> Goal:
    """A goal of one of the person's mentorships; NotFound for anyone else's."""
    goal = (
        Goal.objects.select_related("mentorship__mentee", "mentorship__mentor")
        .filter(pk=goal_id)
        .filter(Q(mentorship__mentee__user=user) | Q(mentorship__mentor__user=user))
        .first()
    )
    if goal is None:
        raise NotFound("No such goal.")
    return goal


def contact_visible(*, viewer: Profile, other: Profile) -> bool:
    """Contact details show only between people whose ask was accepted (PRODUCT.md F13)."""
    return Mentorship.objects.filter(
        Q(mentee=viewer, mentor=other) | Q(mentee=other, mentor=viewer), state__in=CONNECTED
    ).exists()


# --- Dashboards -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MentorshipRow:
    """One mentorship as a dashboard shows it, every value its row prints worked out here:
    the other side by name and avatar, the state and this side's next step."""

    pk: int
    url: str
    state: str
    state_label: str
    name: str
    initials: str
    colour: int
    step: str


@dataclass(frozen=True)
class DashboardPage:
    profile: Profile
    rows: dict[str, list[MentorshipRow]]  # "mentors" / "mentees"


def _in_force(field: str) -> Subquery:
    """A column of the agreement in force (the latest accepted version), for each row."""
    accepted = Agreement.objects.filter(
        mentorship=OuterRef("pk"), state=Agreement.State.ACCEPTED
    ).order_by("-version")
    return Subquery(accepted.values(field)[:1])


def _dashboard_query(me: int) -> QuerySet[Mentorship, Any]:
    """The person's mentorships either side, newest change first, as the columns the rows
    show and the agreement in force (what an active one's next step reads)."""
    return (
        Mentorship.objects.filter(Q(mentee_id=me) | Q(mentor_id=me))
        .annotate(cadence=_in_force("cadence"), ends_on=_in_force("ends_on"))
        .order_by("-updated_at", "-id")
        .values_list(
            "id", "state", "mentee_id", "cadence", "ends_on",
            "mentee__user_id", *named_user("mentee__user"),
            "mentor__user_id", *named_user("mentor__user"),
        )
    )  # fmt: skip


# The dashboards' one read, compiled once per process (tandem/core/compiled).
_DASHBOARD = CompiledQuery(_dashboard_query)
STATES = dict(Mentorship.State.choices)


def _mentorship_row(row: tuple[Any, ...], role: str, *, now: datetime) -> MentorshipRow:
    """A `_dashboard_query` row as the viewer (on the `role` side) sees it."""
    pk, state, _, cadence, ends_on = row[:5]
    # The mentee sees their mentor, the mentor their mentee.
    user_id, name = (row[10], name_in(row, 11)) if role == MENTEE else (row[5], name_in(row, 6))
    letters, colour = avatar_of(name, user_id)
    mentorship = Mentorship(pk=pk, state=state)
    # As `agreement_current` finds it: the agreement versions' latest accepted one, if any.
    current = (
        Agreement(state=Agreement.State.ACCEPTED, cadence=cadence, ends_on=day(ends_on))
        if cadence is not None
        else None
    )
    mentorship.versions = [current] if current else []  # type: ignore[attr-defined]
    return MentorshipRow(
        pk=pk, url=path_to("mentorships:detail", mentorship_id=pk), state=state,
        state_label=STATES.get(state, state), name=name, initials=letters, colour=colour,
        step=next_step(mentorship, role, now=now, current=current),
    )  # fmt: skip


def dashboard_page_for(*, user: User, now: datetime) -> DashboardPage:
    """Both sides of a person's mentorships, live ones first, each with its next step."""
    profile = own_profile(user=user)
    both = _DASHBOARD.rows(profile.pk)
    rank = {state: i for i, state in enumerate(CONNECTED)}
    both.sort(key=lambda row: rank.get(Mentorship.State(row[1]), len(rank)))
    rows = {
        "mentors": [_mentorship_row(m, MENTEE, now=now) for m in both if m[2] == profile.pk],
        "mentees": [_mentorship_row(m, MENTOR, now=now) for m in both if m[2] != profile.pk],
    }
    return DashboardPage(profile=profile, rows=rows)


# --- One mentorship -------------------------------------------------------------------------


@dataclass(frozen=True)
class MentorshipPage:
    mentorship: Mentorship
    role: str
    me: Profile  # the viewer's own side (the page asks whether they mentor already)
    other: Profile
    now: datetime
    current: Agreement | None  # the agreement in force
    proposal: Agreement | None  # a first agreement or a renewal waiting for an answer
    can_propose: bool  # the mentee, in `intro`, once the intro meeting was held
    next_step: str
    moves: list[Move]
    renewal_open: bool
    ended: bool
    contact_shown: bool  # the other's email and contact detail (the invites ask the same)
    goals: list[Goal]
    goal_rows: list[tuple[Goal, GoalUpdate | None]]  # each goal with its latest update
    goal_statuses: list[tuple[str, str]]
    completion_goals: list[Goal]  # when "Mark complete" is offered: the goals to tick if reached
    # The reviews are read when the page shows them: once it has ended, or in the term review.
    my_feedback: Feedback | None  # the review when it ended, each side's
    their_feedback: Feedback | None
    term_review_open: bool
    term_mine: Feedback | None  # the term review, each side's
    term_theirs: Feedback | None
    history: list[tuple[Transition, str]]  # each audit row with what it means in words


# What the page shows of each side: the name, and the contact details when they are shared.
_SIDE_SHOWN = ("contact_channel", "contact_detail", "timezone", "is_mentor")


def _page_query() -> QuerySet[Mentorship]:
    """The mentorship with the two people, only the columns its page shows."""
    shown = [f"{side}__{field}" for side in ("mentee", "mentor") for field in _SIDE_SHOWN]
    return Mentorship.objects.select_related("mentee__user", "mentor__user").only(
        "state", "intro_held_at", "suggested_terms", *named("mentee"), *named("mentor"), *shown
    )


def _latest_updates(mentorship_id: int) -> QuerySet[GoalUpdate]:
    """Each goal's newest update (the page shows no other), with its author by name."""
    newest = (
        GoalUpdate.objects.filter(goal=OuterRef("goal")).order_by("-created_at", "-id").values("pk")
    )
    return (
        GoalUpdate.objects.filter(goal__mentorship_id=mentorship_id, pk=Subquery(newest[:1]))
        .select_related("author")
        .only("goal", "text", "created_at", *named_user("author"))
    )


# The page's reads, each compiled once per process (tandem/core/compiled.py): the mentorship
# and the viewer's check, the agreement versions, the history, the goals, their latest updates.
_PAGE = mentorship_read(_page_query)
_VERSIONS = CompiledQuery(
    lambda mentorship_id: Agreement.objects.filter(mentorship_id=mentorship_id).order_by("version")
)
_HISTORY = CompiledQuery(
    lambda mentorship_id: (
        Transition.objects.filter(mentorship_id=mentorship_id)
        .select_related("actor")
        .only("mentorship", "from_state", "to_state", "reason", "at", *named_user("actor"))
    )
)
_GOALS = CompiledQuery(
    lambda mentorship_id: Goal.objects.filter(mentorship_id=mentorship_id).only(
        "mentorship", "owner", "text", "is_learning_goal", "status"
    )
)
_LATEST_UPDATES = CompiledQuery(_latest_updates)


def _reviews(mentorship: Mentorship, *, shown: bool) -> dict[str, dict[int, Feedback]]:
    """Each occasion's reviews by author (the latest, if one wrote twice); read only when the
    page shows them (`shown`), else none."""
    reviews: dict[str, dict[int, Feedback]] = {occasion: {} for occasion in Feedback.Occasion}
    if shown:
        for feedback in Feedback.objects.filter(mentorship=mentorship):
            reviews[feedback.occasion][feedback.author_id] = feedback
    return reviews


def mentorship_page_for(*, mentorship_id: int, user: User, now: datetime) -> MentorshipPage:
    """Everything the mentorship page shows, for one of its two people."""
    mentorship, sides = mentorship_for_user(mentorship_id=mentorship_id, user=user, read=_PAGE)
    # Where the rules (rules._versions) and the page's earlier versions read them.
    mentorship.versions = _VERSIONS.objects(mentorship.pk)  # type: ignore[attr-defined]
    goals: list[Goal] = _GOALS.objects(mentorship.pk)
    latest = {update.goal_id: update for update in _LATEST_UPDATES.objects(mentorship.pk)}
    moves = moves_for(mentorship, sides.role)
    completing = any(move.to_state == Mentorship.State.COMPLETED for move in moves)
    current = agreement_current(mentorship)  # once: the next step and both windows read it
    ended = mentorship.state in ENDED
    term_open = term_review_open(mentorship, now=now, current=current)
    reviews = _reviews(mentorship, shown=ended or term_open)
    mine, theirs = sides.me.user_id, sides.other.user_id
    return MentorshipPage(
        mentorship=mentorship, role=sides.role, me=sides.me, other=sides.other, now=now,
        current=current, proposal=agreement_proposal(mentorship),
        can_propose=sides.role == MENTEE and mentorship.state == Mentorship.State.INTRO
        and intro_held(mentorship),
        next_step=next_step(mentorship, sides.role, now=now, current=current),
        moves=moves,
        renewal_open=renewal_open(mentorship, now=now, current=current),
        ended=ended,
        contact_shown=contact_shared(mentorship),
        goals=goals, goal_rows=[(goal, latest.get(goal.pk)) for goal in goals],
        goal_statuses=Goal.Status.choices,
        completion_goals=[g for g in goals if not g.is_learning_goal] if completing else [],
        my_feedback=reviews[Feedback.Occasion.ENDING].get(mine),
        their_feedback=reviews[Feedback.Occasion.ENDING].get(theirs),
        term_review_open=term_open,
        term_mine=reviews[Feedback.Occasion.TERM_REVIEW].get(mine),
        term_theirs=reviews[Feedback.Occasion.TERM_REVIEW].get(theirs),
        history=[(step, history_line(step)) for step in _HISTORY.objects(mentorship.pk)],
    )  # fmt: skip


# --- Graduation ------------------------------------------------------------------------------


@dataclass(frozen=True)
class GraduationPage:
    profile: Profile
    worked_on: list[Skill]  # the skills they wanted to learn: offered only if they pick them


def graduation_page_for(*, user: User) -> GraduationPage:
    """What becoming a mentor starts from: the person and the skills they worked on."""
    profile = own_profile(user=user)
    return GraduationPage(profile=profile, worked_on=list(profile.skills_wanted.order_by("name")))


def paired_ever(*, owner: User, other_id: int) -> bool:
    """Has an ask or a mentorship ever joined these two, either way, in any state? (They know
    each other by name: registered with `moderation.blocks.may_block_register`.)"""
    between = Q(mentee__user=owner, mentor__user_id=other_id) | Q(
        mentee__user_id=other_id, mentor__user=owner
    )
    return Ask.objects.filter(between).exists() or Mentorship.objects.filter(between).exists()
