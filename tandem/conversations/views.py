"""Pages for conversations: the thread of an ask or a mentorship (a page of its own, and the
partial those two pages load with htmx), reporting a message, and the unread marks the inbox
and dashboard rows load.

A refused message goes back on the form with the refusal and its status (409 for a closed
thread or the pre-acceptance limit, 400 for the text itself). htmx swaps only successful
answers, so for htmx the same partial comes back as a 200 with the refusal shown in it.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from tandem.conversations.forms import MessageForm, ReportForm
from tandem.conversations.relationships import Relationship
from tandem.conversations.selectors import (
    relationship_for_ask,
    relationship_for_mentorship,
    report_page_for,
    thread_page_for,
    unread_marks_for,
)
from tandem.conversations.services import message_post, message_report, thread_read
from tandem.core.errors import DomainError, NotFound
from tandem.core.forms import add_refusal
from tandem.core.http import AuthedHttpRequest
from tandem.core.ids import ids_from
from tandem.core.ratelimit import rate_limited
from tandem.mentorships.sides import Sides

# Messages have their own allowance: a conversation is a few messages a minute at most.
MESSAGES = ("message-post", "10/m")
REPORTS = ("message-report", "20/h")
MAX_ROWS = 200  # ids one unread request may ask about (a page shows far fewer)


def _thread_page(
    request: AuthedHttpRequest, relationship: Relationship, sides: Sides, *,
    form: MessageForm | None = None, status: int = 200,
) -> HttpResponse:  # fmt: skip
    """The thread (whole page, or the partial for htmx), then read as far as it showed."""
    page = thread_page_for(relationship=relationship, sides=sides, user=request.user)
    template = "conversations/thread.html"
    if request.htmx:
        template, status = f"{template}#thread", 200
    context = {**vars(page), "form": form or MessageForm()}
    response = render(request, template, context, status=status)
    if page.unread and page.thread is not None:
        thread_read(thread=page.thread, reader=request.user, up_to=page.up_to, now=timezone.now())
    return response


def _thread(request: AuthedHttpRequest, relationship: Relationship, sides: Sides) -> HttpResponse:
    if request.method != "POST":
        return _thread_page(request, relationship, sides)
    form = MessageForm(request.POST)
    if not form.is_valid():
        return _thread_page(request, relationship, sides, form=form, status=400)
    try:
        message = message_post(
            relationship=relationship, author=request.user, text=form.cleaned_data["text"],
            now=timezone.now(),
        )  # fmt: skip
    except DomainError as error:
        if isinstance(error, NotFound):
            raise
        add_refusal(form, error)
        return _thread_page(request, relationship, sides, form=form, status=error.status)
    if request.htmx:
        return _thread_page(request, relationship, sides)
    messages.success(request, f"Sent. {sides.other.user.display_name} will be told.")
    return redirect(f"{relationship.thread_url}#message-{message.pk}")


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*MESSAGES)
def ask_thread(request: AuthedHttpRequest, ask_id: int) -> HttpResponse:
    """The conversation on an ask, for its two people: read it, or write to the other side."""
    relationship, sides = relationship_for_ask(ask_id=ask_id, user=request.user)
    return _thread(request, relationship, sides)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*MESSAGES)
def mentorship_thread(request: AuthedHttpRequest, mentorship_id: int) -> HttpResponse:
    """The same conversation once the ask is a mentorship (or a mentorship's own)."""
    relationship, sides = relationship_for_mentorship(
        mentorship_id=mentorship_id, user=request.user
    )
    return _thread(request, relationship, sides)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*REPORTS)
def report(request: AuthedHttpRequest, message_id: int) -> HttpResponse:
    """Tell staff about one message of the other side's; they see that message only."""
    page = report_page_for(message_id=message_id, user=request.user)
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                message_report(
                    message=page.message, reporter=request.user,
                    reason=form.cleaned_data["reason"], note=form.cleaned_data["note"],
                    now=timezone.now(),
                )  # fmt: skip
            except DomainError as error:
                if isinstance(error, NotFound):
                    raise
                add_refusal(form, error)
                status = error.status
            else:
                thanks = "Thank you for telling us. Staff will read that message and may hide it."
                messages.success(request, thanks)
                return redirect(page.thread_url)
    return render(request, "conversations/report.html", {**vars(page), "form": form}, status=status)


def _ids(values: list[str]) -> set[int]:
    return ids_from(values[:MAX_ROWS])  # a number too big to be an id is left out


@login_required
@require_GET
def unread(request: AuthedHttpRequest) -> HttpResponse:
    """ "N new" for each listed ask and mentorship with unread messages, as htmx out-of-band
    swaps into the rows' placeholders; the page asks only about the rows it shows."""
    marks = unread_marks_for(
        user=request.user,
        ask_ids=_ids(request.GET.getlist("ask")),
        mentorship_ids=_ids(request.GET.getlist("mentorship")),
    )
    return render(request, "conversations/_unread.html", {"marks": marks})
