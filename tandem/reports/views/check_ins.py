"""A manager's check-in on a pair from the dashboard's health list (issue 12).

POST only, for the program's managers (anyone else gets the 404 `program_managed` raises);
the service's refusals (another program's pair, a pair not meeting, already this week) become
the refusal page through the DomainErrorMiddleware. Back to the health section after, under
the filters the manager had on.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from tandem.core.http import AuthedHttpRequest
from tandem.core.ratelimit import rate_limited
from tandem.programs.access import program_managed
from tandem.reports.services.check_ins import pair_check_in

WRITES = ("program-write", "60/m")  # the same allowance as the programs' own writes
FILTERS = ("from", "to", "cohort", "department", "role")


@login_required
@require_POST
@rate_limited(*WRITES)
def check_in(request: AuthedHttpRequest, slug: str, match_id: int) -> HttpResponseRedirect:
    """Send a pair a friendly note from the program, then back to the health list."""
    program = program_managed(slug=slug, user=request.user)
    mentorship = pair_check_in(
        program=program, match_id=match_id, actor=request.user, now=timezone.now()
    )
    mentee, mentor = mentorship.mentee.user.display_name, mentorship.mentor.user.display_name
    messages.success(
        request, f"Sent. {mentee} and {mentor} each have a friendly note from {program.name}."
    )
    kept = urlencode({key: value for key in FILTERS if (value := request.GET.get(key, ""))})
    url = reverse("reports:dashboard", kwargs={"slug": program.slug})
    return HttpResponseRedirect(f"{url}{'?' + kept if kept else ''}#section-health")
