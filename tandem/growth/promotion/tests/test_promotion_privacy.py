"""A promotion plan is its owner's alone: no page of the site shows its words to anyone else
(their mentor, a program's managers, staff, someone with no part in it), the admin shows that
a plan exists and how many rows it holds, never what it says, and the owner can download all
of it."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from tandem.growth.promotion import services
from tandem.growth.promotion.models import PromotionPlan
from tandem.growth.promotion.selectors import export_for
from tandem.growth.promotion.tests.factories import (
    DeciderFactory,
    OpportunityFactory,
    SkillToGainFactory,
    VisibilityActionFactory,
)
from tandem.profiles.tests.factories import ProfileFactory
from tests.security.checks import client_for, send
from tests.security.routes import path_of, route_for, site_patterns
from tests.security.world import MANAGER, MENTEE, MENTOR, OTHER_MANAGER, STAFF, STRANGER

pytestmark = pytest.mark.django_db

# Every word the mentee typed into the plan; none is a word any page shows otherwise.
ROLE = "Quartermaster of widgets"
SHOW = "Chair the zeppelin budget review"
WHAT = "Demo the heliograph pipeline"
WHOM = "The lighthouse division"
NAME = "Ottoline Vasquez-Brandt"
STEP = "Ask Ottoline about the moonshot"
OPENING = "Marmalade team lead opening"
PRIVATE = (ROLE, SHOW, WHAT, WHOM, NAME, STEP, OPENING)


def _shown(body: str) -> list[str]:
    return [text for text in PRIVATE if text in body or html.escape(text) in body]


def _full_plan(owner, now) -> None:
    services.plan_target_set(owner=owner, target_role=ROLE, target_level=6, by_when=None, now=now)
    SkillToGainFactory(owner=owner, slug="negotiation", how_to_show=SHOW)
    VisibilityActionFactory(owner=owner, what=WHAT, whom=WHOM)
    DeciderFactory(owner=owner, name=NAME, relation="not_yet", next_step=STEP)
    OpportunityFactory(owner=owner, what=OPENING, when="Soon")


@pytest.fixture
def world(db, now):
    from tests.security.world import build_world

    built = build_world()
    _full_plan(built.users[MENTEE], now)
    return built


class TestNobodyElseSeesAPlan:
    @pytest.mark.parametrize("role", [MENTOR, MANAGER, STAFF, OTHER_MANAGER, STRANGER])
    def test_no_page_anyone_else_may_open_shows_any_of_it(self, world, role):
        client = client_for(world, role)
        opened, leaks = 0, []
        for pattern in site_patterns():
            route = route_for(pattern)
            if pattern.is_admin or route is None or route.post_only or role not in route.who:
                continue
            response = send(client, "GET", path_of(pattern, world))
            if response.status_code != 200 or response.streaming:
                continue
            opened += 1
            shown = _shown(response.content.decode(errors="replace"))
            if shown:
                leaks.append(f"{pattern.key}: {shown[:2]}")
        assert opened > 5
        assert not leaks, "\n".join(leaks)

    def test_the_owner_sees_all_of_it_on_their_own_pages(self, world):
        client = client_for(world, MENTEE)
        plan = send(client, "GET", reverse("growth:growth_promotion:plan")).content.decode()
        assert set(_shown(plan)) == set(PRIVATE)
        decider_map = send(client, "GET", reverse("growth:growth_promotion:map")).content.decode()
        assert set(_shown(decider_map)) == {NAME, STEP}


class TestTheAdmin:
    def test_staff_see_that_a_plan_exists_and_its_size_never_its_words(self, world):
        client = client_for(world, STAFF)
        plan = PromotionPlan.objects.get(owner=world.users[MENTEE])
        listing = client.get(reverse("admin:growth_promotion_promotionplan_changelist"))
        one = client.get(reverse("admin:growth_promotion_promotionplan_change", args=[plan.pk]))
        for response in (listing, one):
            body = response.content.decode()
            assert response.status_code == 200
            assert "1 skills, 1 visibility actions, 1 deciders, 1 openings" in body
            assert not _shown(body)

    def test_searching_the_admin_by_a_word_of_the_plan_finds_nothing(self, world):
        client = client_for(world, STAFF)
        listing = reverse("admin:growth_promotion_promotionplan_changelist")
        body = client.get(listing, {"q": "Quartermaster"}).content.decode()
        assert "0 promotion plans" in body


class TestTheDownload:
    def test_export_holds_every_word_of_the_owners_plan(self, mentee, now):
        _full_plan(mentee.user, now)
        data = export_for(mentee.user)
        assert data["target_role"] == ROLE
        assert data["skills_to_gain"] == [{"skill": "Negotiation", "how_to_show": SHOW}]
        assert data["visibility_actions"] == [{"what": WHAT, "whom": WHOM, "done_at": None}]
        assert data["deciders"] == [
            {"name": NAME, "relation": "Doesn't know me yet", "next_step": STEP}
        ]
        assert data["opportunities"] == [{"what": OPENING, "when": "Soon"}]

    def test_someone_elses_export_holds_none_of_it(self, mentee, now):
        _full_plan(mentee.user, now)
        assert export_for(ProfileFactory().user) == {}
