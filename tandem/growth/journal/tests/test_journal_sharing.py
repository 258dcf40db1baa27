"""Sharing from the journal: the question the owner writes goes on the agenda of the next
meeting of one of their own mentorships, and nothing else of the entry goes with it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.core.errors import NotFound, RuleBroken
from tandem.core.tests.clock import NOW
from tandem.growth.journal.services import journal_entry_share
from tandem.growth.journal.tests.factories import JournalEntryFactory
from tandem.meetings.models import TEXT_SHORT, AgendaItem
from tandem.meetings.rules import MAX_AGENDA
from tandem.meetings.services.follow_through import agenda_add
from tandem.meetings.tests.factories import ScheduledMeetingFactory
from tandem.mentorships.tests.factories import ActiveMentorshipFactory
from tandem.profiles.tests.factories import ProfileFactory

DAY = timedelta(days=1)
QUESTION = "I have a new manager. How would you make the first months count?"
PRIVATE = "Priya took over the team today"


@pytest.fixture
def meeting(db):
    """A meeting booked ahead in an active mentorship (the services' clock)."""
    return ScheduledMeetingFactory(mentorship=ActiveMentorshipFactory(), now=NOW)


@pytest.mark.django_db
class TestSharingIntoTheNextMeeting:
    def test_only_the_question_reaches_the_agenda(self, meeting):
        mentee = meeting.mentorship.mentee.user
        entry = JournalEntryFactory(owner=mentee)
        item = journal_entry_share(owner=mentee, entry_id=entry.pk, now=NOW,
                                   mentorship_id=meeting.mentorship_id, text=QUESTION)  # fmt: skip
        assert (item.meeting, item.author, item.text) == (meeting, mentee, QUESTION)
        assert not AgendaItem.objects.filter(text__contains=PRIVATE).exists()

    def test_the_mentor_can_share_from_their_own_journal_too(self, meeting):
        mentor = meeting.mentorship.mentor.user
        entry = JournalEntryFactory(owner=mentor, kind="reorganization")
        journal_entry_share(owner=mentor, entry_id=entry.pk, now=NOW,
                            mentorship_id=meeting.mentorship_id, text=QUESTION)  # fmt: skip
        assert meeting.agenda.get().author == mentor

    def test_someone_elses_entry_cannot_be_shared(self, meeting):
        mentee = meeting.mentorship.mentee.user
        theirs = JournalEntryFactory()
        with pytest.raises(NotFound):
            journal_entry_share(owner=mentee, entry_id=theirs.pk, now=NOW,
                                mentorship_id=meeting.mentorship_id, text=QUESTION)  # fmt: skip
        assert not meeting.agenda.exists()

    def test_a_mentorship_one_is_not_in_is_a_404(self, meeting):
        entry = JournalEntryFactory()
        with pytest.raises(NotFound):
            journal_entry_share(owner=entry.owner, entry_id=entry.pk, now=NOW,
                                mentorship_id=meeting.mentorship_id, text=QUESTION)  # fmt: skip
        assert not meeting.agenda.exists()

    def test_a_mentorship_with_no_meeting_ahead_says_what_to_do(self):
        mentorship = ActiveMentorshipFactory()
        entry = JournalEntryFactory(owner=mentorship.mentee.user)
        with pytest.raises(RuleBroken, match="Propose a time first"):
            journal_entry_share(owner=entry.owner, entry_id=entry.pk, now=NOW,
                                mentorship_id=mentorship.pk, text=QUESTION)  # fmt: skip

    def test_the_agendas_own_limits_hold(self, meeting):
        mentee = meeting.mentorship.mentee.user
        entry = JournalEntryFactory(owner=mentee)
        with pytest.raises(RuleBroken) as refused:
            journal_entry_share(owner=mentee, entry_id=entry.pk, now=NOW,
                                mentorship_id=meeting.mentorship_id,
                                text="x" * (TEXT_SHORT + 1))  # fmt: skip
        assert refused.value.field == "text"
        for number in range(MAX_AGENDA):
            agenda_add(meeting=meeting, actor=mentee, text=f"Question {number}", now=NOW)
        with pytest.raises(RuleBroken, match="agenda"):
            journal_entry_share(owner=mentee, entry_id=entry.pk, now=NOW,
                                mentorship_id=meeting.mentorship_id, text=QUESTION)  # fmt: skip
        assert meeting.agenda.count() == MAX_AGENDA


@pytest.fixture
def live_meeting(db):
    """A meeting booked ahead by the real clock (the pages read it)."""
    now = timezone.now()
    mentorship = ActiveMentorshipFactory(asked_at=now - 9 * DAY, now=now - 8 * DAY)
    return ScheduledMeetingFactory(mentorship=mentorship, now=now)


@pytest.mark.django_db
class TestTheSharePage:
    def test_the_page_offers_the_next_meeting_and_a_draft_question_not_the_entry(
        self, client, live_meeting
    ):
        mentee = live_meeting.mentorship.mentee.user
        entry = JournalEntryFactory(owner=mentee, now=timezone.now())
        client.force_login(mentee)
        page = client.get(reverse("growth:growth_journal:share", args=[entry.pk])).content.decode()
        other = live_meeting.mentorship.mentor.user.display_name
        assert f"The meeting with {other} on" in page
        assert "I have a new manager. How would you make the first few months count?" in page
        # The entry is shown to its owner, folded away, never in the question's field.
        field = page.split('name="text"')[1].split("</textarea>")[0]
        assert PRIVATE not in field

    def test_posting_adds_the_question_and_says_the_entry_stays_private(self, client, live_meeting):
        mentee = live_meeting.mentorship.mentee.user
        entry = JournalEntryFactory(owner=mentee, now=timezone.now())
        client.force_login(mentee)
        response = client.post(
            reverse("growth:growth_journal:share", args=[entry.pk]),
            {"mentorship": live_meeting.mentorship_id, "text": QUESTION}, follow=True,
        )  # fmt: skip
        assert response.redirect_chain[-1][0] == reverse("growth:growth_journal:journal")
        assert "stays private" in response.content.decode()
        assert list(live_meeting.agenda.values_list("text", flat=True)) == [QUESTION]

    def test_the_mentor_sees_the_question_on_the_meeting_and_nothing_of_the_entry(
        self, client, live_meeting
    ):
        mentee = live_meeting.mentorship.mentee.user
        entry = JournalEntryFactory(owner=mentee, now=timezone.now())
        journal_entry_share(owner=mentee, entry_id=entry.pk, now=timezone.now(),
                            mentorship_id=live_meeting.mentorship_id, text=QUESTION)  # fmt: skip
        client.force_login(live_meeting.mentorship.mentor.user)
        page = client.get(live_meeting.get_absolute_url()).content.decode()
        assert QUESTION in page
        assert PRIVATE not in page

    def test_a_too_long_question_is_a_field_message_and_nothing_is_added(
        self, client, live_meeting
    ):
        mentee = live_meeting.mentorship.mentee.user
        entry = JournalEntryFactory(owner=mentee, now=timezone.now())
        client.force_login(mentee)
        response = client.post(
            reverse("growth:growth_journal:share", args=[entry.pk]),
            {"mentorship": live_meeting.mentorship_id, "text": "x" * (TEXT_SHORT + 5)},
        )  # fmt: skip
        assert response.status_code == 400
        assert f"at most {TEXT_SHORT} characters" in response.content.decode()
        assert not live_meeting.agenda.exists()

    def test_a_mentorship_that_is_not_theirs_is_not_a_choice(self, client, live_meeting):
        entry = JournalEntryFactory(owner=ProfileFactory().user, now=timezone.now())
        client.force_login(entry.owner)
        response = client.post(
            reverse("growth:growth_journal:share", args=[entry.pk]),
            {"mentorship": live_meeting.mentorship_id, "text": QUESTION},
        )  # fmt: skip
        assert response.status_code == 400
        assert not live_meeting.agenda.exists()

    def test_without_a_mentorship_the_page_explains_and_offers_no_form(self, client):
        entry = JournalEntryFactory(owner=ProfileFactory().user, now=timezone.now())
        client.force_login(entry.owner)
        page = client.get(reverse("growth:growth_journal:share", args=[entry.pk])).content.decode()
        assert "no mentorship under way yet" in page
        assert "Add it to the agenda" not in page

    def test_a_mentorship_with_no_meeting_ahead_links_to_offering_times(self, client):
        now = timezone.now()
        mentorship = ActiveMentorshipFactory(asked_at=now - 9 * DAY, now=now - 8 * DAY)
        entry = JournalEntryFactory(owner=mentorship.mentee.user, now=now)
        client.force_login(entry.owner)
        page = client.get(reverse("growth:growth_journal:share", args=[entry.pk])).content.decode()
        assert reverse("meetings:for_mentorship", args=[mentorship.pk]) in page
        assert "Add it to the agenda" not in page
