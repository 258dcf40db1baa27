"""Education return pages: my scenarios side by side, one scenario with its chart, the form
(with a preview before saving: an htmx swap, or the same page posted without JavaScript), and
delete. Everything is the signed-in person's own; anyone else's id is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.core.errors import DomainError, NotFound
from tandem.core.forms import add_refusal
from tandem.core.http import AuthedHttpRequest
from tandem.core.ratelimit import rate_limited
from tandem.growth.education import services
from tandem.growth.education.examples import EXAMPLE_LABELS, EXAMPLES
from tandem.growth.education.forms import ScenarioForm
from tandem.growth.education.models import Scenario
from tandem.growth.education.selectors import (
    scenario_for,
    scenario_page_for,
    scenarios_page_for,
    worked,
)

# Previews post too, so the allowance is generous; the cap of scenarios is the service's.
WRITES = ("education-write", "60/m")
FORM = "growth_education/form.html"


@login_required
@require_GET
def scenarios(request: AuthedHttpRequest) -> HttpResponse:
    """The person's scenarios side by side."""
    page = scenarios_page_for(owner=request.user)
    return render(request, "growth_education/list.html", {"page": page, "examples": EXAMPLE_LABELS})


@login_required
@require_GET
def detail(request: AuthedHttpRequest, scenario_id: int) -> HttpResponse:
    """One scenario: its figures, the chart year by year and its assumptions in plain words."""
    page = scenario_page_for(owner=request.user, scenario_id=scenario_id)
    return render(request, "growth_education/detail.html", {"page": page})


def _form_page(request: AuthedHttpRequest, scenario: Scenario | None) -> HttpResponse:
    """The form for a new scenario or a change: "Show the result" works it out and saves
    nothing; "Save" saves it. A bad figure is a message beside its field, nothing saved."""
    preview = None
    if request.method == "POST":
        form = ScenarioForm(request.POST)
        if form.is_valid():
            if request.POST.get("action") == "preview":
                preview = worked(form.inputs, key="preview")
            else:
                try:
                    saved = _save(request, scenario, form)
                except NotFound:
                    raise
                except DomainError as error:
                    add_refusal(form, error)
                else:
                    messages.success(request, "Saved. Here it is, worked out year by year.")
                    return redirect(saved)
    elif scenario is not None:
        form = ScenarioForm.for_scenario(scenario)
    else:
        form = ScenarioForm(initial=EXAMPLES.get(request.GET.get("start", ""), {}))
    context = {"form": form, "scenario": scenario, "preview": preview}
    if request.htmx and request.method == "POST":
        # The preview button swaps the form and its result in place; htmx swaps 200s only.
        return render(request, f"{FORM}#calculator", context)
    return render(request, FORM, context, status=400 if form.errors else 200)


def _save(request: AuthedHttpRequest, scenario: Scenario | None, form: ScenarioForm) -> Scenario:
    name, inputs = form.cleaned_data["name"], form.inputs
    if scenario is None:
        return services.scenario_create(owner=request.user, name=name, inputs=inputs)
    return services.scenario_update(
        owner=request.user, scenario_id=scenario.pk, name=name, inputs=inputs
    )


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*WRITES)
def new(request: AuthedHttpRequest) -> HttpResponse:
    """A new scenario, optionally started from a rough example (?start=degree)."""
    return _form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*WRITES)
def edit(request: AuthedHttpRequest, scenario_id: int) -> HttpResponse:
    """Change one of the person's scenarios."""
    return _form_page(request, scenario_for(owner=request.user, scenario_id=scenario_id))


@login_required
@require_POST
@rate_limited(*WRITES)
def delete(request: AuthedHttpRequest, scenario_id: int) -> HttpResponse:
    """Delete one of the person's scenarios, then back to the list."""
    scenario = scenario_for(owner=request.user, scenario_id=scenario_id)
    services.scenario_delete(owner=request.user, scenario_id=scenario.pk)
    messages.success(request, f"Deleted “{scenario.name}”.")
    return redirect("growth:growth_education:list")
