"""The career plan's pages: the plan with its goals, and bringing the goals into a
mentorship's agreement. Only ever the signed-in person's own plan."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from tandem.core.errors import DomainError
from tandem.core.forms import add_refusal
from tandem.core.http import AuthedHttpRequest
from tandem.core.ratelimit import rate_limited
from tandem.growth.careers import services
from tandem.growth.careers.forms import CareerPlanForm, PlanGoalForm
from tandem.growth.careers.selectors import agreement_seed_for, career_plan_page_for
from tandem.mentorships.prefill import agreement_goals_offer

WRITES = ("career-plan-write", "30/m")
PLAN = "growth:growth_careers:plan"


def _plan_url(anchor: str = "") -> str:
    return reverse(PLAN) + anchor


def _page(
    request: AuthedHttpRequest, *, plan_form: CareerPlanForm | None = None,
    goal_form: PlanGoalForm | None = None, status: int = 200,
) -> HttpResponse:  # fmt: skip
    page = career_plan_page_for(user=request.user, now=timezone.now())
    context = {
        **vars(page),
        "plan_form": plan_form or CareerPlanForm(initial=page.initial),
        "goal_form": goal_form or PlanGoalForm(),
    }
    return render(request, "growth_careers/plan.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*WRITES)
def plan(request: AuthedHttpRequest) -> HttpResponse:
    """The plan: where I want to be and by when, what I bring, and the goals that follow."""
    if request.method == "GET":
        return _page(request)
    form = CareerPlanForm(request.POST)
    if form.is_valid():
        try:
            services.career_plan_save(
                owner=request.user, now=timezone.now(), **form.service_kwargs()
            )
        except DomainError as error:
            if error.field is None:
                raise
            add_refusal(form, error)
        else:
            messages.success(
                request, "Plan saved. Matching now looks for people where you're heading."
            )
            return redirect(PLAN)
    return _page(request, plan_form=form, status=400)


@login_required
@require_POST
@rate_limited(*WRITES)
def goal_add(request: AuthedHttpRequest) -> HttpResponse:
    form = PlanGoalForm(request.POST)
    if form.is_valid():
        try:
            services.plan_goal_add(
                owner=request.user, text=form.cleaned_data["text"], now=timezone.now()
            )
        except DomainError as error:
            if error.field is None:
                raise
            add_refusal(form, error)
        else:
            messages.success(request, "Goal added.")
            return redirect(_plan_url("#goals-title"))
    return _page(request, goal_form=form, status=400)


@login_required
@require_POST
@rate_limited(*WRITES)
def goal_remove(request: AuthedHttpRequest, goal_id: int) -> HttpResponse:
    services.plan_goal_remove(owner=request.user, goal_id=goal_id)
    messages.success(request, "Goal dropped. That's room for the next one.")
    return redirect(_plan_url("#goals-title"))


@login_required
@require_POST
@rate_limited(*WRITES)
def agreement_seed(request: AuthedHttpRequest, mentorship_id: int) -> HttpResponse:
    """Take the plan's goals into the agreement form of one of the person's mentorships."""
    seed = agreement_seed_for(user=request.user, mentorship_id=mentorship_id, now=timezone.now())
    agreement_goals_offer(request.session, mentorship_id=mentorship_id, goals=seed.goals)
    messages.success(
        request, "Your plan's goals are in the agreement form. Adjust them, then propose."
    )
    return redirect(f"{seed.mentorship.get_absolute_url()}#agreement-title")
