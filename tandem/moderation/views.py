"""The report page the owning apps' views share.

An app that lets people report its content checks the reporter may see the thing (a 404
otherwise), then hands this page whose it is and the text the reporter saw. The page files the
report and thanks them; the person reported is never told who it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from tandem.accounts.models import User
from tandem.core.errors import DomainError, NotFound
from tandem.core.forms import add_refusal
from tandem.core.http import AuthedHttpRequest
from tandem.moderation.forms import ReportForm
from tandem.moderation.reports import report_create

THANKS = "Thanks — our team will look at this. They won't know it was you."
RATE = ("report", "20/h")  # for the owning apps' views: a person reports a few things a day


@dataclass(frozen=True)
class Reported:
    """What is being reported, as the owning app sees it."""

    person: User  # whose it is
    kind: str  # a Report.TargetKind
    target_id: int
    snapshot: str  # the text the reporter saw
    title: str  # "Report an ask from Sam"
    back_url: str


def report_page(request: AuthedHttpRequest, reported: Reported) -> HttpResponse:
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                report_create(
                    reporter=request.user, person=reported.person, target_kind=reported.kind,
                    target_id=reported.target_id, context=reported.snapshot,
                    reason=form.cleaned_data["reason"], details=form.cleaned_data["details"],
                )  # fmt: skip
            except DomainError as error:
                if isinstance(error, NotFound):
                    raise
                add_refusal(form, error)
                status = error.status
            else:
                messages.success(request, THANKS)
                return redirect(reported.back_url)
    context = {"reported": reported, "form": form}
    return render(request, "moderation/report.html", context, status=status)
