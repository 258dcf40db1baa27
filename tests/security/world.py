"""The one world the authorization matrix and the fuzz walk share.

A program with its manager, and in it a mentee and a mentor whose mentorship is under way:
a meeting booked ahead with an agenda item, notes and an action item, goals, messages, a
pulse to answer, notifications, a calendar feed, a skill request, a question, an application
waiting, a draft round. Around them: someone signed in with no part in any of it, a manager
of another organization's program, and staff. Everything is made through the factories and
services, as people would have made it.

Each private text carries SECRET, so a page shown to someone it is not for can be caught
showing it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from tandem.accounts.tests.factories import UserFactory
from tandem.conversations.tests.factories import MessageFactory
from tandem.meetings.calendar.services import feed_for
from tandem.meetings.services.follow_through import action_item_add, agenda_add, note_add
from tandem.meetings.tests.factories import ScheduledMeetingFactory
from tandem.mentorships.tests.factories import ActiveMentorshipFactory
from tandem.notifications.tests.factories import NotificationFactory
from tandem.profiles.onboarding import steps_for
from tandem.profiles.services import profile_skill_request_add
from tandem.profiles.tests.factories import OrganizationFactory, ProfileFactory, offer
from tandem.programs.invitations import invitation_token
from tandem.programs.models import Participant
from tandem.programs.services.questions import question_add
from tandem.programs.tests.factories import ParticipantFactory, ProgramFactory, manager_of
from tandem.programs.tests.worlds import draft_with_pair
from tandem.reports.models import Pulse
from tandem.reports.tests.world import program_pair

ANONYMOUS, STRANGER, MENTEE, MENTOR = "anonymous", "stranger", "mentee", "mentor"
OTHER_MANAGER, MANAGER, STAFF = "other_manager", "manager", "staff"
ROLES = (ANONYMOUS, STRANGER, MENTEE, MENTOR, OTHER_MANAGER, MANAGER, STAFF)
SIGNED_IN = frozenset(ROLES) - {ANONYMOUS}
EVERYONE = frozenset(ROLES)
PAIR = frozenset({MENTEE, MENTOR})
RUNS_IT = frozenset({MANAGER, STAFF})  # the program's own manager, and staff (every program)

SECRET = "SECRET"  # in every private text below


@dataclass
class World:
    users: dict[str, Any]  # role → User (None for anonymous)
    ids: dict[str, Any] = field(default_factory=dict)  # what URL arguments are built from


def build_world() -> World:
    now = timezone.now()
    acme = OrganizationFactory(name="Acme Matrix", email_domain="acme-matrix.example")
    program = ProgramFactory(organization=acme, name="Matrix Program", pulse_after_days=30)
    pair = program_pair(program, at=now)  # published, not yet confirmed
    mentee, mentor = pair.mentee.profile, pair.mentor.profile
    mentorship = ActiveMentorshipFactory(mentee=mentee, mentor=mentor)  # from an ask
    meeting = ScheduledMeetingFactory(mentorship=mentorship, now=now)
    agenda = agenda_add(meeting=meeting, actor=mentee.user, text=f"{SECRET} agenda", now=now)
    shared = note_add(
        meeting=meeting, actor=mentee.user, text=f"{SECRET} shared", is_private=False, now=now
    )
    note_add(meeting=meeting, actor=mentor.user, text=f"{SECRET} mine", is_private=True, now=now)
    action = action_item_add(
        meeting=meeting, actor=mentee.user, text=f"{SECRET} action", owner="mentee", now=now
    )
    message = MessageFactory(about=mentorship, author=mentor.user, text=f"{SECRET} message")
    MessageFactory(about=mentorship, author=mentee.user, text=f"{SECRET} reply")
    notification = NotificationFactory(recipient=mentee.user, title=f"{SECRET} notice")
    pulse = Pulse.objects.create(
        program=program, participant=pair.mentee, match=pair.match, moment="intro", sent_at=now
    )
    skill = offer(mentor, "python")
    request = profile_skill_request_add(
        profile=mentee, side="wanted", text="Underwater basket weaving", now=now
    )
    applicant = ParticipantFactory(program=program, state=Participant.State.APPLIED)
    draft, _, _ = draft_with_pair(
        ParticipantFactory(program=program), ParticipantFactory(program=program, role="mentor")
    )
    manager = manager_of(acme)
    other = manager_of(OrganizationFactory(name="Other Org"))
    ProgramFactory(organization=other.memberships.get().organization, name="Their own")
    staff = UserFactory(is_staff=True, is_superuser=True)
    ProfileFactory(user=staff)
    users = {
        ANONYMOUS: None, STRANGER: ProfileFactory().user, MENTEE: mentee.user,
        MENTOR: mentor.user, OTHER_MANAGER: other, MANAGER: manager, STAFF: staff,
    }  # fmt: skip
    ids = {
        "program": program, "slug": program.slug, "mentorship_id": mentorship.pk,
        "ask_id": mentorship.ask.pk, "meeting_id": meeting.pk, "agenda_id": agenda.pk,
        "shared_note": shared.pk,
        "action_id": action.pk, "goal_id": mentorship.goals.order_by("pk").first().pk,
        "message_id": message.pk, "notification_id": notification.pk, "pulse_id": pulse.pk,
        "match_id": pair.match.pk, "mentee_profile": mentee.pk, "mentor_profile": mentor.pk,
        "mentor_user": mentor.user.pk,
        "skill_id": skill.skill_id, "request_id": getattr(request, "pk", None),
        "question_id": question_add(program=program, text="Your team?").pk,
        "participant_id": applicant.pk, "number": draft.number,
        "feed_token": feed_for(user=mentee.user).token,
        "invitation": invitation_token(
            program_id=program.pk, email=users[STRANGER].email, now=now
        ),
        "step": steps_for(mentee)[0].slug,
    }  # fmt: skip
    return World(users=users, ids=ids)
