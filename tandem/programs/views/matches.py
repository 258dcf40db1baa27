"""A published match, for its two people: who, why, confirm or decline, how to reach them,
and (in pools) how it went. Anyone else gets a 404 (`selectors.matches.match_for_user`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from tandem.core.errors import DomainError
from tandem.core.forms import add_refusal
from tandem.core.http import AuthedHttpRequest
from tandem.core.ratelimit import rate_limited
from tandem.programs.forms import MatchFeedbackForm
from tandem.programs.selectors.matches import match_page_for
from tandem.programs.services import matches
from tandem.programs.views.programs import WRITES


def _page(
    request: AuthedHttpRequest, slug: str, match_id: int, *,
    form: MatchFeedbackForm | None = None, status: int = 200,
) -> HttpResponse:  # fmt: skip
    page = match_page_for(match_id=match_id, slug=slug, user=request.user, now=timezone.now())
    context = {**vars(page), "feedback_form": form or MatchFeedbackForm()}
    return render(request, "programs/match.html", context, status=status)


@login_required
@require_GET
def match(request: AuthedHttpRequest, slug: str, match_id: int) -> HttpResponse:
    return _page(request, slug, match_id)


@login_required
@require_POST
@rate_limited(*WRITES)
def match_answer(request: AuthedHttpRequest, slug: str, match_id: int, answer: str) -> HttpResponse:
    """Confirm or decline; a second answer, or one to a match already settled, is a 409."""
    now = timezone.now()
    if answer == "confirm":
        done = matches.match_confirm(slug=slug, match_id=match_id, user=request.user, now=now)
        if done.mentorship is not None:
            messages.success(request, "You've both said yes: your mentorship's intro begins.")
            return redirect(done.mentorship)
        messages.success(request, "Confirmed. We've told them.")
    else:
        matches.match_decline(slug=slug, match_id=match_id, user=request.user, now=now)
        messages.success(request, "Declined. We've told them kindly; no reason needed.")
    return redirect("programs:match", slug=slug, match_id=match_id)


@login_required
@require_POST
@rate_limited(*WRITES)
def match_feedback(request: AuthedHttpRequest, slug: str, match_id: int) -> HttpResponse:
    """How the conversation went: once, after the round was published."""
    form = MatchFeedbackForm(request.POST)
    if form.is_valid():
        try:
            matches.match_feedback_give(
                slug=slug, match_id=match_id, user=request.user, now=timezone.now(),
                **form.cleaned_data,
            )  # fmt: skip
        except DomainError as error:
            if error.field is None:
                raise
            add_refusal(form, error)
        else:
            messages.success(request, "Thank you. It helps the next round introduce you well.")
            return redirect("programs:match", slug=slug, match_id=match_id)
    return _page(request, slug, match_id, form=form, status=400)
