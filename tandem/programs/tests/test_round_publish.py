"""Publishing a draft in one transaction (accepted intros, or matches both confirm, with
notices), all or nothing; discarding a draft; neither from any other state."""

from __future__ import annotations

import pytest

from tandem.core.errors import RuleBroken
from tandem.mentorships.models import Ask, Mentorship
from tandem.notifications.models import Notification
from tandem.profiles.models import Profile
from tandem.programs.models import Match, PairRule, Program, Round
from tandem.programs.rounds.edit import pair_lock
from tandem.programs.rounds.publish import round_discard, round_publish
from tandem.programs.tests.factories import ProgramFactory
from tandem.programs.tests.round_world import person, run

pytestmark = pytest.mark.django_db


def _world(now, **settings):
    program = ProgramFactory(mentor_capacity=1, **settings)
    mentees = [person(program) for _ in range(3)]
    mentors = [person(program, "mentor") for _ in range(3)]
    return program, mentees, mentors, run(program, now)


def test_publishing_accepted_intros_starts_each_mentorship(now) -> None:
    program, _, _, round_ = _world(
        now, publish_as=Program.Publish.ACCEPTED, agreement_cadence="2w", agreement_minutes=30,
        agreement_term_months=3,
    )  # fmt: skip
    pairs = list(round_.pairs.select_related("first__profile", "second__profile"))
    pair_lock(round_=round_, pair_id=pairs[0].pk, actor=None, now=now)
    matches = round_publish(program=program, round_=round_, actor=None, now=now)
    assert len(matches) == 3
    round_.refresh_from_db()
    assert (round_.state, round_.published_at) == (Round.State.PUBLISHED, now)
    for pair in pairs:
        match = Match.objects.get(round=round_, first=pair.first, second=pair.second)
        assert match.state == Match.State.CONFIRMED
        assert match.mentorship is not None
        mentorship = match.mentorship
        assert (mentorship.mentee, mentorship.mentor) == (pair.first.profile, pair.second.profile)
        assert mentorship.state == Mentorship.State.INTRO
        assert mentorship.suggested_terms == {
            "cadence": "2w", "meeting_minutes": 30, "term_months": 3,
        }  # fmt: skip
        assert mentorship.ask.state == Ask.State.ACCEPTED
        assert mentorship.ask.note.startswith(f"{program.name} paired you with a mentee")
        # Each reads words meant for them: the reasons are the mentee's, told as "you".
        to_mentee = Notification.objects.get(recipient=pair.first.profile.user)
        to_mentor = Notification.objects.get(recipient=pair.second.profile.user)
        assert to_mentee.kind == to_mentor.kind == "program_match"
        assert to_mentee.body.startswith(f"{program.name} paired you: {pair.reasons[0]}")
        assert pair.reasons[0] not in to_mentor.body
        assert to_mentor.body.startswith(f"{program.name} paired you with a mentee")
    assert not PairRule.objects.exists()  # the lock was used up


def test_publishing_intros_to_confirm_proposes_matches_and_tells_both(now) -> None:
    program, _, _, round_ = _world(now)  # publish_as defaults to "confirm"
    pairs = list(round_.pairs.select_related("first__profile__user", "second__profile__user"))
    matches = round_publish(program=program, round_=round_, actor=None, now=now)
    assert {m.state for m in matches} == {Match.State.PROPOSED}
    assert not Mentorship.objects.exists()
    for pair in pairs:
        match = Match.objects.get(round=round_, first=pair.first, second=pair.second)
        for mine, other, role in (
            (pair.first, pair.second, "mentor"), (pair.second, pair.first, "mentee"),
        ):  # fmt: skip
            notice = Notification.objects.get(recipient=mine.profile.user, kind="program_match")
            assert notice.url == match.get_absolute_url()
            assert notice.title == (
                f"{program.name}: meet {other.profile.user.display_name}, your {role}"
            )
            # The stored reasons are told to the mentee; the mentor reads theirs on the page.
            assert (pair.reasons[0] in notice.body) == (mine == pair.first)


def test_one_pair_that_cannot_be_published_stops_them_all(now) -> None:
    program, _, _, round_ = _world(now, publish_as=Program.Publish.ACCEPTED)
    pairs = list(round_.pairs.select_related("first__profile__user", "second__profile__user"))
    full = pairs[-1]
    Profile.objects.filter(pk=full.second.profile_id).update(capacity=0)
    with pytest.raises(RuleBroken) as refused:
        round_publish(program=program, round_=round_, actor=None, now=now)
    names = (full.first.profile.user.display_name, full.second.profile.user.display_name)
    assert refused.value.message.startswith(f"{names[0]} and {names[1]}: ")
    assert "Nothing was published" in refused.value.message
    round_.refresh_from_db()
    assert round_.state == Round.State.DRAFT
    assert not Match.objects.exists()
    assert not Ask.objects.exists()
    assert not Mentorship.objects.exists()
    assert not Notification.objects.exists()


def test_the_failure_inside_an_arranged_intro_rolls_back_the_ones_before(now) -> None:
    """The mentor's places are checked up front; a live mentorship found only by
    `intro_arrange` (after earlier pairs were arranged) still rolls everything back."""
    from tandem.mentorships.tests.factories import IntroFactory

    program, _, _, round_ = _world(now, publish_as=Program.Publish.ACCEPTED)
    last = round_.pairs.order_by("id").select_related("first__profile", "second__profile").last()
    Profile.objects.filter(pk=last.second.profile_id).update(capacity=5)
    IntroFactory(mentee=last.first.profile, mentor=last.second.profile, now=now)
    before = (Ask.objects.count(), Mentorship.objects.count(), Notification.objects.count())
    with pytest.raises(RuleBroken, match="already have a mentorship"):
        round_publish(program=program, round_=round_, actor=None, now=now)
    after = (Ask.objects.count(), Mentorship.objects.count(), Notification.objects.count())
    assert before == after
    assert not Match.objects.exists()


def test_someone_who_left_stops_the_publish(now) -> None:
    program, _mentees, _, round_ = _world(now)
    pair = round_.pairs.first()
    pair.first.state = "left"
    pair.first.save()
    with pytest.raises(RuleBroken, match="no longer taking part"):
        round_publish(program=program, round_=round_, actor=None, now=now)
    assert not Match.objects.exists()


def test_discard_only_a_draft_and_publish_only_a_draft(now) -> None:
    program, _, _, round_ = _world(now)
    pair_lock(round_=round_, pair_id=round_.pairs.first().pk, actor=None, now=now)
    round_discard(program=program, round_=round_, actor=None, now=now)
    round_.refresh_from_db()
    assert round_.state == Round.State.DISCARDED
    assert not PairRule.objects.exists()
    for act in (round_discard, round_publish):
        with pytest.raises(RuleBroken) as refused:
            act(program=program, round_=round_, actor=None, now=now)
        assert refused.value.status == 409
    published = run(program, now)
    round_publish(program=program, round_=published, actor=None, now=now)
    with pytest.raises(RuleBroken, match="only a draft can be discarded"):
        round_discard(program=program, round_=published, actor=None, now=now)
    published.refresh_from_db()
    assert published.state == Round.State.PUBLISHED
