"""Matching round pages, for the program's managers: the rounds with the form to run one; one
round (a progress bar that polls while it runs, then the draft to review and edit); and one
POST endpoint per thing a manager does to a draft, each a row of `ACTIONS`.

Every page finds its round through `access.program_managed`, so a manager of another
organization gets a 404 and nothing changes. Writes share one rate limit.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from tandem.core.errors import DomainError
from tandem.core.forms import add_refusal
from tandem.core.http import AuthedHttpRequest
from tandem.core.ratelimit import rate_limited
from tandem.programs.access import program_managed
from tandem.programs.models import Round, RoundPair
from tandem.programs.rounds.edit import pair_add, pair_forbid, pair_lock, pair_unlock
from tandem.programs.rounds.forms import PairAddForm, PairForm, RoundStartForm
from tandem.programs.rounds.publish import round_discard, round_publish
from tandem.programs.rounds.run import round_rerun, round_start
from tandem.programs.rounds.selectors import (
    BUSY,
    round_managed,
    round_page_for,
    rounds_page_for,
)

WRITES = ("round-write", "60/m")


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*WRITES)
def rounds(request: AuthedHttpRequest, slug: str) -> HttpResponse:
    """The program's rounds, and "Run a round" (re-runs the draft when there is one)."""
    program = program_managed(slug=slug, user=request.user)
    form = RoundStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = round_start(
                program=program, actor=request.user, mode=form.cleaned_data["mode"],
                now=timezone.now(),
            )  # fmt: skip
        except DomainError as error:
            if error.field is None:
                raise
            add_refusal(form, error)
        else:
            messages.success(request, f"Round {round_.number} is on its way.")
            return redirect(round_)
    context = {**vars(rounds_page_for(program, now=timezone.now())), "form": form}
    return render(request, "programs/rounds/list.html", context, status=400 if form.errors else 200)


def _round_page(
    request: AuthedHttpRequest, round_: Round, *, page: str | int = 1,
    run_form: RoundStartForm | None = None, status: int = 200,
) -> HttpResponse:  # fmt: skip
    context = {
        **vars(round_page_for(round_, now=timezone.now(), page=page)),
        "add_form": PairAddForm(pool=round_.program.is_pool),
        "run_form": run_form or RoundStartForm(initial={"mode": round_.mode}),
    }
    return render(request, "programs/rounds/round.html", context, status=status)


@login_required
@require_GET
def round_detail(request: AuthedHttpRequest, slug: str, number: int) -> HttpResponse:
    """One round: its progress while it runs (the htmx poll asks for that part alone, and
    reloads the page once the run is over), then the draft or what was published."""
    round_ = round_managed(slug=slug, number=number, user=request.user)
    if request.htmx and request.GET.get("part") == "progress":
        if round_.state not in BUSY:
            return HttpResponseClientRefresh()
        return render(request, "programs/rounds/round.html#progress", {"round": round_})
    return _round_page(request, round_, page=request.GET.get("page", 1))


def _names(pair: RoundPair) -> str:
    return f"{pair.first.profile.user.display_name} and {pair.second.profile.user.display_name}"


def _pair_id(request: AuthedHttpRequest) -> int:
    form = PairForm(request.POST)
    if not form.is_valid():
        raise Http404("No such pair.")
    return int(form.cleaned_data["pair"])


def _lock(request: AuthedHttpRequest, round_: Round) -> str:
    pair = pair_lock(
        round_=round_, pair_id=_pair_id(request), actor=request.user, now=timezone.now()
    )
    return f"Locked: {_names(pair)} stay paired when you run it again."


def _unlock(request: AuthedHttpRequest, round_: Round) -> str:
    pair = pair_unlock(
        round_=round_, pair_id=_pair_id(request), actor=request.user, now=timezone.now()
    )
    return f"Unlocked: a new run may pair {pair.first.profile.user.display_name} differently."


def _forbid(request: AuthedHttpRequest, round_: Round) -> str:
    pair = pair_forbid(
        round_=round_, pair_id=_pair_id(request), actor=request.user, now=timezone.now()
    )
    return (
        f"{_names(pair)} won't be paired in this program again. Run the round again to find "
        "them someone else."
    )


def _add(request: AuthedHttpRequest, round_: Round) -> str:
    form = PairAddForm(request.POST, pool=round_.program.is_pool)
    if not form.is_valid():
        raise DomainError("Give the email addresses of two people in the program.", field="first")
    added = pair_add(
        round_=round_, first_email=form.cleaned_data["first"],
        second_email=form.cleaned_data["second"], actor=request.user, now=timezone.now(),
    )  # fmt: skip
    pair = added.pair
    words = f"Added and locked: {_names(pair)}."
    if pair.warning:
        words += f" Note: {pair.warning}."
    if added.displaced:
        words += f" No longer paired: {'; '.join(added.displaced)}."
    return words


class RunFormRefused(Exception):
    """ "Run again" with a mode that is missing or unknown: the round page again with the
    form's error on the mode (400), and nothing run."""

    def __init__(self, form: RoundStartForm) -> None:
        super().__init__("The run form has errors.")
        self.form = form


def _rerun(request: AuthedHttpRequest, round_: Round) -> str:
    form = RoundStartForm(request.POST)
    if not form.is_valid():  # a mode that is missing or unknown runs nothing
        raise RunFormRefused(form)
    round_rerun(
        program=round_.program, round_=round_, actor=request.user,
        mode=form.cleaned_data["mode"], now=timezone.now(),
    )  # fmt: skip
    return f"Round {round_.number} is running again; locked pairs stay."


def _publish(request: AuthedHttpRequest, round_: Round) -> str:
    matches = round_publish(
        program=round_.program, round_=round_, actor=request.user, now=timezone.now()
    )
    return f"Published: {len(matches)} pair{pluralize(len(matches))}, and everyone was told."


def _discard(request: AuthedHttpRequest, round_: Round) -> str:
    round_discard(program=round_.program, round_=round_, actor=request.user, now=timezone.now())
    return f"Round {round_.number} was discarded; nobody was told anything."


# What a manager can do to a draft: each takes the request and the round, and says what it did.
ACTIONS: dict[str, Callable[[AuthedHttpRequest, Round], str]] = {
    "lock": _lock, "unlock": _unlock, "forbid": _forbid, "add": _add, "rerun": _rerun,
    "publish": _publish, "discard": _discard,
}  # fmt: skip


@login_required
@require_POST
@rate_limited(*WRITES)
def round_action(request: AuthedHttpRequest, slug: str, number: int, action: str) -> HttpResponse:
    """One of `ACTIONS` on a draft; a refusal becomes the refusal page (409, or 400), a form
    to run again with a bad mode the round page with the error on its field (400)."""
    if action not in ACTIONS:
        raise Http404("No such action.")
    round_ = round_managed(slug=slug, number=int(number), user=request.user)
    try:
        done = ACTIONS[action](request, round_)
    except RunFormRefused as refused:
        return _round_page(request, round_, run_form=refused.form, status=400)
    messages.success(request, done)
    back = round_.get_absolute_url()
    page = request.POST.get("page", "")
    return redirect(f"{back}?page={page}" if page.isdigit() else back)
