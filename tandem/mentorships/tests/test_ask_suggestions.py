"""After a no or a lapse, the mentee is shown others worth asking: never the mentor who said
no, never the suggested mentor twice, and a word when every mentor with a wanted skill is
paused or full. Recommendations say why a busy mentor sits below a lower score."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from tandem.core.tests.clock import NOW
from tandem.mentorships.rules import COOL_DOWN, EXPIRE_AFTER
from tandem.mentorships.selectors.asks import ask_page_for
from tandem.mentorships.services.asks import ask_decline, ask_expire
from tandem.mentorships.tests.factories import AskFactory, IntroFactory
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory, offer
from tandem.skills.models import Skill


def mentee_wanting(*slugs: str):
    mentee = ProfileFactory(level=3, headline="Data analyst", goals="Grow into a data lead")
    mentee.skills_wanted.add(*Skill.objects.filter(slug__in=slugs))
    return mentee


def mentor_offering(*slugs: str, **kwargs):
    # The same words for everyone, so only what a test varies moves the score.
    kwargs = {"headline": "Data lead", "job_title": "Data lead", "bio": "", **kwargs}
    mentor = MentorProfileFactory(**kwargs)
    for slug in slugs:
        offer(mentor, slug)
    return mentor


def declined(mentee, mentor, *, refer_to=None, now=NOW):
    ask = AskFactory(mentee=mentee, mentor=mentor, now=now)
    return ask_decline(ask=ask, actor=mentor.user, now=now, reason="busy", refer_to=refer_to)


def skill_name(slug: str) -> str:
    return Skill.objects.get(slug=slug).name


@pytest.mark.django_db
class TestSuggestionsAfterADecline:
    def test_the_suggested_mentor_has_one_card_and_the_mentor_who_said_no_none(self, client):
        mentee = mentee_wanting("python")
        decliner, referred = mentor_offering("python"), mentor_offering("python")
        others = [mentor_offering("python") for _ in range(2)]
        ask = declined(mentee, decliner, refer_to=referred)
        page = ask_page_for(ask_id=ask.pk, user=mentee.user)
        suggested = [pick.profile for pick in page.suggestions]
        assert sorted(p.pk for p in suggested) == sorted(p.pk for p in others)
        client.force_login(mentee.user)
        html = client.get(reverse("mentorships:ask", args=[ask.pk])).content.decode()
        assert html.count(reverse("mentorships:ask_new", args=[referred.pk])) == 1
        assert reverse("mentorships:ask_new", args=[decliner.pk]) not in html
        assert "Other mentors who fit" in html

    def test_the_mentor_who_said_no_stays_off_that_page_after_the_cool_down_ends(self):
        mentee = mentee_wanting("python")
        decliner, other = mentor_offering("python"), mentor_offering("python")
        ask = declined(mentee, decliner, now=NOW - COOL_DOWN - timedelta(days=30))
        page = ask_page_for(ask_id=ask.pk, user=mentee.user)
        assert [pick.profile for pick in page.suggestions] == [other]

    def test_a_mentor_who_let_the_ask_lapse_is_not_suggested_again(self):
        mentee = mentee_wanting("python")
        quiet, other = mentor_offering("python"), mentor_offering("python")
        ask = ask_expire(ask=AskFactory(mentee=mentee, mentor=quiet), now=NOW + EXPIRE_AFTER)
        page = ask_page_for(ask_id=ask.pk, user=mentee.user)
        assert [pick.profile for pick in page.suggestions] == [other]

    def test_when_the_only_mentor_with_a_wanted_skill_is_paused_the_page_says_so(self, client):
        mentee = mentee_wanting("python", "public-speaking")
        decliner = mentor_offering("python")
        other = mentor_offering("python")
        mentor_offering("public-speaking", is_paused=True)
        ask = declined(mentee, decliner)
        page = ask_page_for(ask_id=ask.pk, user=mentee.user)
        speaking = skill_name("public-speaking")
        sentence = (
            f"The one mentor who offers {speaking} isn't taking requests right now, "
            "so they aren't listed here."
        )
        assert page.out_of_reach == [sentence]
        assert [pick.profile for pick in page.suggestions] == [other]
        client.force_login(mentee.user)
        html = client.get(reverse("mentorships:ask", args=[ask.pk])).content.decode()
        assert sentence.replace("'", "&#x27;") in html

    def test_several_full_or_paused_mentors_are_counted_together(self):
        mentee = mentee_wanting("public-speaking")
        decliner = mentor_offering("python")
        full = mentor_offering("public-speaking", capacity=1)
        IntroFactory(mentor=full)
        mentor_offering("public-speaking", is_paused=True)
        ask = declined(mentee, decliner)
        page = ask_page_for(ask_id=ask.pk, user=mentee.user)
        assert page.out_of_reach == [
            f"The mentors who offer {skill_name('public-speaking')} aren't taking requests "
            "right now, so they aren't listed here."
        ]

    def test_the_page_shows_the_word_even_when_nobody_else_fits(self, client):
        mentee = mentee_wanting("public-speaking")
        decliner = mentor_offering("public-speaking")
        mentor_offering("public-speaking", is_paused=True)
        ask = declined(mentee, decliner)
        client.force_login(mentee.user)
        html = client.get(reverse("mentorships:ask", args=[ask.pk])).content.decode()
        assert "isn&#x27;t taking requests right now" in html

    def test_nothing_is_said_while_one_mentor_with_the_skill_takes_requests(self):
        mentee = mentee_wanting("public-speaking")
        decliner = mentor_offering("python")
        mentor_offering("public-speaking", is_paused=True)
        open_one = mentor_offering("public-speaking")
        ask = declined(mentee, decliner)
        page = ask_page_for(ask_id=ask.pk, user=mentee.user)
        assert page.out_of_reach == []
        assert open_one in [pick.profile for pick in page.suggestions]

    def test_when_the_mentor_who_said_no_offers_it_too_the_others_are_meant(self):
        mentee = mentee_wanting("public-speaking")
        decliner = mentor_offering("public-speaking")
        mentor_offering("public-speaking", is_paused=True)
        ask = declined(mentee, decliner)
        assert ask_page_for(ask_id=ask.pk, user=mentee.user).out_of_reach == [
            f"The other mentor who offers {skill_name('public-speaking')} isn't taking requests "
            "right now, so they aren't listed here."
        ]

    def test_a_suggested_mentor_with_the_skill_means_nothing_is_out_of_reach(self):
        mentee = mentee_wanting("public-speaking")
        decliner = mentor_offering("python")
        referred = mentor_offering("public-speaking")
        mentor_offering("public-speaking", is_paused=True)
        ask = declined(mentee, decliner, refer_to=referred)
        page = ask_page_for(ask_id=ask.pk, user=mentee.user)
        assert page.out_of_reach == []
        assert referred not in [pick.profile for pick in page.suggestions]

    def test_the_mentor_who_said_no_is_not_counted_among_those_who_could(self):
        mentee = mentee_wanting("public-speaking")
        decliner = mentor_offering("public-speaking")
        ask = declined(mentee, decliner)
        assert ask_page_for(ask_id=ask.pk, user=mentee.user).out_of_reach == []


BUSY_NOTE = "Placed below a lower score on purpose: others are already waiting to hear from them."


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "htmx"),
    [("matching:recommendations", False), ("matching:recommendation_strip", True)],
)
def test_a_better_fit_others_are_asking_sits_lower_and_says_why(client, url, htmx):
    mentee = mentee_wanting("python")
    busy = mentor_offering("python", capacity=1, user__first_name="Busy")
    free = mentor_offering("python", hours_per_month=2, user__first_name="Free")
    AskFactory(mentor=busy)  # someone else's ask fills Busy's one free place
    client.force_login(mentee.user)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    html = client.get(reverse(url), **headers).content.decode()
    assert html.index(free.user.display_name) < html.index(busy.user.display_name)
    assert html.count(BUSY_NOTE) == 1
    assert html.index(busy.user.display_name) < html.index(BUSY_NOTE)
    if not htmx:
        assert "Best fit first" in html


@pytest.mark.django_db
def test_a_full_mentor_who_is_the_only_one_with_the_skill_says_so_before_the_ask(client):
    mentee = mentee_wanting("public-speaking")
    full = mentor_offering("public-speaking", capacity=1)
    IntroFactory(mentor=full)
    client.force_login(mentee.user)
    html = client.get(reverse("mentorships:ask_new", args=[full.pk])).content.decode()
    assert (
        f"The one mentor who offers {skill_name('public-speaking')} isn&#x27;t taking requests"
        in html
    )


@pytest.mark.django_db
def test_the_referral_list_is_worked_out_once_and_the_decline_takes_a_mentor_from_it(
    client, monkeypatch
):
    """The mentee's recommendations run once per ask, not on every view of its page: the
    page, a second view and the decline it posts use the same list."""
    from tandem.mentorships.selectors import asks as selectors

    mentee = mentee_wanting("python")
    decliner, other = mentor_offering("python"), mentor_offering("python")
    ask = AskFactory(mentee=mentee, mentor=decliner)
    runs = []
    real = selectors.recommendations_for_mentee

    def counted(**kwargs):
        runs.append(1)
        return real(**kwargs)

    monkeypatch.setattr(selectors, "recommendations_for_mentee", counted)
    client.force_login(decliner.user)
    url = reverse("mentorships:ask", args=[ask.pk])
    for _ in range(2):
        assert f'<option value="{other.pk}">' in client.get(url).content.decode()
    # A mentor listed after the list was made is not offered until it is made again.
    later = mentor_offering("python")
    assert f'<option value="{later.pk}">' not in client.get(url).content.decode()
    answer = reverse("mentorships:ask_answer", args=[ask.pk, "decline"])
    assert client.post(answer, {"refer_to": str(other.pk)}).status_code == 302
    ask.refresh_from_db()
    assert (ask.state, ask.referred_to_id, len(runs)) == ("declined", other.pk, 1)
