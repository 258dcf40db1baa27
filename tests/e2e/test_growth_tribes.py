"""Tribes in a real browser on a 360 px phone: a mentee browses the tribes, opens Data &
analytics and finds a mentor from another organization (linked to their profile); a peer who
keeps their profile hidden, someone they blocked and a suspended account are not there, not
even by name. They pick out the mentors, join (and appear as "you"), open the
mentor's profile, come back and leave. Every page fits the screen and passes axe."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tandem.accounts.tests.factories import PASSWORD
from tandem.growth.tribes.models import TribeMembership
from tandem.growth.tribes.services import tribe_join, tribes_sync
from tandem.moderation.blocks import block_set
from tandem.profiles.choices import Visibility
from tandem.profiles.models import Profile
from tandem.profiles.tests.factories import (
    MentorProfileFactory,
    OrganizationFactory,
    ProfileFactory,
)

from .test_phones import WIDER_THAN_THE_SCREEN

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NARROW = {"width": 360, "height": 780}
SLUG = "data-analytics"


def _person(first: str, last: str, factory=ProfileFactory, **fields) -> Profile:
    return factory(user__first_name=first, user__last_name=last, **fields)


@pytest.fixture
def mentee(transactional_db) -> Profile:
    """Noor, and the tribe as others left it: a mentor elsewhere, a hidden peer, someone Noor
    blocked and a suspended account."""
    now = timezone.now()
    tribes_sync()
    noor = _person("Noor", "Haddad", organization=OrganizationFactory(name="Harbour Analytics"))
    mentor = _person("Olamide", "Brooks", MentorProfileFactory,
                     organization=OrganizationFactory(name="Kestrel Health"))  # fmt: skip
    hidden = _person("Pavel", "Novak", visibility=Visibility.HIDDEN)
    blocked = _person("Quinn", "Abara")
    suspended = _person("Rosa", "Lindgren")
    for profile in (mentor, hidden, blocked, suspended):
        tribe_join(profile=profile, slug=SLUG, now=now)
    block_set(owner=noor.user, other_id=blocked.user_id, kind="block", now=now)
    suspended.user.is_active = False
    suspended.user.save(update_fields=["is_active"])
    return noor


def _fits(page: Page) -> None:
    wide = page.evaluate(WIDER_THAN_THE_SCREEN)
    assert wide is None, f"{page.url} scrolls sideways on a 360 px phone: {wide}"


def test_find_a_mentor_beyond_my_organization_in_a_tribe(
    page: Page, mentee: Profile, log_in, assert_accessible
) -> None:
    log_in(page, mentee.user.email, PASSWORD)
    page.set_viewport_size(NARROW)

    page.goto("/growth/tribes/")
    expect(page.get_by_role("heading", name="Find your tribe", level=1)).to_be_visible()
    expect(page.get_by_text("You're in 0 of up to")).to_be_visible()
    _fits(page)
    assert_accessible(page)

    interests = page.get_by_role("list", name="Tribes by interest")
    # Counted as Noor will see them: not the hidden peer, the person she blocked, nor the
    # suspended account.
    data = interests.get_by_role("listitem").filter(has_text="Data & analytics")
    expect(data).to_contain_text("1 member")
    interests.get_by_role("link", name="Data & analytics").click()
    expect(page.get_by_role("heading", name="Data & analytics", level=1)).to_be_visible()
    members = page.get_by_role("list", name="Members of Data & analytics")
    mentor = members.get_by_role("listitem").filter(has_text="Olamide Brooks")
    expect(mentor.get_by_role("link", name="Olamide Brooks")).to_be_visible()
    expect(mentor).to_contain_text("Mentor")
    expect(mentor).to_contain_text("Another organization")
    expect(mentor).to_contain_text("Kestrel Health")
    expect(members.get_by_role("listitem")).to_have_count(1)
    expect(page.locator("main")).not_to_contain_text("Pavel")
    expect(members).not_to_contain_text("Quinn")
    expect(members).not_to_contain_text("Rosa")
    _fits(page)
    assert_accessible(page)

    # Only the mentors.
    page.get_by_role("navigation", name="Show").get_by_role("link", name="Mentors").click()
    expect(members.get_by_role("listitem")).to_have_count(1)
    expect(members).to_contain_text("Olamide Brooks")

    # Join: Noor appears, as "you".
    page.get_by_role("button", name="Join this tribe").click()
    expect(page.get_by_role("status")).to_contain_text("who can see your profile now find you")
    expect(members.get_by_role("listitem").filter(has_text="(you)")).to_contain_text("Noor Haddad")
    _fits(page)
    assert_accessible(page)
    assert TribeMembership.objects.filter(profile=mentee).count() == 1

    # The mentor's profile is one tap away; then back, and leave.
    members.get_by_role("link", name="Olamide Brooks").click()
    expect(page.get_by_role("heading", name=re.compile("Olamide Brooks"), level=1)).to_be_visible()
    page.go_back()
    page.get_by_role("button", name="Leave this tribe").click()
    expect(page.get_by_role("status")).to_contain_text("You no longer appear on its page")
    expect(page.get_by_role("button", name="Join this tribe")).to_be_visible()
    _fits(page)
    assert_accessible(page)
    assert not TribeMembership.objects.filter(profile=mentee).exists()
