"""Promotion plan pages: the plan (its target and four lists, each with a small add form), the
map of who decides, one row's edit page, removing a row, ticking off a visibility action, and
turning the plan's skills into skills wanted on the profile.

Everything reads through a selector that filters by the signed-in owner, so someone else's
row is a 404. A refusal that names a field goes back on its form (400); any other becomes the
refusal page (the DomainErrorMiddleware), nothing changed.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.core.errors import DomainError
from tandem.core.forms import add_refusal
from tandem.core.http import AuthedHttpRequest
from tandem.core.ratelimit import rate_limited
from tandem.growth.promotion import services
from tandem.growth.promotion.forms import TargetForm
from tandem.growth.promotion.kinds import KINDS, Kind
from tandem.growth.promotion.models import NAMESPACE, VisibilityAction
from tandem.growth.promotion.selectors import (
    decider_map_for,
    plan_page_for,
    plan_row_for_owner,
)

WRITES = ("promotion-write", "60/m")
# Rows are capped per plan; this keeps a script from churning add-remove-add all day.
ADDS = ("promotion-add", "20/m")
ADDS_HOURLY = ("promotion-add-hourly", "120/h")


def _plan_url(section: str = "") -> str:
    return reverse(f"{NAMESPACE}:plan") + (f"#{section}" if section else "")


def _plan_page(request: AuthedHttpRequest, *, status: int = 200, **bound: Form) -> HttpResponse:
    """The plan page, with any form just posted (and its errors) in place of a blank one."""
    page = plan_page_for(owner=request.user)
    forms = {
        f"{key}_form": bound.get(f"{key}_form") or kind.add_form() for key, kind in KINDS.items()
    }
    target = bound.get("target_form")
    if target is None:
        plan = page.plan
        initial = (
            {"target_role": plan.target_role, "target_level": plan.target_level,
             "by_when": plan.by_when}
            if plan is not None
            else page.prefill
        )  # fmt: skip
        target = TargetForm(initial=initial)
    context = {"page": page, "target_form": target, **forms}
    return render(request, "growth_promotion/plan.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*WRITES)
def plan(request: AuthedHttpRequest) -> HttpResponse:
    """The whole plan on one page; a POST saves its target."""
    if request.method == "GET":
        return _plan_page(request)
    form = TargetForm(request.POST)
    if form.is_valid():
        try:
            services.plan_target_set(owner=request.user, now=timezone.now(), **form.cleaned_data)
        except DomainError as error:
            if error.field is None:
                raise
            add_refusal(form, error)
        else:
            messages.success(request, "Saved. That's what the rest of the plan works towards.")
            return redirect(_plan_url("target"))
    return _plan_page(request, status=400, target_form=form)


@login_required
@require_GET
def decider_map(request: AuthedHttpRequest) -> HttpResponse:
    """Who decides, grouped by how well they know the owner."""
    columns = decider_map_for(owner=request.user)
    return render(request, "growth_promotion/map.html", {"columns": columns})


@login_required
@require_POST
@rate_limited(*WRITES)
@rate_limited(*ADDS)
@rate_limited(*ADDS_HOURLY)
def item_add(request: AuthedHttpRequest, kind: str) -> HttpResponse:
    """Add a row of one kind from its form on the plan page."""
    step = KINDS[kind]
    form = step.add_form(request.POST)
    if form.is_valid():
        try:
            step.add(request.user, form.cleaned_data)
        except DomainError as error:
            if error.field is None:
                raise
            add_refusal(form, error)
        else:
            messages.success(request, step.added)
            return redirect(_plan_url(step.section))
    return _plan_page(request, status=400, **{f"{kind}_form": form})


def _edit_page(
    request: AuthedHttpRequest, step: Kind, item: object, form: Form, *, status: int = 200
) -> HttpResponse:
    context = {"kind": step, "item": item, "form": form}
    return render(request, "growth_promotion/edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*WRITES)
def item_edit(request: AuthedHttpRequest, kind: str, item_id: int) -> HttpResponse:
    """One row of the plan, to change."""
    step = KINDS[kind]
    item = plan_row_for_owner(model=step.model, item_id=item_id, owner=request.user)
    if request.method == "GET":
        return _edit_page(request, step, item, step.edit_form(initial=step.initial(item)))
    form = step.edit_form(request.POST)
    if form.is_valid():
        try:
            step.update(item, request.user, form.cleaned_data)
        except DomainError as error:
            if error.field is None:
                raise
            add_refusal(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect(_plan_url(step.section))
    return _edit_page(request, step, item, form, status=400)


@login_required
@require_POST
@rate_limited(*WRITES)
def item_remove(request: AuthedHttpRequest, kind: str, item_id: int) -> HttpResponse:
    step = KINDS[kind]
    item = plan_row_for_owner(model=step.model, item_id=item_id, owner=request.user)
    services.plan_item_remove(item=item, owner=request.user)
    messages.success(request, "Removed from your plan.")
    return redirect(_plan_url(step.section))


@login_required
@require_POST
@rate_limited(*WRITES)
def visibility_done(request: AuthedHttpRequest, item_id: int) -> HttpResponse:
    """Tick a visibility action off (or back on)."""
    item = plan_row_for_owner(model=VisibilityAction, item_id=item_id, owner=request.user)
    done = request.POST.get("done", "1") != "0"
    services.visibility_action_mark(item=item, owner=request.user, done=done, now=timezone.now())
    messages.success(request, "Done. Well done." if done else "Back on your list.")
    return redirect(_plan_url("visibility"))


@login_required
@require_POST
@rate_limited(*WRITES)
def skills_to_profile(request: AuthedHttpRequest) -> HttpResponse:
    """The plan's skills become skills the owner wants to learn on their profile."""
    result = services.plan_skills_to_profile(owner=request.user)
    messages.success(request, result.message)
    return redirect(_plan_url("skills"))
