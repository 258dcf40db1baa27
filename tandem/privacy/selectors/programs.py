"""The export's sections about programs beyond the places themselves (those are in
`people.programs_section`): the matches a program made for the person, the feedback they gave
on them, and their answers to the program's pulse question.

The other person in a match appears by name only, as the person saw them; what the other side
said about the match (their feedback, their pulse) is theirs and is left out.
"""

from __future__ import annotations

from django.db.models import Q

from tandem.privacy.selectors.rows import Row, rows
from tandem.profiles.models import Profile
from tandem.programs.models import Match, MatchFeedback
from tandem.reports.models import Pulse


def _match(match: Match, profile: Profile) -> Row:
    mine, other = (
        (match.first, match.second)
        if match.first.profile_id == profile.pk
        else (match.second, match.first)
    )
    return {
        "id": match.pk,
        "program": match.program.name,
        "round": match.round.number,
        "other_side": other.profile.user.display_name,
        "state": match.state,
        "score": match.score,
        "you_confirmed_at": (
            match.first_confirmed_at if mine.pk == match.first_id else match.second_confirmed_at
        ),
        "mentorship_id": match.mentorship_id,
        "made_at": match.created_at,
    }


def matches_section(profile: Profile | None) -> list[Row]:
    """Each match a program made for them, with whom, how it stood and how well it scored."""
    if profile is None:
        return []
    matches = (
        Match.objects.filter(Q(first__profile=profile) | Q(second__profile=profile))
        .select_related("program", "round", "first__profile__user", "second__profile__user")
        .order_by("id")
    )
    return [_match(match, profile) for match in matches]


def match_feedback_given(profile: Profile | None) -> list[Row]:
    """How they said a coffee chat or a peer intro went."""
    if profile is None:
        return []
    return rows(
        MatchFeedback.objects.filter(author__profile=profile)
        .order_by("id")
        .values("match_id", "met", "rating", "meet_again", "note", "created_at")
    )


def pulses_section(profile: Profile | None) -> list[Row]:
    """The program's "would you recommend it?" question each time they were asked, and their
    answer (0 to 10) where they gave one."""
    if profile is None:
        return []
    pulses = Pulse.objects.filter(participant__profile=profile).select_related("program")
    return [
        {
            "program": pulse.program.name,
            "match_id": pulse.match_id,
            "moment": pulse.moment,
            "asked_at": pulse.sent_at,
            "score": pulse.score,
            "answered_at": pulse.answered_at,
        }
        for pulse in pulses.order_by("id")
    ]
