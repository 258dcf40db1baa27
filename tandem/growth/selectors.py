"""The growth hub's one read: each tool with where the person stands in it and the next
step, from one query (every figure is a subquery on the person's own rows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Exists, Max, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from tandem.accounts.models import User
from tandem.growth.careers.models import CareerPlan, PlanGoal
from tandem.growth.education.models import Scenario
from tandem.growth.journal.models import JournalEntry
from tandem.growth.promotion.models import PromotionPlan
from tandem.growth.stuck.models import StuckCheck
from tandem.growth.tribes.models import TribeMembership


@dataclass(frozen=True)
class Tool:
    title: str
    purpose: str  # what it is for, in a line
    status: str  # where the person stands in it
    action: str  # the next step, as the link's words
    url: str
    started: bool


@dataclass(frozen=True)
class Figures:
    """Where the person stands in each tool (counts are None when they have no rows)."""

    career_title: str | None
    career_by: date | None
    has_career_plan: bool
    career_goals: int | None
    promotion_role: str | None
    has_promotion_plan: bool
    scenarios: int | None
    last_check: datetime | None
    entries: int | None
    latest_entry: date | None
    tribes: int | None


def _figures(user: User) -> Figures:
    owner = OuterRef("pk")
    plans = CareerPlan.objects.filter(owner=owner)
    figures = (
        User.objects.filter(pk=user.pk)
        .annotate(
            career_title=Subquery(plans.values("target_title")[:1]),
            career_by=Subquery(plans.values("target_by")[:1]),
            has_career_plan=Exists(plans),
            career_goals=Subquery(
                PlanGoal.objects.filter(plan__owner=owner)
                .values("plan__owner")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
            promotion_role=Subquery(
                PromotionPlan.objects.filter(owner=owner).values("target_role")[:1]
            ),
            has_promotion_plan=Exists(PromotionPlan.objects.filter(owner=owner)),
            scenarios=Subquery(
                Scenario.objects.filter(owner=owner)
                .values("owner")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
            last_check=Subquery(
                StuckCheck.objects.filter(owner=owner)
                .values("owner")
                .annotate(last=Max("created_at"))
                .values("last")[:1]
            ),
            entries=Subquery(
                JournalEntry.objects.filter(owner=owner)
                .values("owner")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
            latest_entry=Subquery(
                JournalEntry.objects.filter(owner=owner)
                .values("owner")
                .annotate(last=Max("happened_on"))
                .values("last")[:1]
            ),
            tribes=Subquery(
                TribeMembership.objects.filter(profile__user=owner)
                .values("profile")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
        )
        .values(*Figures.__dataclass_fields__)
        .get()
    )
    return Figures(**figures)


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _career(f: Figures) -> Tool:
    url = reverse("growth:growth_careers:plan")
    purpose = "Where you want to be and by when, what you bring today, and the goals that follow."
    if not f.has_career_plan:
        return Tool("Career plan", purpose, "Not started yet.", "Start your plan", url, False)
    aim = f"Aiming for {f.career_title}" if f.career_title else "Your plan is started"
    by = f" by {_day(f.career_by)}" if f.career_by else ""
    goals = _plural(f.career_goals or 0, "goal", "goals")
    return Tool("Career plan", purpose, f"{aim}{by}; {goals}.", "Open your plan", url, True)


def _promotion(f: Figures) -> Tool:
    url = reverse("growth:growth_promotion:plan")
    purpose = "The role you are going for, the skills to show, and who decides."
    if not f.has_promotion_plan:
        return Tool("Promotion plan", purpose, "Not started yet.", "Plan a promotion", url, False)
    role = f.promotion_role or "a role you have not named yet"
    return Tool("Promotion plan", purpose, f"Going for {role}.", "Open your plan", url, True)


def _education(f: Figures) -> Tool:
    url = reverse("growth:growth_education:list")
    purpose = "Whether a course or a degree pays for itself, one scenario beside another."
    n = f.scenarios or 0
    if not n:
        return Tool("Education return", purpose, "No scenarios yet.", "Work one out", url, False)
    status = f"{_plural(n, 'scenario', 'scenarios')} saved."
    return Tool("Education return", purpose, status, "Compare your scenarios", url, True)


def _stuck(f: Figures) -> Tool:
    url = reverse("growth:growth_stuck:check")
    purpose = "A few honest questions about where you are, with steps to take to your mentor."
    if f.last_check is None:
        return Tool("Am I stuck?", purpose, "Not taken yet.", "Take the check", url, False)
    status = f"Last taken on {_day(timezone.localtime(f.last_check).date())}."
    return Tool("Am I stuck?", purpose, status, "Take it again", url, True)


def _journal(f: Figures) -> Tool:
    url = reverse("growth:growth_journal:journal")
    purpose = "What changed around you, written down, and a fresh look at it."
    n = f.entries or 0
    if not n:
        return Tool("Journal", purpose, "Nothing written yet.", "Write the first entry", url, False)
    latest = f", the latest on {_day(f.latest_entry)}" if f.latest_entry else ""
    status = f"{_plural(n, 'entry', 'entries')}{latest}."
    return Tool("Journal", purpose, status, "Open your journal", url, True)


def _tribes(f: Figures) -> Tool:
    url = reverse("growth:growth_tribes:browse")
    purpose = "Groups by interest and profession: peers and mentors beyond your organization."
    n = f.tribes or 0
    if not n:
        return Tool("Tribes", purpose, "Not in one yet.", "Find your tribe", url, False)
    status = f"You are in {_plural(n, 'tribe', 'tribes')}."
    return Tool("Tribes", purpose, status, "See your tribes", url, True)


def hub_page_for(*, user: User) -> list[Tool]:
    """The tools in the order a person would usually take them up."""
    figures = _figures(user)
    return [
        build(figures) for build in (_career, _promotion, _education, _stuck, _journal, _tribes)
    ]
