"""The ask and the mentorship in two browsers: one for the mentee, one for the mentor.

1. The mentee asks; the mentor sees the notification and accepts; both see the intro; once
   the intro meeting is held the mentee proposes an agreement; the mentor accepts; both see
   it active with goals and term.
2. A mentor declines with a referral; the mentee sees the referred mentor suggested.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tandem.accounts.tests.factories import PASSWORD
from tandem.matching.index import mentor_index_clear
from tandem.meetings.tests.factories import HeldMeetingFactory
from tandem.mentorships.models import Mentorship
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory, offer, speak
from tandem.skills.models import Skill

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def people(transactional_db):
    mentor_index_clear()
    mentee = ProfileFactory(
        user__first_name="Noor", user__last_name="Haddad", level=2, function="data",
        goals="Grow into a data team lead", focus_areas_sought=["leadership"],
    )  # fmt: skip
    mentee.skills_wanted.add(Skill.objects.get(slug="python"), Skill.objects.get(slug="sql"))
    speak(mentee, "en")
    mentors = {}
    for first, last in (("Ines", "Carvalho"), ("Tomas", "Berg")):
        mentor = MentorProfileFactory(
            user__first_name=first, user__last_name=last, level=5, function="data",
            focus_areas_offered=["leadership"], contact_detail=f"{first.lower()} on Signal",
        )  # fmt: skip
        offer(mentor, "python", proficiency=4)
        offer(mentor, "sql", proficiency=3)
        speak(mentor, "en")
        mentors[first] = mentor
    yield mentee, mentors
    mentor_index_clear()


@pytest.fixture
def second_page(browser, live_server):
    """Another person's browser: a separate context, so separate cookies."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB", timezone_id="UTC")
    yield context.new_page()
    context.close()


def send_ask(page, mentor_name: str) -> None:
    card = (
        page.get_by_role("region", name="Recommended for you")
        .get_by_role("article")
        .filter(has_text=mentor_name)
    )
    card.get_by_role("button", name=f"Ask {mentor_name} for an intro").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Ask {mentor_name} for a short intro"
    )
    expect(page.get_by_role("complementary")).to_contain_text("What makes a good ask")
    page.get_by_label("Leadership").check()
    note = page.get_by_label("Your note")
    note.fill("I'm a data analyst hoping to lead a team next year. Could we talk for 20 minutes?")
    expect(page.locator("#note-count")).to_contain_text("characters left")
    page.get_by_role("button", name="Send my request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Your request to {mentor_name}")


def open_notification(page, title: re.Pattern[str]) -> None:
    page.goto("/home/")
    page.get_by_role("link", name=re.compile(r"^Notifications\W+\d+ unread$")).click()
    page.get_by_role("button", name=title).click()


class TestAskToActive:
    def test_ask_accept_agree_and_both_see_it_active(
        self, page, second_page, people, log_in, assert_accessible
    ):
        mentee, mentors = people
        mentor_page = second_page

        log_in(page, mentee.user.email, PASSWORD)
        send_ask(page, "Ines Carvalho")
        expect(page.get_by_text("Waiting for an answer")).to_be_visible()
        assert_accessible(page)

        log_in(mentor_page, mentors["Ines"].user.email, PASSWORD)
        open_notification(mentor_page, re.compile("Noor Haddad would like a 20-minute intro"))
        expect(mentor_page.get_by_role("heading", level=1)).to_contain_text("Noor Haddad")
        expect(mentor_page.get_by_role("heading", name="Why you two fit")).to_be_visible()
        assert_accessible(mentor_page)
        mentor_page.get_by_role("button", name="Accept the intro").click()
        expect(mentor_page.locator("#mentorship-state")).to_have_text("Intro")
        expect(mentor_page.get_by_role("region", name="Contact")).to_contain_text(mentee.user.email)

        page.get_by_role("link", name="Mentorships").click()
        mentors_list = page.get_by_role("region", name="My mentors")
        expect(mentors_list).to_contain_text("Intro")
        mentors_list.get_by_role("link", name="Ines Carvalho").click()
        expect(page.locator("#mentorship-state")).to_have_text("Intro")
        expect(page.get_by_role("region", name="Contact")).to_contain_text("ines on Signal")
        expect(page.locator("#agreement-after-intro")).to_contain_text("After your intro")
        assert_accessible(page)

        # They hold the intro: the test books it days ago and marks it held, as the meeting
        # page does once it has started; only then may the mentee propose an agreement.
        mentorship = Mentorship.objects.get(mentee=mentee)
        HeldMeetingFactory(mentorship=mentorship, now=timezone.now() - timedelta(days=3))
        page.reload()
        page.get_by_label("Goal 1").fill("Run my first team retrospective")
        page.get_by_label("Goal 2").fill("Write a hiring plan for two analysts")
        page.get_by_label("How often you'll meet").select_option(label="Every two weeks")
        page.get_by_label("Meeting length").select_option(label="30 minutes")
        page.get_by_role("button", name="Propose this agreement").click()
        expect(page.locator("#mentorship-state")).to_have_text("Agreement proposed")

        mentor_page.reload()
        expect(mentor_page.locator("#mentorship-state")).to_have_text("Agreement proposed")
        mentor_page.get_by_role("button", name="Accept the agreement").click()
        expect(mentor_page.locator("#mentorship-state")).to_have_text("Active")

        for side in (page, mentor_page):
            side.reload()
            expect(side.locator("#mentorship-state")).to_have_text("Active")
            agreement = side.get_by_role("region", name="Agreement")
            expect(agreement).to_contain_text("Run my first team retrospective")
            expect(agreement).to_contain_text("Every two weeks, 30 minutes each")
            expect(agreement.locator(".term-end")).to_have_text(re.compile(r"\d{1,2} \w{3} \d{4}"))
        assert_accessible(page)


class TestDeclineWithReferral:
    def test_the_mentee_sees_the_referred_mentor(
        self, page, second_page, people, log_in, assert_accessible
    ):
        mentee, mentors = people
        mentor_page = second_page

        log_in(page, mentee.user.email, PASSWORD)
        send_ask(page, "Ines Carvalho")

        log_in(mentor_page, mentors["Ines"].user.email, PASSWORD)
        mentor_page.get_by_role("link", name="Requests").click()
        mentor_page.get_by_role("region", name="Asked of you").get_by_role(
            "link", name="Noor Haddad"
        ).click()
        mentor_page.get_by_label("A private note (optional)").fill("Booked up until spring.")
        mentor_page.get_by_label("Suggest another mentor (optional)").select_option(
            value=str(mentors["Tomas"].pk)
        )
        assert_accessible(mentor_page)
        mentor_page.get_by_role("button", name="Decline").click()
        expect(mentor_page.get_by_text("Declined kindly")).to_be_visible()

        open_notification(page, re.compile("Ines Carvalho can't take your request"))
        expect(page.get_by_text("It isn't personal")).to_be_visible()
        referral = page.get_by_role("article").filter(has_text="Ines Carvalho suggests Tomas Berg")
        expect(referral).to_be_visible()
        expect(page.get_by_text("Booked up until spring.")).to_have_count(0)
        assert_accessible(page)
        referral.get_by_role("button", name="Ask Tomas Berg for an intro").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Ask Tomas Berg for a short intro"
        )
