"""Deleting an account (PRODUCT.md F1): the person's profile and private content go; what the
other side of a mentorship holds stays theirs, showing the person as "a former member".

The User row is emptied rather than deleted, because mentorships, meetings, shared notes and
feedback point at it (most with CASCADE): deleting it would take the other side's records
with it. Live relationships are ended through their own services, so the other side is told
kindly and calendars get their cancellations.
"""

from __future__ import annotations

import re
from datetime import datetime

from allauth.account.models import EmailAddress
from django.db import transaction
from django.db.models import Q

from tandem.accounts.models import FORMER_MEMBER, User, deleted_email
from tandem.conversations.models import ReadMark
from tandem.growth.careers.services import career_plan_forget
from tandem.growth.education.services import scenarios_delete_all
from tandem.growth.journal.services import journal_delete_all
from tandem.growth.promotion.services import promotion_plan_forget
from tandem.growth.stuck.services import stuck_checks_forget
from tandem.growth.tribes.services import tribes_leave_all
from tandem.meetings.models import CalendarFeed, Meeting, Note
from tandem.meetings.services import meeting_cancel
from tandem.meetings.services.moves import meetings_call_off
from tandem.mentorships.models import Ask, Mentorship
from tandem.mentorships.rules import OPEN
from tandem.mentorships.services.asks import ask_decline, ask_withdraw
from tandem.mentorships.services.mentorships import mentorship_move
from tandem.moderation.models import Block
from tandem.notifications.models import DigestSent, Notification, Preference
from tandem.organizations.models import Membership
from tandem.profiles.choices import Visibility
from tandem.profiles.models import Profile
from tandem.programs.models import Match, MatchFeedback, Participant
from tandem.programs.rules import HOLDING
from tandem.programs.services.enrollment import program_leave

# Said on the person's behalf to the other side of what ends (shown as "Their note: …").
MEETING_NOTE = "I've left Tandem, so this meeting won't go ahead. Sorry to miss it."
PARTING_NOTE = "I've left Tandem, so our mentorship ends here. Thank you for the time together."

# The profile's words and choices put back to their blank defaults.
PROFILE_BLANK = {
    "is_mentee": False, "is_mentor": False, "headline": "", "job_title": "",
    "organization": None, "industry": "", "function": "", "years_experience": 0, "bio": "",
    "goals": "", "target_industry": "", "target_function": "", "target_level": None,
    "focus_areas_sought": [], "mentoring_types_sought": [], "focus_areas_offered": [],
    "mentoring_types_offered": [], "hours_per_month": 0, "capacity": 0, "is_paused": True,
    "city": "", "country": "", "contact_detail": "", "manager_email": "",
    "visibility": Visibility.HIDDEN, "onboarded_at": None,
}  # fmt: skip


@transaction.atomic
def account_delete(*, user: User, now: datetime) -> None:
    """Delete the person's account; a second call changes nothing."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_former_member:
        return
    names = _names_of(user)
    # The name goes first, so every notice raised below already says "a former member".
    user.first_name, user.last_name, user.deleted_at = "", "", now
    user.save(update_fields=["first_name", "last_name", "deleted_at"])
    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        _asks_settle(profile, user, now=now)
        _meetings_cancel(profile, user, now=now)
        _mentorships_close(profile, user, now=now)
        _programs_leave(profile, user, now=now)
        _programs_forget(profile, now=now)
        _notices_rename(profile, names)
        _profile_empty(profile)
        tribes_leave_all(profile=profile)
    _growth_forget(user)
    _own_rows_delete(user)
    _sign_in_remove(user)


def _names_of(user: User) -> list[str]:
    """The words notices used for the person: the full name, then the first name alone."""
    return [name for name in dict.fromkeys((user.display_name, user.first_name.strip())) if name]


def _notices_rename(profile: Profile, names: list[str]) -> None:
    """The other sides' notifications about the person say "a former member" instead of the
    name (notices store their words when raised), with a capital where it starts a sentence,
    as in those just raised by the deletion."""
    pattern = re.compile("|".join(rf"\b{re.escape(name)}\b" for name in names))
    for notice in Notification.objects.filter(recipient_id__in=_counterparts(profile)):
        title = _sentence(pattern.sub(FORMER_MEMBER, notice.title))
        body = _sentence(pattern.sub(FORMER_MEMBER, notice.body))
        if (title, body) != (notice.title, notice.body):
            notice.title, notice.body = title, body
            notice.save(update_fields=["title", "body"])


def _counterparts(profile: Profile) -> set[int]:
    """The users the person's name was told to: the other side of their asks and
    mentorships, and the people programs matched them with (coffee, peers, 1:1)."""
    pairs = [
        *Ask.objects.filter(Q(mentee=profile) | Q(mentor=profile)).values_list(
            "mentee__user_id", "mentor__user_id"
        ),
        *Mentorship.objects.filter(Q(mentee=profile) | Q(mentor=profile)).values_list(
            "mentee__user_id", "mentor__user_id"
        ),
        *Match.objects.filter(Q(first__profile=profile) | Q(second__profile=profile)).values_list(
            "first__profile__user_id", "second__profile__user_id"
        ),
    ]
    others = {user_id for pair in pairs for user_id in pair}
    others.discard(profile.user_id)
    return others


def _sentence(text: str) -> str:
    """A capital at the start, where the name began a sentence."""
    return text[:1].upper() + text[1:]


def _asks_settle(profile: Profile, user: User, *, now: datetime) -> None:
    """Take back the asks they sent and kindly decline those waiting for their answer."""
    for ask in Ask.objects.filter(mentee=profile, state=Ask.State.PENDING):
        ask_withdraw(ask=ask, actor=user, now=now)
    for ask in Ask.objects.filter(mentor=profile, state=Ask.State.PENDING):
        ask_decline(ask=ask, actor=user, now=now)


def _meetings_cancel(profile: Profile, user: User, *, now: datetime) -> None:
    """Call off the meetings still ahead, so both calendars drop them. In a live mentorship
    through `meeting_cancel` (the other side is told, with the note). A mentorship that has
    ended refuses that move, yet may still hold meetings: one begun before it ended waits to be
    marked, and those ended before meetings were called off with them kept theirs. Those go
    the way an ending takes them (`meetings_call_off`: a CANCEL to calendars, no notice); one
    already begun stays as it is, for the other side to mark where they still can."""
    mine = Q(mentorship__mentee=profile) | Q(mentorship__mentor=profile)
    upcoming = Meeting.objects.filter(mine, state__in=Meeting.UPCOMING)
    for meeting in upcoming.filter(mentorship__state__in=OPEN).order_by("pk"):
        meeting_cancel(meeting=meeting, actor=user, now=now, note=MEETING_NOTE)
    holding = upcoming.exclude(mentorship__state__in=OPEN).values("mentorship_id")
    ended = Mentorship.objects.select_for_update(of=("self",)).filter(pk__in=holding)
    for mentorship in ended.order_by("pk"):
        meetings_call_off(mentorship, actor=user, now=now)


def _mentorships_close(profile: Profile, user: User, *, now: datetime) -> None:
    """Close the live mentorships, freeing the mentor's place; finished ones stay as they are."""
    live = Mentorship.objects.filter(
        Q(mentee=profile) | Q(mentor=profile), state__in=Mentorship.HOLDING_A_PLACE
    )
    for mentorship in live:
        mentorship_move(
            mentorship=mentorship, actor=user, to_state=Mentorship.State.CLOSED, now=now,
            reason=PARTING_NOTE,
        )  # fmt: skip


