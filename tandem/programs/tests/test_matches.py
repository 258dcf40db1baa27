"""The participant side of a published match: confirm, decline, how it went; who sees what."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.core.errors import IllegalTransition, NotFound
from tandem.mentorships.models import Ask, Mentorship
from tandem.notifications.models import Notification
from tandem.profiles.tests.factories import ProfileFactory
from tandem.programs.models import Match, MatchFeedback, Round
from tandem.programs.rules import ProgramInputError
from tandem.programs.services.matches import match_confirm, match_decline, match_feedback_give
from tandem.programs.tests.worlds import coffee_pair, match_of, mentoring_pair, round_of

pytestmark = pytest.mark.django_db


def confirm(match: Match, place, now):
    return match_confirm(
        slug=match.program.slug, match_id=match.pk, user=place.profile.user, now=now
    )


class TestConfirm:
    def test_both_yeses_start_the_intro_with_the_programs_terms(self, now):
        mentee, mentor = mentoring_pair(
            agreement_cadence="2w", agreement_minutes=30, agreement_term_months=4
        )
        match = match_of(mentee, mentor, now=now)
        assert confirm(match, mentee, now).state == Match.State.PROPOSED
        assert not Mentorship.objects.exists()
        done = confirm(match, mentor, now)
        assert done.state == Match.State.CONFIRMED
        mentorship = Mentorship.objects.get()
        assert done.mentorship == mentorship
        assert (mentorship.mentee, mentorship.mentor) == (mentee.profile, mentor.profile)
        assert mentorship.state == Mentorship.State.INTRO
        assert mentorship.suggested_terms == {
            "cadence": "2w", "meeting_minutes": 30, "term_months": 4,
        }  # fmt: skip
        assert Ask.objects.get().state == Ask.State.ACCEPTED
        # The arranged intro tells both; the first yes told the mentor.
        assert (
            Notification.objects.filter(
                recipient=mentor.profile.user, cause__startswith="match:"
            ).count()
            == 1
        )

    def test_a_second_confirm_is_a_conflict(self, client, now):
        mentee, mentor = mentoring_pair()
        match = match_of(mentee, mentor, now=now)
        confirm(match, mentee, now)
        with pytest.raises(IllegalTransition, match="already confirmed"):
            confirm(match, mentee, now)
        client.force_login(mentee.profile.user)
        url = reverse("programs:match_answer", args=[match.program.slug, match.pk, "confirm"])
        assert client.post(url).status_code == 409
        confirm(match, mentor, now)
        client.force_login(mentor.profile.user)
        assert client.post(url).status_code == 409
        assert Mentorship.objects.count() == 1

    def test_nobody_else_can_answer_or_see_it(self, client, now):
        mentee, mentor = mentoring_pair()
        match = match_of(mentee, mentor, now=now)
        stranger = ProfileFactory().user
        with pytest.raises(NotFound):
            match_confirm(slug=match.program.slug, match_id=match.pk, user=stranger, now=now)
        client.force_login(stranger)
        slug = match.program.slug
        assert client.get(reverse("programs:match", args=[slug, match.pk])).status_code == 404
        for answer in ("confirm", "decline"):
            url = reverse("programs:match_answer", args=[slug, match.pk, answer])
            assert client.post(url).status_code == 404
        assert Match.objects.get(pk=match.pk).first_confirmed_at is None

    def test_the_slug_must_be_the_matches_own(self, now):
        mentee, mentor = mentoring_pair()
        other_mentee, _ = mentoring_pair()
        match = match_of(mentee, mentor, now=now)
        with pytest.raises(NotFound):
            match_confirm(slug=other_mentee.program.slug, match_id=match.pk,
                          user=mentee.profile.user, now=now)  # fmt: skip

    def test_a_decline_tells_the_other_side_and_ends_it(self, now):
        mentee, mentor = mentoring_pair()
        match = match_of(mentee, mentor, now=now)
        match_decline(slug=match.program.slug, match_id=match.pk, user=mentor.profile.user, now=now)
        notice = Notification.objects.get(recipient=mentee.profile.user)
        assert "isn't about you" in notice.body
        with pytest.raises(IllegalTransition, match="declined"):
            confirm(match, mentee, now)

    def test_in_pools_confirmed_just_means_both_said_yes(self, now):
        first, second = coffee_pair()
        match = match_of(first, second, now=now)
        confirm(match, second, now)
        assert confirm(match, first, now).state == Match.State.CONFIRMED
        assert not Mentorship.objects.exists()


class TestFeedback:
    def give(self, match, place, now, **kwargs):
        kwargs = {"met": True, "rating": 4, **kwargs}
        return match_feedback_give(
            slug=match.program.slug, match_id=match.pk, user=place.profile.user, now=now, **kwargs
        )

    def test_once_per_person_per_match(self, client, now):
        first, second = coffee_pair()
        match = match_of(first, second, now=now)
        feedback = self.give(match, first, now, meet_again=True, note=" Lovely chat ")
        assert (feedback.rating, feedback.meet_again, feedback.note) == (4, True, "Lovely chat")
        with pytest.raises(IllegalTransition, match="already told us"):
            self.give(match, first, now)
        self.give(match, second, now, met=False, rating=5, meet_again=True)
        theirs = MatchFeedback.objects.get(author=second)
        assert (theirs.met, theirs.rating, theirs.meet_again) == (False, None, False)
        client.force_login(first.profile.user)
        url = reverse("programs:match_feedback", args=[match.program.slug, match.pk])
        assert client.post(url, {"met": "yes", "rating": "5"}).status_code == 409
        assert MatchFeedback.objects.count() == 2

    def test_a_rating_is_needed_when_they_met(self, client, now):
        first, second = coffee_pair()
        match = match_of(first, second, now=now)
        with pytest.raises(ProgramInputError) as refused:
            self.give(match, first, now, rating=None)
        assert refused.value.field == "rating"
        client.force_login(first.profile.user)
        url = reverse("programs:match_feedback", args=[match.program.slug, match.pk])
        response = client.post(url, {"met": "yes"})
        assert response.status_code == 400
        assert "Choose a rating from 1 to 5" in response.content.decode()
        assert not MatchFeedback.objects.exists()

    def test_only_after_the_round_is_published(self, now):
        first, second = coffee_pair()
        draft = round_of(first.program, state=Round.State.DRAFT)
        match = match_of(first, second, round_=draft)
        with pytest.raises(NotFound):
            self.give(match, first, now)

    def test_1to1_matches_take_no_coffee_feedback(self, now):
        mentee, mentor = mentoring_pair()
        match = match_of(mentee, mentor, now=now)
        with pytest.raises(IllegalTransition):
            self.give(match, mentee, now)


class TestThePage:
    def test_each_side_reads_why_the_other_fits_them(self, client, now):
        mentee, mentor = mentoring_pair()
        reasons = [
            {
                "first": "knows SQL, which you want to learn",
                "second": "wants to learn SQL, which you know",
            }
        ]
        match = match_of(mentee, mentor, reasons=reasons, now=now)
        url = reverse("programs:match", args=[match.program.slug, match.pk])
        client.force_login(mentee.profile.user)
        page = client.get(url).content.decode()
        assert "Knows SQL, which you want to learn" in page
        assert "wants to learn SQL" not in page.lower()
        assert f"Your mentor: {mentor.profile.user.display_name}" in page
        assert mentor.profile.user.email not in page  # not before both said yes
        client.force_login(mentor.profile.user)
        page = client.get(url).content.decode()
        assert "Wants to learn SQL, which you know" in page
        assert "which you want to learn" not in page

    def test_plain_reasons_are_the_mentees_and_not_shown_to_the_mentor_as_they_are(
        self, client, now
    ):
        mentee, mentor = mentoring_pair()
        match = match_of(mentee, mentor, reasons=["knows SQL, which you want to learn"], now=now)
        url = reverse("programs:match", args=[match.program.slug, match.pk])
        client.force_login(mentee.profile.user)
        assert "Knows SQL, which you want to learn" in client.get(url).content.decode()
        client.force_login(mentor.profile.user)
        assert "which you want to learn" not in client.get(url).content.decode()

    def test_coffee_shows_who_when_how_to_reach_and_asks_how_it_went(self, client, now):
        first, second = coffee_pair(coffee_minutes=20, cycle="1w")
        second.profile.contact_detail = "@sam on Slack"
        second.profile.save()
        match = match_of(first, second, now=now, cycle_on=now.date())
        client.force_login(first.profile.user)
        page = client.get(reverse("programs:match", args=[match.program.slug, match.pk]))
        text = page.content.decode()
        assert f"This cycle you meet {second.profile.user.display_name}" in text
        assert "20 minutes, before 9 November" in text
        assert "@sam on Slack" in text
        assert "How did it go?" in text
