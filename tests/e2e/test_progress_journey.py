"""A mentor's own progress in a real browser: from the menu to "Your progress", the impact of
their help with the thank-you their mentee wrote, the chart of the last twelve months drawn
and shown as a table, no accessibility violation, and no sideways scroll on a 390 px phone."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tandem.accounts.tests.factories import PASSWORD
from tandem.meetings.services import thank_you_give
from tandem.meetings.tests.factories import HeldMeetingFactory
from tandem.mentorships.models import Mentorship
from tandem.mentorships.services.goals import goal_update
from tandem.mentorships.tests.factories import ActiveMentorshipFactory
from tandem.profiles.tests.factories import ProfileFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

THANKS = "Your question about scope changed how I plan my week. Thank you!"
NO_SIDEWAYS_SCROLL = (
    "() => document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth"
)


@pytest.fixture
def mentorship(transactional_db):
    """An active mentorship (the real clock: the page counts this month) with a meeting held
    three days ago, the mentee's thank-you for it and one of their goals achieved."""
    now = timezone.now()
    mentorship = ActiveMentorshipFactory(
        mentee=ProfileFactory(user__first_name="Ada", user__last_name="Lovelace"),
        asked_at=now - timedelta(days=12), now=now - timedelta(days=10),
    )  # fmt: skip
    meeting = HeldMeetingFactory(mentorship=mentorship, now=now - timedelta(days=5))
    mentee = mentorship.mentee.user
    thank_you_give(meeting=meeting, actor=mentee, text=THANKS, now=now)
    goal = mentorship.goals.order_by("id").first()
    assert goal is not None
    goal_update(goal=goal, actor=mentee, status="achieved", text="Led the launch", now=now)
    return mentorship


def _figure(section, term: str):
    return section.locator("dt", has_text=term).locator("xpath=following-sibling::dd")


def test_a_mentor_sees_the_impact_of_their_help(
    page, mentorship: Mentorship, log_in, assert_accessible
) -> None:
    log_in(page, mentorship.mentor.user.email, PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Your progress").click()
    expect(page.get_by_role("heading", name="Your progress", level=1)).to_be_visible()

    impact = page.get_by_role("region", name="The impact of your help")
    expect(impact).to_contain_text("Thank you for giving your time.")
    for term in ("People helped", "Meetings held", "Goals your mentees reached", "Notes of thanks"):
        expect(_figure(impact, term)).to_have_text("1")
    expect(impact.locator("blockquote")).to_contain_text(THANKS)
    expect(impact.locator("blockquote")).to_contain_text("Ada Lovelace")

    card = page.get_by_role("region", name="As a mentor").get_by_role("article")
    expect(card.get_by_role("link", name="Ada Lovelace")).to_have_attribute(
        "href", mentorship.get_absolute_url()
    )

    chart = page.locator("figure#chart-progress")
    expect(chart.locator("canvas[data-drawn]")).to_be_attached()  # Chart.js drew it
    table = chart.get_by_role("table")
    expect(table).to_be_hidden()
    chart.get_by_text("Show as table").click()
    expect(table).to_be_visible()
    this_month = f"{timezone.localdate():%b %Y}"
    expect(table.get_by_role("row", name=this_month)).to_be_visible()
    assert_accessible(page)

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(page.get_by_role("heading", name="Your progress", level=1)).to_be_visible()
    page.locator("figure#chart-progress").get_by_text("Show as table").click()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert_accessible(page)
