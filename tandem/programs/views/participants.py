"""A manager's pages about people: the participants list (applications answered inline) and
invitations by email. The program is found through `access.program_managed`: 404 for anyone
who does not run it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.core.errors import DomainError
from tandem.core.forms import add_refusal
from tandem.core.http import AuthedHttpRequest
from tandem.core.ratelimit import rate_limited
from tandem.programs.access import program_managed
from tandem.programs.forms import InviteForm
from tandem.programs.selectors.participants import invite_page_for, participants_page_for
from tandem.programs.services import enrollment
from tandem.programs.views.programs import WRITES

INVITES = ("program-invite", "20/h")


@login_required
@require_GET
def participants(request: AuthedHttpRequest, slug: str) -> HttpResponse:
    """Everyone in the program, a page at a time, filtered by state and side."""
    page = participants_page_for(
        slug=slug, user=request.user, state=request.GET.get("state", ""),
        role=request.GET.get("role", ""), page_number=request.GET.get("page", 1),
    )  # fmt: skip
    return render(request, "programs/participants.html", vars(page))


@login_required
@require_POST
@rate_limited(*WRITES)
def application_decide(
    request: AuthedHttpRequest, slug: str, participant_id: int, decision: str
) -> HttpResponse:
    """Approve or decline one application; the applicant is told."""
    program = program_managed(slug=slug, user=request.user)
    place = enrollment.application_decide(
        program=program, participant_id=participant_id, decision=decision, actor=request.user,
        now=timezone.now(),
    )  # fmt: skip
    name = place.profile.user.display_name
    said = "approved: they're in" if decision == "approve" else "declined, kindly"
    messages.success(request, f"{name}'s application {said}. We've told them.")
    back = request.POST.get("back", "")  # the list as it was filtered
    if back.startswith("/") and url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        return redirect(back)
    return redirect("programs:participants", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*INVITES)
def invite(request: AuthedHttpRequest, slug: str) -> HttpResponse:
    """Invite people by email: each gets a signed link to join, good for 14 days."""
    page = invite_page_for(slug=slug, user=request.user)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invited = enrollment.invitations_send(
                program=page.program, emails=form.addresses(), actor=request.user,
                now=timezone.now(),
            )  # fmt: skip
        except DomainError as error:
            add_refusal(form, error)
        else:
            if invited:
                messages.success(
                    request, f"{len(invited)} invitation{'s' if len(invited) != 1 else ''} sent."
                )
            else:
                messages.info(request, "Everyone on the list is already taking part.")
            return redirect("programs:invite", slug=slug)
    status = 400 if form.errors else 200
    return render(request, "programs/invite.html", {**vars(page), "form": form}, status=status)
