"""Writing to the other side: who may write when (the pre-acceptance rule, read-only threads,
strangers), the length cap, and one thread from the ask to the mentorship it becomes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tandem.conversations.models import MESSAGE_MAX_LENGTH, Message, Thread
from tandem.conversations.services import message_post
from tandem.conversations.tests.factories import MessageFactory, relationship_of
from tandem.core.errors import NotFound, RuleBroken
from tandem.mentorships.models import Mentorship
from tandem.mentorships.services.asks import (
    ask_accept,
    ask_decline,
    ask_expire,
    ask_withdraw,
)
from tandem.mentorships.services.mentorships import mentorship_move
from tandem.mentorships.tests.factories import ActiveMentorshipFactory, AskFactory, IntroFactory
from tandem.profiles.tests.factories import ProfileFactory

LATER = timedelta(minutes=5)


def post(about, author, text="A short note.", *, now):
    return message_post(relationship=relationship_of(about), author=author, text=text, now=now)


@pytest.mark.django_db
class TestBeforeTheAskIsAccepted:
    def test_the_mentee_may_send_one_follow_up(self, now):
        ask = AskFactory(now=now)
        message = post(ask, ask.mentee.user, "Also happy to meet after 5pm.", now=now)
        assert message.text == "Also happy to meet after 5pm."
        assert message.thread.ask == ask
        assert (message.thread.mentee, message.thread.mentor) == (ask.mentee, ask.mentor)

    def test_a_second_message_in_a_row_from_the_mentee_is_refused(self, now):
        ask = AskFactory(now=now)
        post(ask, ask.mentee.user, now=now)
        with pytest.raises(RuleBroken, match="You can write again when they reply"):
            post(ask, ask.mentee.user, "Hello? Are you there?", now=now + LATER)
        assert Message.objects.count() == 1

    def test_the_mentor_may_still_reply_and_the_mentee_may_answer_once(self, now):
        ask = AskFactory(now=now)
        post(ask, ask.mentee.user, now=now)
        post(ask, ask.mentor.user, "Which timezone are you in?", now=now + LATER)
        post(ask, ask.mentor.user, "And which team?", now=now + 2 * LATER)
        post(ask, ask.mentee.user, "London, and the data team.", now=now + 3 * LATER)
        with pytest.raises(RuleBroken):
            post(ask, ask.mentee.user, "One more thing…", now=now + 4 * LATER)
        assert Message.objects.count() == 4

    def test_after_acceptance_both_sides_write_freely(self, now):
        ask = AskFactory(now=now)
        post(ask, ask.mentee.user, now=now)
        ask_accept(ask=ask, actor=ask.mentor.user, now=now + LATER)
        for minute in range(2, 5):
            post(ask, ask.mentee.user, f"Note {minute}", now=now + minute * LATER)
        post(ask, ask.mentor.user, "Got them all.", now=now + 5 * LATER)
        assert Message.objects.count() == 5


@pytest.mark.django_db
class TestReadOnlyThreads:
    @pytest.mark.parametrize(
        ("end", "words"),
        [
            (lambda ask, now: ask_decline(ask=ask, actor=ask.mentor.user, now=now), "was declined"),
            (
                lambda ask, now: ask_withdraw(ask=ask, actor=ask.mentee.user, now=now),
                "was withdrawn",
            ),
            (lambda ask, now: ask_expire(ask=ask, now=now), "lapsed"),
        ],
    )
    def test_an_ended_ask_takes_no_more_messages_from_either_side(self, now, end, words):
        ask = AskFactory(now=now)
        MessageFactory(about=ask, author=ask.mentor.user, now=now)
        end(ask, now + LATER)
        ask.refresh_from_db()
        for author in (ask.mentee.user, ask.mentor.user):
            with pytest.raises(RuleBroken, match=f"The request {words}.*read but not added"):
                post(ask, author, now=now + 2 * LATER)
        assert Message.objects.count() == 1

    def test_a_closed_mentorship_takes_no_more_messages(self, now):
        mentorship = IntroFactory(now=now)
        mentorship_move(
            mentorship=mentorship, actor=mentorship.mentee.user, to_state=Mentorship.State.CLOSED,
            now=now,
        )  # fmt: skip
        mentorship.refresh_from_db()
        with pytest.raises(RuleBroken, match="This mentorship is closed"):
            post(mentorship, mentorship.mentor.user, now=now)
        assert not Thread.objects.exists()

    def test_a_completed_mentorship_stays_in_touch(self, now):
        mentorship = ActiveMentorshipFactory(now=now)
        mentorship_move(
            mentorship=mentorship, actor=mentorship.mentee.user,
            to_state=Mentorship.State.COMPLETED, now=now,
        )  # fmt: skip
        mentorship.refresh_from_db()
        assert post(mentorship, mentorship.mentee.user, "Thank you for the year!", now=now)


@pytest.mark.django_db
class TestWhoAndWhat:
    def test_someone_on_neither_side_cannot_write(self, now):
        ask = AskFactory(now=now)
        with pytest.raises(NotFound):
            post(ask, ProfileFactory().user, now=now)
        assert not Thread.objects.exists()

    def test_an_empty_message_is_refused_on_its_field(self, now):
        ask = AskFactory(now=now)
        with pytest.raises(RuleBroken, match="Write a message first") as refused:
            post(ask, ask.mentor.user, "   \n ", now=now)
        assert refused.value.field == "text"

    def test_a_message_over_the_cap_is_refused_not_cut(self, now):
        ask = AskFactory(now=now)
        with pytest.raises(RuleBroken, match=r"this one has 1001\. Nothing was cut"):
            post(ask, ask.mentor.user, "x" * (MESSAGE_MAX_LENGTH + 1), now=now)
        assert post(ask, ask.mentor.user, "x" * MESSAGE_MAX_LENGTH, now=now)

    def test_the_text_is_kept_as_typed_but_trimmed(self, now):
        ask = AskFactory(now=now)
        message = post(ask, ask.mentor.user, "  <b>Hi</b>\nthere  ", now=now)
        assert message.text == "<b>Hi</b>\nthere"
        assert message.sent_at == now


@pytest.mark.django_db
class TestOneThreadPerRelationship:
    def test_the_asks_thread_carries_on_on_the_mentorship(self, now):
        ask = AskFactory(now=now)
        before = post(ask, ask.mentee.user, now=now)
        mentorship = ask_accept(ask=ask, actor=ask.mentor.user, now=now + LATER)
        after = post(mentorship, ask.mentor.user, "Welcome aboard.", now=now + 2 * LATER)
        assert after.thread == before.thread
        assert Thread.objects.count() == 1

    def test_a_new_ask_to_the_same_mentor_starts_a_new_thread(self, now):
        ask = AskFactory(now=now)
        post(ask, ask.mentor.user, now=now)
        ask_decline(ask=ask, actor=ask.mentor.user, now=now)
        again = AskFactory(mentee=ask.mentee, mentor=ask.mentor, now=now + timedelta(days=100))
        post(again, again.mentor.user, now=now + timedelta(days=100))
        assert Thread.objects.count() == 2
