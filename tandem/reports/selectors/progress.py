"""A person's own progress (issue 12, item 3): each of their mentorships, as mentee and as
mentor, with what happened in it (meetings held, goals, action items, thank-you notes,
feedback), the last twelve months as a chart, and for mentors the impact of their help.

Only the person's own mentorships are read, and of what the other side wrote only what the
meeting and mentorship pages already show them: the thank-you notes addressed to them and the
feedback (rating and words) shared with them. Notes are not read at all, so a private note can
never reach this page. The page costs the same number of queries however many mentorships the
person has: every per-mentorship figure comes from one grouped query or one prefetch.

These are a person's own figures, shown to that person alone, so the "fewer than 5" rule of the
group reports (privacy.py) has nothing to protect here and does not apply.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.formats import date_format

from tandem.accounts.models import User
from tandem.core.charts import Chart
from tandem.meetings.models import ActionItem, Meeting, MeetingFeedback, ThankYou
from tandem.mentorships.models import Feedback, Goal, GoalUpdate, Mentorship
from tandem.mentorships.rules import ENDED
from tandem.mentorships.sides import MENTEE, MENTOR
from tandem.profiles.models import Profile
from tandem.profiles.selectors import profile_for_user
from tandem.reports.selectors.progress_months import over_time_chart

LATEST_THANKS = 3


@dataclass(frozen=True)
class Actions:
    """A mentorship's action items (both sides'), by what became of them."""

    done: int = 0
    tried: int = 0
    dropped: int = 0
    open: int = 0


@dataclass(frozen=True)
class Said:
    """One piece of feedback, with the occasion it was about in words."""

    about: str
    feedback: MeetingFeedback | Feedback


@dataclass(frozen=True)
class Card:
    """One mentorship as the person sees it on their progress page."""

    mentorship: Mentorship
    role: str  # the person's side: MENTEE or MENTOR
    other: Profile
    meetings_held: int
    goals: list[Goal]
    actions: Actions
    thanks: list[ThankYou]  # written to the person (mentors receive them), newest first
    thanks_sent: int  # written by the person (mentees send them)
    received: list[Said]  # what the other side shared with them
    given: list[Said]

    @property
    def ended(self) -> bool:
        return self.mentorship.state in ENDED

    @property
    def goals_reached(self) -> int:
        """The agreement's goals achieved (a mentor's own learning goals aside)."""
        return sum(1 for g in self.goals if _reached(g))


@dataclass(frozen=True)
class Impact:
    """What a mentor's help has done, across every mentorship where they mentor."""

    people_helped: int  # distinct mentees with at least one meeting held
    meetings: int
    goals_reached: int
    thanks: int
    latest_thanks: list[ThankYou] = field(default_factory=list)


@dataclass(frozen=True)
class ProgressPage:
    has_profile: bool
    over_time: Chart
    as_mentee: list[Card]
    as_mentor: list[Card]
    impact: Impact | None  # for people who mentor (or have mentored)
    is_mentee: bool
    is_mentor: bool


def progress_for(*, user: User, today: date) -> ProgressPage:
    """The signed-in person's progress; `today` in their own timezone."""
    profile = profile_for_user(user=user)
    chart = over_time_chart(user=user, profile=profile, today=today)
    if profile is None:
        return ProgressPage(False, chart, [], [], None, False, False)
    cards = _cards(user=user, profile=profile)
    as_mentor = [card for card in cards if card.role == MENTOR]
    mentors = profile.is_mentor or bool(as_mentor)
    return ProgressPage(
        has_profile=True, over_time=chart,
        as_mentee=[card for card in cards if card.role == MENTEE], as_mentor=as_mentor,
        impact=_impact(as_mentor) if mentors else None,
        is_mentee=profile.is_mentee, is_mentor=profile.is_mentor,
    )  # fmt: skip


def _on_either_side(profile: Profile, path: str = "") -> Q:
    prefix = f"{path}__" if path else ""
    return Q(**{f"{prefix}mentee": profile}) | Q(**{f"{prefix}mentor": profile})


def _reached(goal: Goal) -> bool:
    return goal.status == Goal.Status.ACHIEVED and not goal.is_learning_goal


# --- The cards ------------------------------------------------------------------------------


