"""Every text a person sends goes through one cleaning path (issue 13, item 7): no NUL or
other control character is stored, whichever view reads it (PostgreSQL refuses NUL: a 500)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.core.params import clean_param
from tandem.core.text import clean_text, needs_cleaning
from tandem.meetings.models import MeetingTransition
from tandem.meetings.tests.factories import ScheduledMeetingFactory
from tandem.mentorships.models import Goal, GoalUpdate, Transition
from tandem.mentorships.services.agreements import agreement_propose
from tandem.mentorships.tests.factories import GOALS, ActiveMentorshipFactory, IntroFactory

DIRTY = "Half\x00way\x07 there\r\nnext\x1b step\x7f\x85"
CLEAN = "Halfway there\nnext step"


class TestCleanText:
    def test_drops_control_characters_and_keeps_new_lines_and_tabs(self):
        assert clean_text(DIRTY) == CLEAN
        assert clean_text("  a\tb\rc  ") == "a\tb\nc"
        assert clean_text("  é 中文 🙂 \u200b ") == "é 中文 🙂 \u200b"  # only control characters

    def test_one_line_and_unstripped(self):
        assert clean_text("a\r\nb\tc", multiline=False) == "a b c"
        assert clean_text(" pass\x00word ", strip=False) == " password "

    def test_needs_cleaning(self):
        assert needs_cleaning("a\x00")
        assert needs_cleaning("a\r\nb")
        assert not needs_cleaning("plain text\nwith a line and\ta tab")

    def test_query_parameters_go_the_same_way(self):
        assert clean_param(" py\x00thon\n3 ", max_length=8) == "python 3"


@pytest.mark.django_db
class TestEveryPathIsCleaned:
    """The four paths that read the posted text without a form, and a form for good measure."""

    def test_goal_progress_text(self, client):
        mentorship = ActiveMentorshipFactory()
        goal = mentorship.goals.first()
        client.force_login(mentorship.mentee.user)
        url = reverse("mentorships:goal_update", args=[goal.pk])
        assert client.post(url, {"status": "progressing", "text": DIRTY}).status_code == 302
        assert GoalUpdate.objects.get().text == CLEAN

    def test_learning_goal_text(self, client):
        mentorship = ActiveMentorshipFactory()
        client.force_login(mentorship.mentor.user)
        url = reverse("mentorships:learning_goal_add", args=[mentorship.pk])
        assert client.post(url, {"text": DIRTY}).status_code == 302
        assert Goal.objects.get(is_learning_goal=True).text == CLEAN

    def test_agreement_decline_reason(self, client):
        mentorship = IntroFactory(intro_held=True)
        agreement_propose(
            mentorship=mentorship, actor=mentorship.mentee.user, goals=list(GOALS), cadence="1m",
            meeting_minutes=45, now=timezone.now(),
        )  # fmt: skip
        client.force_login(mentorship.mentor.user)
        url = reverse("mentorships:agreement", args=[mentorship.pk, "decline"])
        assert client.post(url, {"reason": DIRTY}).status_code == 302
        assert Transition.objects.filter(mentorship=mentorship).last().reason == CLEAN

    def test_meeting_cancel_note(self, client):
        now = timezone.now()
        meeting = ScheduledMeetingFactory(mentorship=IntroFactory(now=now), now=now)
        client.force_login(meeting.mentorship.mentee.user)
        url = reverse("meetings:action", args=[meeting.pk, "cancel"])
        assert client.post(url, {"note": DIRTY}).status_code == 302
        assert MeetingTransition.objects.filter(meeting=meeting).last().reason == CLEAN

    def test_a_form_field_too(self, client):
        mentorship = ActiveMentorshipFactory()
        client.force_login(mentorship.mentee.user)
        url = reverse("mentorships:change", args=[mentorship.pk])
        assert client.post(url, {"to_state": "paused", "reason": DIRTY}).status_code == 302
        assert Transition.objects.filter(mentorship=mentorship).last().reason == CLEAN
