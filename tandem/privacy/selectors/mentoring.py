"""The export's sections about asks and mentorships: the asks sent and received, each
mentorship with its agreements and goals, and the feedback the person gave on it.

The other side appears by name only, as the person saw them; what is private to the other
side (a mentor's reason for declining an ask the person sent) is left out.
"""

from __future__ import annotations

from django.db.models import Q

from tandem.accounts.models import User
from tandem.mentorships.models import Ask, Feedback, Goal, GoalUpdate, Mentorship
from tandem.privacy.selectors.rows import Row, rows
from tandem.profiles.models import Profile


def _ask(ask: Ask, *, received: bool) -> Row:
    row: Row = {
        "id": ask.pk,
        "mentor" if not received else "mentee": (
            ask.mentor if not received else ask.mentee
        ).user.display_name,
        "state": ask.state,
        "focus_areas": ask.focus_areas,
        "note": ask.note,
        "intro_minutes": ask.intro_minutes,
        "proposed_times": ask.proposed_times,
        "sent_at": ask.sent_at,
        "decided_at": ask.decided_at,
    }
    if received:  # the reason for a no stays private to the mentor who gave it
        row["decline_reason"] = ask.decline_reason
    return row


def asks_section(profile: Profile | None) -> Row:
    """Asks they sent as a mentee and received as a mentor."""
    if profile is None:
        return {"sent": [], "received": []}
    sent = Ask.objects.filter(mentee=profile).select_related("mentor__user")
    received = Ask.objects.filter(mentor=profile).select_related("mentee__user")
    return {
        "sent": [_ask(ask, received=False) for ask in sent],
        "received": [_ask(ask, received=True) for ask in received],
    }


def _mentorship(mentorship: Mentorship, profile: Profile) -> Row:
    mine_as_mentor = mentorship.mentor_id == profile.pk
    other = mentorship.mentee if mine_as_mentor else mentorship.mentor
    return {
        "id": mentorship.pk,
        "your_role": "mentor" if mine_as_mentor else "mentee",
        "other_side": other.user.display_name,
        "state": mentorship.state,
        "started_at": mentorship.created_at,
        "intro_held_at": mentorship.intro_held_at,
        "agreements": [
            {
                "version": a.version,
                "state": a.state,
                "goals": a.goals,
                "cadence": a.cadence,
                "meeting_minutes": a.meeting_minutes,
                "term_months": a.term_months,
                "channel": a.channel,
                "boundaries": a.boundaries,
                "starts_on": a.starts_on,
                "ends_on": a.ends_on,
            }
            for a in mentorship.agreements.all()
        ],
    }


def mentorships_section(profile: Profile | None) -> list[Row]:
    """Each mentorship they were in, from either side, with its agreements."""
    if profile is None:
        return []
    mentorships = (
        Mentorship.objects.filter(Q(mentee=profile) | Q(mentor=profile))
        .select_related("mentee__user", "mentor__user")
        .prefetch_related("agreements")
    )
    return [_mentorship(m, profile) for m in mentorships]


def goals_section(user: User) -> Row:
    """The goals they own, with every update they wrote on any goal."""
    goals = [
        {
            "id": g.pk,
            "mentorship_id": g.mentorship_id,
            "text": g.text,
            "is_learning_goal": g.is_learning_goal,
            "status": g.status,
        }
        for g in Goal.objects.filter(owner=user)
    ]
    updates = rows(
        GoalUpdate.objects.filter(author=user).values("goal_id", "text", "status", "created_at")
    )
    return {"owned": goals, "updates_written": updates}


def mentorship_feedback_given(user: User) -> list[Row]:
    """Feedback they gave on mentorships (the other side's to them is theirs to keep)."""
    return rows(
        Feedback.objects.filter(author=user).values(
            "mentorship_id",
            "occasion",
            "rating",
            "helped",
            "better",
            "appreciated",
            "created_at",
        )
    )