def _cards(*, user: User, profile: Profile) -> list[Card]:
    """Every mentorship of the person, newest first, in a fixed number of queries."""
    updates = GoalUpdate.objects.select_related("author")
    goals = Goal.objects.prefetch_related(Prefetch("updates", queryset=updates))
    mentorships = (
        Mentorship.objects.filter(_on_either_side(profile))
        .select_related("mentee__user", "mentor__user")
        .prefetch_related(Prefetch("goals", queryset=goals, to_attr="goal_rows"))
        .order_by("-created_at", "-id")
    )
    held = _meetings_held(profile)
    actions = _actions(profile)
    thanks = _thanks(profile)
    said = _feedback(profile)
    cards = []
    for mentorship in mentorships:
        mine = mentorship.mentee_id == profile.pk
        notes = thanks.get(mentorship.pk, [])
        received, given = _split(said.get(mentorship.pk, []), user=user, mentorship=mentorship)
        cards.append(
            Card(
                mentorship=mentorship, role=MENTEE if mine else MENTOR,
                other=mentorship.mentor if mine else mentorship.mentee,
                meetings_held=held.get(mentorship.pk, 0),
                goals=mentorship.goal_rows,
                actions=actions.get(mentorship.pk, Actions()),
                thanks=[t for t in notes if t.author_id != user.pk],
                thanks_sent=sum(1 for t in notes if t.author_id == user.pk),
                received=received, given=given,
            )
        )  # fmt: skip
    return cards


def _meetings_held(profile: Profile) -> dict[int, int]:
    rows = (
        Meeting.objects.filter(_on_either_side(profile, "mentorship"), state=Meeting.State.HELD)
        .values("mentorship_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["mentorship_id"]: row["n"] for row in rows}


def _actions(profile: Profile) -> dict[int, Actions]:
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        ActionItem.objects.filter(_on_either_side(profile, "mentorship"))
        .values("mentorship_id", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        counts[row["mentorship_id"]][row["status"]] = row["n"]
    return {pk: Actions(**by_status) for pk, by_status in counts.items()}


def _thanks(profile: Profile) -> dict[int, list[ThankYou]]:
    """Each mentorship's thank-you notes, newest first."""
    notes = (
        ThankYou.objects.filter(_on_either_side(profile, "meeting__mentorship"))
        .select_related("author", "meeting")
        .order_by("-created_at", "-id")
    )
    by_mentorship: dict[int, list[ThankYou]] = defaultdict(list)
    for note in notes:
        by_mentorship[note.meeting.mentorship_id].append(note)
    return by_mentorship


def _feedback(profile: Profile) -> dict[int, list[Said]]:
    """Each mentorship's feedback, on its held meetings (in meeting order) and then on the
    whole mentorship, with what each was about."""
    on_meetings = (
        MeetingFeedback.objects.filter(
            _on_either_side(profile, "meeting__mentorship"), meeting__state=Meeting.State.HELD
        )
        .select_related("meeting")
        .order_by("meeting__starts_at", "meeting_id", "id")
    )
    on_mentorships = Feedback.objects.filter(_on_either_side(profile, "mentorship")).order_by(
        "created_at", "id"
    )
    by_mentorship: dict[int, list[Said]] = defaultdict(list)
    for item in on_meetings:
        held_on = timezone.localtime(item.meeting.starts_at).date()
        about = f"The meeting on {date_format(held_on, 'j M Y')}"
        by_mentorship[item.meeting.mentorship_id].append(Said(about, item))
    for review in on_mentorships:
        by_mentorship[review.mentorship_id].append(Said(review.get_occasion_display(), review))
    return by_mentorship


def _split(
    said: list[Said], *, user: User, mentorship: Mentorship
) -> tuple[list[Said], list[Said]]:
    """What the other side shared with the person, and what the person gave.

    As on the mentorship page, the other side's review of the whole mentorship shows once it
    has ended; their feedback on a held meeting and their term review are theirs to read as
    soon as they are given (the form tells the author the other side will see it)."""
    received, given = [], []
    for item in said:
        if item.feedback.author_id == user.pk:
            given.append(item)
        elif not _ending_review(item.feedback) or mentorship.state in ENDED:
            received.append(item)
    return received, given


def _ending_review(feedback: MeetingFeedback | Feedback) -> bool:
    return isinstance(feedback, Feedback) and feedback.occasion == Feedback.Occasion.ENDING


# --- The impact of a mentor's help ----------------------------------------------------------


def _impact(cards: list[Card]) -> Impact:
    thanks = sorted(
        (note for card in cards for note in card.thanks),
        key=lambda note: (note.created_at, note.pk), reverse=True,
    )  # fmt: skip
    return Impact(
        people_helped=len({card.mentorship.mentee_id for card in cards if card.meetings_held}),
        meetings=sum(card.meetings_held for card in cards),
        goals_reached=sum(card.goals_reached for card in cards),
        thanks=len(thanks),
        latest_thanks=thanks[:LATEST_THANKS],
    )
