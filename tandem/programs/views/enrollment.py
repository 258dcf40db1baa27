"""The participant's pages: the program page, the intake form (join, apply, or change one's
answers), the invitation link, leaving and pausing coffee rounds.

Programs are found through `access.program_visible` (in the page selectors): a program shows
to its managers and its people, and an open or apply-and-approve one to the people of its
organization too; to anyone else every page here is a 404. An invitation link shows nothing of
its program to anyone but the person it was sent to.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.core.errors import DomainError
from tandem.core.forms import add_refusal
from tandem.core.http import AuthedHttpRequest
from tandem.core.ratelimit import rate_limited
from tandem.programs.access import program_visible
from tandem.programs.forms import IntakeForm
from tandem.programs.rules import ProgramInputError
from tandem.programs.selectors.programs import (
    JoinPage,
    invitation_page_for,
    join_page_for,
    program_page_for,
)
from tandem.programs.services import enrollment
from tandem.programs.views.programs import WRITES

DONE = {
    "join": "Welcome to {name}. We'll tell you when it introduces you to someone.",
    "invite": "Welcome to {name}. We'll tell you when it introduces you to someone.",
    "apply": "Your application to {name} is in. A manager will answer; we'll tell you.",
    "answers": "Your answers are saved.",
}


@login_required
@require_GET
def detail(request: AuthedHttpRequest, slug: str) -> HttpResponse:
    """The program: what it is, and join or apply, or "you're in" with what's next."""
    page = program_page_for(slug=slug, user=request.user, now=timezone.now())
    return render(request, "programs/detail.html", vars(page))


def _intake(request: AuthedHttpRequest, page: JoinPage, *, token: str = "") -> HttpResponse:
    """The intake form for a join, an application, an invitation or changed answers."""
    form = IntakeForm(
        request.POST if request.method == "POST" else None, program=page.program,
        questions=page.questions, initial=page.initial, side=page.mode != "answers",
    )  # fmt: skip
    blocked = page.needs_profile or page.refusal is not None
    if request.method == "POST" and not blocked and form.is_valid():
        now, kwargs = timezone.now(), form.service_kwargs()
        try:
            if page.mode == "invite":
                enrollment.invitation_accept(token=token, user=request.user, now=now, **kwargs)
            elif page.mode == "answers":
                enrollment.answers_give(
                    program=page.program, user=request.user, answers=kwargs["answers"],
                    department=kwargs["department"], now=now,
                )  # fmt: skip
            elif page.mode == "apply":
                enrollment.program_apply(program=page.program, user=request.user, now=now, **kwargs)
            else:
                enrollment.program_join(program=page.program, user=request.user, now=now, **kwargs)
        except DomainError as error:
            add_refusal(form, error)
        else:
            messages.success(request, DONE[page.mode].format(name=page.program.name))
            return redirect(page.program)
    status = 200
    if request.method == "POST":
        status = 409 if blocked else 400
    context = {**vars(page), "form": form, "token": token}
    return render(request, "programs/join.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*WRITES)
def join(request: AuthedHttpRequest, slug: str) -> HttpResponse:
    """Join an open program or apply to one, answering its intake questions; once in, change
    the answers here."""
    return _intake(request, join_page_for(slug=slug, user=request.user))


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*WRITES)
def invitation(request: AuthedHttpRequest, token: str) -> HttpResponse:
    """An invitation link: sign in first (login_required), then join with the intake form.
    A changed, expired or someone else's link says so, and shows nothing of the program."""
    page = invitation_page_for(token=token, user=request.user, now=timezone.now())
    if page.problem is not None or page.join is None:
        status = page.problem.status if page.problem is not None else 404
        return render(request, "programs/invitation.html", vars(page), status=status)
    return _intake(request, page.join, token=token)


@login_required
@require_POST
@rate_limited(*WRITES)
def leave(request: AuthedHttpRequest, slug: str) -> HttpResponse:
    """Leave the program (or take back an application)."""
    program = program_visible(slug=slug, user=request.user)
    enrollment.program_leave(program=program, user=request.user, now=timezone.now())
    messages.success(request, f"You've left {program.name}. You're welcome back any time.")
    return redirect(program)


# The coffee form's answers: opt in ("yes") or pause ("no"); anything else is refused (400).
OPTED_IN = {"yes": True, "no": False}


@login_required
@require_POST
@rate_limited(*WRITES)
def coffee(request: AuthedHttpRequest, slug: str) -> HttpResponse:
    """Opt in to the coming coffee rounds, or pause them."""
    program = program_visible(slug=slug, user=request.user)
    answer = request.POST.get("opted_in", "")
    if answer not in OPTED_IN:
        raise ProgramInputError(
            "Say whether you're in the coming rounds: opt in, or pause them.", field="opted_in"
        )
    opted_in = OPTED_IN[answer]
    enrollment.coffee_opt(program=program, user=request.user, opted_in=opted_in, now=timezone.now())
    if opted_in:
        messages.success(request, "You're in the next round: we'll introduce you to someone new.")
    else:
        messages.success(request, "Paused. You won't be introduced to anyone until you opt in.")
    return redirect(program)
