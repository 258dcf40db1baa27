"""A manager follows a matching round in the browser: the progress bar moves without a reload,
is still there after one, and the page turns into the draft by itself when the job is done;
then they lock a pair and publish, on a 360 px phone."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tandem.accounts.tests.factories import PASSWORD
from tandem.programs.models import Match, PairRule, Round
from tandem.programs.rounds.run import round_run, round_start
from tandem.programs.tests.factories import ProgramFactory, manager_of
from tandem.programs.tests.round_world import person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 360, "height": 780}
FITS = "() => document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def running(transactional_db):
    program = ProgramFactory(name="Spring mentoring", mentor_capacity=2)
    for i in range(4):
        person(program, email=f"mentee{i}@acme.test", department=("Ops", "Sales")[i % 2])
    person(program, "mentor", email="alexandra.konstantinopoulou-worthington@acme.example.org")
    person(program, "mentor", email="rio@acme.test")
    round_ = round_start(program=program, actor=None, now=timezone.now(), enqueue=False)
    Round.objects.filter(pk=round_.pk).update(
        state=Round.State.RUNNING, progress=30, step="Finding candidate pairs"
    )
    return round_, manager_of(program.organization)


def test_follow_a_round_then_lock_and_publish(page, running, log_in, assert_accessible):
    round_, manager = running
    log_in(page, manager.email, PASSWORD)
    page.set_viewport_size(PHONE)  # after signing in: on a phone the menu (and "Log out") folds
    page.goto(round_.get_absolute_url())
    bar = page.locator("#round-progress-bar")
    expect(bar).to_have_attribute("value", "30")
    expect(page.get_by_text("Finding candidate pairs")).to_be_visible()
    assert_accessible(page)

    # The job moves on: the bar follows within a poll, without a reload.
    Round.objects.filter(pk=round_.pk).update(progress=60, step="Matching")
    expect(bar).to_have_attribute("value", "60")
    expect(page.get_by_text("Matching", exact=True)).to_be_visible()
    page.reload()
    expect(page.locator("#round-progress-bar")).to_have_attribute("value", "60")

    # The job finishes: the page becomes the draft by itself.
    Round.objects.filter(pk=round_.pk).update(state=Round.State.QUEUED)
    round_run(round_.pk, now=timezone.now())
    expect(page.get_by_role("heading", name="How good the matching is")).to_be_visible()
    expect(page.locator("#round-progress-bar")).to_have_count(0)
    assert page.evaluate(FITS), "the draft must not scroll sideways on a 360 px phone"
    assert_accessible(page)

    page.get_by_role("button", name=re.compile(r"^Lock ")).first.click()
    expect(page.get_by_text(re.compile(r"^Locked: "))).to_be_visible()
    assert PairRule.objects.filter(kind="lock").count() == 1
    page.get_by_role("button", name=re.compile(r"^Publish \d+ pairs$")).click()
    expect(page.get_by_text(re.compile(r"^Published: \d+ pairs"))).to_be_visible()
    assert Match.objects.filter(round=round_).count() == 4  # two mentors, two places each
    assert page.evaluate(FITS)
