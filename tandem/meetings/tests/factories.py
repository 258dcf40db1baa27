"""Factories for meetings, built through the services: times offered by one side
(`meeting_propose`), a meeting scheduled when the other side picks one (`meeting_schedule`,
which also enqueues the invites and reminders), and one marked held once it began
(`meeting_mark`)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import factory

from tandem.core.tests.clock import NOW
from tandem.meetings.models import Meeting
from tandem.meetings.services import meeting_mark, meeting_propose, meeting_schedule
from tandem.mentorships.models import Mentorship
from tandem.mentorships.tests.factories import IntroFactory

HOUR = timedelta(hours=1)
MINUTE = timedelta(minutes=1)


class ProposedMeetingFactory(factory.django.DjangoModelFactory[Meeting]):
    """Times offered at `now` for a meeting of `mentorship` (an intro by default), by the
    mentee unless `by_mentee` is False; two slots, two and three days ahead."""

    class Meta:
        model = Meeting

    mentorship = factory.SubFactory(IntroFactory)
    now = NOW
    slots = factory.LazyAttribute(lambda o: [o.now + 48 * HOUR, o.now + 72 * HOUR])
    minutes: int | None = None  # the agreed length, or the intro's
    by_mentee = True

    @classmethod
    def _create(cls, model_class: type[Meeting], *args: Any, **kwargs: Any) -> Meeting:
        return cls._propose(**kwargs)

    @staticmethod
    def _propose(
        *, mentorship: Any, now: Any, slots: Any, minutes: Any, by_mentee: bool
    ) -> Meeting:
        actor = (mentorship.mentee if by_mentee else mentorship.mentor).user
        return meeting_propose(
            mentorship=mentorship, actor=actor, slots=slots, minutes=minutes, now=now
        )


class ScheduledMeetingFactory(ProposedMeetingFactory):
    """A meeting the other side scheduled at `now`, at the first time offered."""

    @classmethod
    def _create(cls, model_class: type[Meeting], *args: Any, **kwargs: Any) -> Meeting:
        meeting = cls._propose(**kwargs)
        mentorship = meeting.mentorship
        other = mentorship.mentor if kwargs["by_mentee"] else mentorship.mentee
        first = meeting.slots.order_by("starts_at").first()
        assert first is not None
        return meeting_schedule(
            meeting=meeting, actor=other.user, slot_id=first.pk, now=kwargs["now"]
        )


class HeldMeetingFactory(ScheduledMeetingFactory):
    """A scheduled meeting the proposer marked held ten minutes after it began."""

    @classmethod
    def _create(cls, model_class: type[Meeting], *args: Any, **kwargs: Any) -> Meeting:
        meeting = super()._create(model_class, *args, **kwargs)
        mentorship = meeting.mentorship
        proposer = mentorship.mentee if kwargs["by_mentee"] else mentorship.mentor
        assert meeting.starts_at is not None
        return meeting_mark(
            meeting=meeting, actor=proposer.user, to_state="held",
            now=meeting.starts_at + 10 * MINUTE,
        )  # fmt: skip


# --- History written by hand ----------------------------------------------------------------
# Health and the nudges judge what happened weeks ago; the services only let people offer
# times ahead of now, so those tests write past rows directly, at fixed dates.


def meeting_row(
    mentorship: Mentorship, state: str, starts_at: datetime, *, minutes: int = 45
) -> Meeting:
    """A meeting as it stands at some point, written as a row (no invites, no reminders)."""
    return Meeting.objects.create(
        mentorship=mentorship, state=state, starts_at=starts_at, minutes=minutes,
        proposed_by=mentorship.mentee.user,
    )  # fmt: skip


def backdate(row: Any, at: datetime) -> None:
    """Set a row's created/updated times (auto_now fields ignore what they are given)."""
    type(row)._default_manager.filter(pk=row.pk).update(created_at=at, updated_at=at)
