"""A lived-in Tandem for the phone test: the demo people, and for the demo logins asks,
mentorships and meetings in every state, made through the services (so notifications,
audit rows and agreements are real), with the awkward data real people bring: a missing job
title, a very long email address, a note with a long unbroken link."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from tandem.accounts.tests.factories import PASSWORD, UserFactory
from tandem.conversations.tests.factories import MessageFactory
from tandem.demo.logins import DEMO_PASSWORD, NAMED_PEOPLE
from tandem.demo.services import demo_load
from tandem.meetings.services import (
    meeting_cancel,
    meeting_mark,
    meeting_reschedule,
)
from tandem.meetings.tests.factories import (
    HeldMeetingFactory,
    ProposedMeetingFactory,
    ScheduledMeetingFactory,
)
from tandem.mentorships.models import Mentorship
from tandem.mentorships.services.agreements import agreement_accept, agreement_propose
from tandem.mentorships.services.asks import ask_decline, ask_expire, ask_withdraw
from tandem.mentorships.services.mentorships import mentorship_move
from tandem.mentorships.tests.factories import GOALS, AskFactory, IntroFactory
from tandem.profiles.models import Profile
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory, offer
from tandem.programs.services.matches import match_confirm
from tandem.programs.services.participants import participant_add
from tandem.programs.services.programs import program_create
from tandem.programs.tests.worlds import match_of
from tandem.reports.models import Pulse

from .phone_programs import programs_for_phones
from .phone_rounds import program_with_rounds
from .site_pages import BOTH, MENTEE, MENTOR, NEWCOMER, STAFF, VISITOR, Viewer

DAY, HOUR = timedelta(days=1), timedelta(hours=1)
LONG_EMAIL = "alexandra.konstantinopoulou-worthington@research.example-university.ac.uk"
LONG_LINK = "https://portfolio.example.org/case-studies/analytics-dashboard-redesign-2026-final"
NEWCOMER_EMAIL = "newcomer@example.com"
S = Mentorship.State


def _named(role: str) -> Profile:
    email = next(p.email for p in NAMED_PEOPLE if p.role == role)
    return Profile.objects.select_related("user").get(user__email=email)


def _mentor(**fields: object):  # -> Profile (factory-boy types the call as the factory)
    mentor = MentorProfileFactory(**fields)
    offer(mentor, "python")
    return mentor


def _asks_in_every_state(mentee: Profile, mentor: Profile, now: datetime) -> None:
    """The mentee's asks lapsed, withdrawn and declined with a referral; the mentor's answered."""
    lapsed = AskFactory(mentee=mentee, mentor=_mentor(), now=now - 20 * DAY)
    ask_expire(ask=lapsed, now=now - 6 * DAY)
    taken_back = AskFactory(mentee=mentee, mentor=_mentor(), now=now - 4 * DAY)
    ask_withdraw(ask=taken_back, actor=mentee.user, now=now - 3 * DAY)
    declined = AskFactory(mentee=mentee, mentor=_mentor(), now=now - 3 * DAY)
    ask_decline(ask=declined, actor=declined.mentor.user, now=now - 2 * DAY,
                reason="Too busy this quarter", refer_to=_mentor())  # fmt: skip
    # The mentor has answered a few asks (so their card can say how quickly), one from a
    # mentee with no job title, whose note carries a long link.
    for days, title in ((9, ""), (5, "Graduate analyst")):
        asker = ProfileFactory(job_title=title)
        ask = AskFactory(mentee=asker, mentor=mentor, now=now - days * DAY,
                         note=f"Hello! My portfolio is at {LONG_LINK}, 20 minutes?")  # fmt: skip
        ask_decline(ask=ask, actor=mentor.user, now=now - (days - 1) * DAY)
    AskFactory(mentee=ProfileFactory(job_title=""), mentor=mentor, now=now - DAY)


def _proposed(mentee: Profile, now: datetime):  # -> Mentorship
    """An intro that was held, then the mentee proposed an agreement (at `now`)."""
    mentorship = IntroFactory(mentee=mentee, mentor=_mentor(), now=now - 9 * DAY)
    HeldMeetingFactory(mentorship=mentorship, now=now - 8 * DAY)
    agreement_propose(mentorship=mentorship, actor=mentee.user, goals=list(GOALS), cadence="1m",
                      meeting_minutes=45, term_months=12, now=now)  # fmt: skip
    return mentorship


def _mentorships_in_every_state(mentee: Profile, now: datetime) -> None:
    IntroFactory(mentee=mentee, mentor=_mentor(user=UserFactory(email=LONG_EMAIL)),
                 now=now - 2 * DAY)  # fmt: skip
    _proposed(mentee, now - 3 * DAY)
    for path in ([S.PAUSED], [S.COMPLETED], [S.COMPLETED, S.ALUMNI], [S.CLOSED]):
        mentorship = _proposed(mentee, now - 60 * DAY)
        agreement_accept(mentorship=mentorship, actor=mentorship.mentor.user, now=now - 59 * DAY)
        for step, to_state in enumerate(path):
            when = now - (20 - step) * DAY
            mentorship_move(mentorship=mentorship, actor=mentee.user, to_state=to_state,
                            now=when, reason="Thank you for everything")  # fmt: skip


def _meetings_in_every_state(mentorship: Mentorship, now: datetime) -> None:
    ProposedMeetingFactory(mentorship=mentorship, now=now)
    earlier = now - 6 * DAY
    HeldMeetingFactory(mentorship=mentorship, now=earlier)
    missed = ScheduledMeetingFactory(mentorship=mentorship, now=earlier)
    assert missed.starts_at is not None
    meeting_mark(meeting=missed, actor=mentorship.mentor.user, to_state="no_show",
                 now=missed.starts_at + timedelta(minutes=20))  # fmt: skip
    called_off = ScheduledMeetingFactory(mentorship=mentorship, now=now - DAY)
    meeting_cancel(meeting=called_off, actor=mentorship.mentee.user, now=now, note="Unwell")
    moved = ScheduledMeetingFactory(mentorship=mentorship, now=now - DAY)
    meeting_reschedule(meeting=moved, actor=mentorship.mentor.user, now=now,
                       slots=[now + 5 * DAY, now + 6 * DAY], note="Travelling")  # fmt: skip


def _messages(mentorship: Mentorship, now: datetime) -> None:
    """A few messages each way, one with a long link, so the threads have something to show."""
    mentee, mentor = mentorship.mentee.user, mentorship.mentor.user
    for hours, author, text in (
        (30, mentor, "Before we meet: could you send me the deck you mentioned?"),
        (29, mentee, f"Of course, here it is: {LONG_LINK}"),
        (2, mentor, "Thanks! I've added two questions to the agenda."),
    ):
        MessageFactory(about=mentorship, author=author, text=text, now=now - hours * HOUR)


def _pulse(mentee: Profile, now: datetime) -> None:
    """A 1:1 program that introduced the demo mentee to a mentor a month ago, and the pulse
    the sweep then asked them (written as the row it leaves), for the pulse page."""
    organization = mentee.organization
    assert organization is not None
    program = program_create(organization=organization, actor=None, name="Growing in data")
    first = participant_add(program=program, profile=mentee)
    second = participant_add(program=program, profile=_mentor(), role="mentor")
    match = match_of(first, second, now=now - 31 * DAY)
    for place in (first, second):
        match_confirm(slug=program.slug, match_id=match.pk, user=place.profile.user,
                      now=now - 30 * DAY)  # fmt: skip
    Pulse.objects.create(
        program=program, participant=first, match=match, moment=Pulse.Moment.AFTER_INTRO,
        sent_at=now - DAY,
    )  # fmt: skip


def world_build() -> list[Viewer]:
    """The demo, then every state for the demo mentee and mentor; returns who walks the site."""
    now = timezone.now()
    demo_load(people=40, seed=3, now=now)
    mentee, mentor, both, staff = (
        _named("Mentee"), _named("Mentor"), _named("Mentor and mentee"), _named("Staff (admin)"),
    )  # fmt: skip
    _asks_in_every_state(mentee, mentor, now)
    _mentorships_in_every_state(mentee, now)
    active = Mentorship.objects.get(mentee=mentee, mentor=mentor, state=S.ACTIVE)
    _meetings_in_every_state(active, now)
    _messages(active, now)
    mentee.contact_detail = LONG_LINK
    mentee.save(update_fields=["contact_detail"])
    program_with_rounds(now=now, long_email=LONG_EMAIL)
    _pulse(mentee, now)

    newcomer = UserFactory(email=NEWCOMER_EMAIL)
    ProfileFactory(user=newcomer, is_mentor=True, onboarded_at=None, job_title="")
    extras = {
        "free_mentor": _mentor(job_title=""),
        "paused_mentor": _mentor(is_paused=True),
        **programs_for_phones(mentee=mentee, mentor=mentor, both=both),
    }
    return [
        Viewer(VISITOR, None, "", extras),
        Viewer(NEWCOMER, newcomer, PASSWORD, extras),
        *(Viewer(role, p.user, DEMO_PASSWORD, extras)
          for role, p in ((MENTEE, mentee), (MENTOR, mentor), (BOTH, both), (STAFF, staff))),
    ]  # fmt: skip
