"""The career plan is its owner's alone: no page of the site shows its words to anyone else
(the other side of a mentorship, someone unrelated, managers of programs, staff and the
admin). Only the target it copies onto the profile ("Heading for") is shown there, as the
plan page says."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from tandem.growth.careers.models import CareerPlan, PlanGoal
from tandem.growth.careers.services import career_plan_save, plan_goal_add
from tests.security.checks import client_for, send
from tests.security.routes import path_of, route_for, site_patterns
from tests.security.world import ANONYMOUS, MENTEE, MENTOR, ROLES, World, build_world

pytestmark = pytest.mark.django_db
MARK = "Kestrel"  # in every private word of the plan, and nowhere else in the world
OTHERS = [role for role in ROLES if role not in (MENTEE, ANONYMOUS)]


def _plan_words_for(world: World) -> None:
    owner, now = world.users[MENTEE], timezone.now()
    career_plan_save(
        owner=owner, target_industry="finance", target_level=8, target_by=now.date(),
        target_organization_kind="non_profit", target_title=f"{MARK} director",
        brings_today=f"{MARK} years of audit", now=now,
    )  # fmt: skip
    plan_goal_add(owner=owner, text=f"{MARK} budget round", now=now)


@pytest.fixture
def world() -> World:
    built = build_world()
    _plan_words_for(built)
    return built


def _body(response) -> str:
    if response.status_code != 200:
        return ""
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode(errors="replace")


class TestNobodyElseSeesThePlan:
    def test_no_page_shows_the_plans_words_to_anyone_but_its_owner(self, world):
        routes = [(p, route_for(p)) for p in site_patterns()]
        patterns = [p for p, route in routes if route is not None and not route.post_only]
        clients = {role: client_for(world, role) for role in OTHERS}
        shown, opened = [], 0
        for pattern in patterns:
            path = path_of(pattern, world)
            for role, client in clients.items():
                body = _body(send(client, "GET", path))
                opened += bool(body)
                if MARK in body:
                    shown.append(f"{role}: {path}")
        assert not shown, "The plan's words show to others:\n" + "\n".join(shown)
        assert opened > 200  # the walk really opened pages: staff's, managers', the pair's

    def test_the_owner_does_see_them_on_the_plan_page(self, world):
        client = client_for(world, MENTEE)
        assert MARK in client.get(reverse("growth:growth_careers:plan")).content.decode()

    def test_the_mentor_sees_only_the_target_on_the_mentees_profile(self, world):
        client = client_for(world, MENTOR)
        mentee_profile = world.ids["mentee_profile"]
        page = client.get(reverse("profiles:detail", kwargs={"profile_id": mentee_profile}))
        body = page.content.decode()
        assert "Heading for" in body  # the target the plan put on the profile, as it says
        assert MARK not in body
        assert "non-profit" not in body.lower()


class TestStaff:
    def test_the_admin_holds_no_career_plans_or_goals(self):
        assert CareerPlan not in admin.site._registry
        assert PlanGoal not in admin.site._registry

    def test_str_names_no_private_words(self, world):
        plan = CareerPlan.objects.get(owner=world.users[MENTEE])
        assert MARK not in str(plan)
        assert MARK not in str(plan.goals.get())