def _programs_leave(profile: Profile, user: User, *, now: datetime) -> None:
    """Leave every program (matches still waiting are declined, the other person told)."""
    places = Participant.objects.filter(profile=profile, state__in=HOLDING).select_related(
        "program"
    )
    for place in places:
        program_leave(program=place.program, user=user, now=now)


def _programs_forget(profile: Profile, *, now: datetime) -> None:
    """What they told programs goes: their answers to the program's questions, their
    department (shown to managers and in exports) and the words of their feedback on
    matches. The rating stays, unnamed, as it counted in the program's figures."""
    Participant.objects.filter(profile=profile).update(answers={}, department="", updated_at=now)
    MatchFeedback.objects.filter(author__profile=profile).exclude(note="").update(
        note="", updated_at=now
    )


def _profile_empty(profile: Profile) -> None:
    """Empty the profile but keep its row: the other side's mentorships and asks point at it."""
    for field, value in PROFILE_BLANK.items():
        setattr(profile, field, value)
    # Only these fields: the places count was recounted by the closures, under a lock.
    profile.save(update_fields=[*PROFILE_BLANK, "updated_at"])
    profile.skills_offered.all().delete()
    profile.skill_requests.all().delete()
    for related in (profile.skills_wanted, profile.languages, profile.competitors):
        related.clear()


def _own_rows_delete(user: User) -> None:
    """What was only ever theirs: private notes, notifications and their settings, the calendar
    feed, read marks, blocks and mutes (either way), organization roles."""
    Note.objects.filter(author=user, is_private=True).delete()
    Notification.objects.filter(recipient=user).delete()
    Preference.objects.filter(user=user).delete()
    DigestSent.objects.filter(user=user).delete()
    CalendarFeed.objects.filter(user=user).delete()
    ReadMark.objects.filter(reader=user).delete()
    Block.objects.filter(Q(owner=user) | Q(other=user)).delete()
    Membership.objects.filter(user=user).delete()


def _growth_forget(user: User) -> None:
    """The career-growth tools were private to them: all of it goes. Questions they shared
    onto agendas stay with the meetings, like the rest of what they wrote there."""
    career_plan_forget(owner=user)
    promotion_plan_forget(owner=user)
    scenarios_delete_all(owner=user)
    stuck_checks_forget(owner=user)
    journal_delete_all(owner=user)


def _sign_in_remove(user: User) -> None:
    """Nobody can sign in as them again: no address, no password, not active. A new password
    hash also ends their sessions elsewhere (Django checks it on every request)."""
    EmailAddress.objects.filter(user=user).delete()
    user.email = deleted_email(user.pk)
    user.set_unusable_password()
    user.is_active = user.is_staff = user.is_superuser = False
    user.save(update_fields=["email", "password", "is_active", "is_staff", "is_superuser"])
    user.groups.clear()
    user.user_permissions.clear()
