"""Pages of "Am I stuck?": the questionnaire, a check's result with its suggestions, the
history, the one-click actions on a suggestion, and deleting a check. Every read goes through
a selector that filters by owner, so someone else's check is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.core.errors import DomainError
from tandem.core.forms import add_refusal
from tandem.core.http import AuthedHttpRequest
from tandem.core.ratelimit import rate_limited
from tandem.growth.stuck import services
from tandem.growth.stuck.forms import AskForm, CheckForm, SuggestionForm
from tandem.growth.stuck.selectors import (
    check_for,
    history_page_for,
    result_page_for,
    start_page_for,
)

# The daily cap is the service's; this only stops floods (a form sent back to fix counts too).
CHECKS = ("stuck-check", "30/h")
STEPS = ("stuck-step", "30/m")


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*CHECKS)
def check(request: AuthedHttpRequest) -> HttpResponse:
    """The questionnaire; answering it keeps a check and shows its result."""
    form = CheckForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                taken = services.stuck_check_take(
                    owner=request.user, answers=form.cleaned_data, now=timezone.now()
                )
            except DomainError as error:
                add_refusal(form, error)
                status = error.status
            else:
                messages.success(request, "Thank you for being honest with yourself.")
                return redirect(taken)
        else:
            status = 400
    page = start_page_for(owner=request.user, now=timezone.now())
    return render(request, "growth_stuck/check.html", {"page": page, "form": form}, status=status)


@login_required
@require_GET
def result(request: AuthedHttpRequest, check_id: int) -> HttpResponse:
    """One check's reading, scores and suggestions, with what to do with each."""
    page = result_page_for(owner=request.user, check_id=check_id, now=timezone.now())
    return render(request, "growth_stuck/result.html", {"page": page})


@login_required
@require_GET
def history(request: AuthedHttpRequest) -> HttpResponse:
    """How each cause's score changed between the person's checks."""
    return render(
        request, "growth_stuck/history.html", {"page": history_page_for(owner=request.user)}
    )


@login_required
@require_POST
@rate_limited(*STEPS)
def ask(request: AuthedHttpRequest, check_id: int) -> HttpResponse:
    """Put a suggestion's question on the agenda of a mentorship's next meeting."""
    check_for(owner=request.user, check_id=check_id)  # someone else's check: 404 first
    form = AskForm(request.POST)
    if not form.is_valid():
        raise _refusal(form)
    asked = services.stuck_suggestion_ask(
        owner=request.user, check_id=check_id, suggestion=form.cleaned_data["suggestion"],
        mentorship_id=form.cleaned_data["mentorship"], now=timezone.now(),
    )  # fmt: skip
    meeting = asked.item.meeting
    if meeting.starts_at is not None:
        when = date_format(timezone.localtime(meeting.starts_at), "j F")
        where = f"your meeting with {asked.other_name} on {when}"
    else:
        where = f"the meeting you're arranging with {asked.other_name}"
    messages.success(request, f"Added to the agenda of {where}. Only the question was shared.")
    return redirect("growth:growth_stuck:result", check_id=check_id)


@login_required
@require_POST
@rate_limited(*STEPS)
def goal(request: AuthedHttpRequest, check_id: int) -> HttpResponse:
    """Make a suggestion a goal in the person's career plan."""
    check_for(owner=request.user, check_id=check_id)  # someone else's check: 404 first
    form = SuggestionForm(request.POST)
    if not form.is_valid():
        raise _refusal(form)
    services.stuck_suggestion_goal(
        owner=request.user, check_id=check_id, suggestion=form.cleaned_data["suggestion"],
        now=timezone.now(),
    )  # fmt: skip
    messages.success(request, "Added to your career plan as a goal. Only you can see it there.")
    return redirect("growth:growth_stuck:result", check_id=check_id)


@login_required
@require_POST
@rate_limited(*STEPS)
def delete(request: AuthedHttpRequest, check_id: int) -> HttpResponse:
    """Delete one of the person's checks, then back to the history."""
    services.stuck_check_delete(owner=request.user, check_id=check_id)
    messages.success(
        request,
        "Deleted that check. Questions you put on an agenda and goals you added to your plan "
        "are still there.",
    )
    return redirect("growth:growth_stuck:history")


def _refusal(form: SuggestionForm) -> DomainError:
    """The first thing wrong with a suggestion's form, as the refusal to answer with."""
    field, errors = next(iter(form.errors.items()))
    return DomainError(str(errors[0]), field=field)
