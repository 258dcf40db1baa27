"""Meeting pages: a mentorship's meetings (and proposing one), one meeting with its time box,
agenda, notes, action items, thank-you and feedback, the mentorship's action items, and the
health overview on the dashboard.

Each view reads through one page selector or makes one service call. Everything a person can
do on a meeting's page is one row of `ACTIONS`: the form it reads, the service call, what to
say after. A refusal that names a field of that form goes back on the form (400); any other
becomes the refusal page with its status (the DomainErrorMiddleware), nothing changed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.accounts.models import User
from tandem.core.errors import DomainError
from tandem.core.forms import PageForm, add_refusal, blank_form
from tandem.core.http import AuthedHttpRequest
from tandem.core.paths import path_to
from tandem.core.ratelimit import rate_limited
from tandem.meetings import services
from tandem.meetings.forms import (
    ActionItemForm,
    ActionUpdateForm,
    AgendaForm,
    IntroTimeForm,
    MeetingFeedbackForm,
    NoteForm,
    PlaceForm,
    SlotsForm,
    ThankYouForm,
)
from tandem.meetings.models import Meeting
from tandem.meetings.selectors import (
    action_item_for_user,
    actions_page_for,
    agenda_item_for_user,
    health_overview_for,
    meeting_for_user,
    meeting_page_for,
    meetings_page_for,
    note_to_report,
)
from tandem.mentorships.selectors.asks import ask_for_user
from tandem.mentorships.selectors.mentorships import mentorship_for_user
from tandem.mentorships.services.asks import ask_accept
from tandem.moderation.models import Report
from tandem.moderation.views import RATE as REPORT_RATE
from tandem.moderation.views import Reported, report_page

WRITES = ("meeting-write", "60/m")


# --- A mentorship's meetings ---------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*WRITES)
def mentorship_meetings(request: AuthedHttpRequest, mentorship_id: int) -> HttpResponse:
    """The meetings of one mentorship and the form to offer times (also an htmx partial)."""
    posted = SlotsForm(request.POST) if request.POST else None  # else a blank one, below
    if posted is not None and posted.is_valid():
        mentorship, _ = mentorship_for_user(mentorship_id=mentorship_id, user=request.user)
        try:
            meeting = services.meeting_propose(
                mentorship=mentorship, actor=request.user, slots=posted.cleaned_data["slots"],
                minutes=posted.cleaned_data["minutes"], now=timezone.now(),
                location=posted.cleaned_data["location"],
                video_url=posted.cleaned_data["video_url"],
            )  # fmt: skip
        except DomainError as error:
            if error.field is None:
                raise
            add_refusal(posted, error)
        else:
            messages.success(request, "Times offered. You'll hear when one is picked.")
            return redirect(meeting)
    template = "meetings/mentorship_meetings.html"
    if request.htmx and request.method == "GET":
        # The mentorship page loads two parts: the intro it leads with, and the meetings.
        template += "#intro" if request.GET.get("part") == "intro" else "#meetings"
    page = meetings_page_for(
        mentorship_id=mentorship_id, user=request.user, today=timezone.now().date(),
        with_health=not template.endswith("#intro"),  # the intro part does not show it
    )  # fmt: skip
    form = posted if posted is not None else blank_form(SlotsForm, minutes=page.default_minutes)
    context = {**vars(page), "form": form}
    return render(request, template, context, status=400 if posted is not None else 200)


@login_required
@require_POST
@rate_limited(*WRITES)
def ask_book(request: AuthedHttpRequest, ask_id: int) -> HttpResponse:
    """The mentor accepts an ask from its page by picking one of the suggested times, which
    books the intro; or, with "None of these work", accepts and goes on to offer other times."""
    ask, _ = ask_for_user(ask_id=ask_id, user=request.user)
    now, name = timezone.now(), ask.mentee.user.first_name or ask.mentee.user.display_name
    if request.POST.get("none"):
        mentorship = ask_accept(ask=ask, actor=request.user, now=now)
        messages.success(
            request,
            f"Accepted. Since none of {name}'s times work, offer two or three of your own "
            f"below; {name} picks one and you both get a calendar invite.",
        )
        return redirect("meetings:for_mentorship", mentorship_id=mentorship.pk)
    form = IntroTimeForm(request.POST)
    if not form.is_valid():
        raise DomainError("Pick one of the suggested times.", field="time")
    meeting = services.ask_accept_with_time(
        ask=ask, actor=request.user, starts_at=form.cleaned_data["time"], now=now
    )
    messages.success(
        request, f"Accepted, and your intro with {name} is booked. You both have the invite."
    )
    return redirect(meeting.mentorship)


@login_required
@require_GET
def mentorship_actions(request: AuthedHttpRequest, mentorship_id: int) -> HttpResponse:
    """Every action item of a mentorship with its outcome: what was tried and what happened."""
    page = actions_page_for(mentorship_id=mentorship_id, user=request.user)
    return render(request, "meetings/actions.html", vars(page))


# --- One meeting ----------------------------------------------------------------------------

PAGE_FORMS: dict[str, type[PageForm]] = {
    "slots_form": SlotsForm, "place_form": PlaceForm, "agenda_form": AgendaForm,
    "note_form": NoteForm,
    "action_form": ActionItemForm, "thanks_form": ThankYouForm,
    "feedback_form": MeetingFeedbackForm,
}  # fmt: skip


_MARKER = "987654321"  # an id no meeting has yet: where each path is cut to put the id in


@cache
def _action_around_id(action: str) -> tuple[str, str]:
    """The path of one of a meeting's ACTIONS around a marker id, resolved once per process
    (as core.paths does for pages with one id): the page posts to six or more of them."""
    path = reverse("meetings:action", kwargs={"meeting_id": _MARKER, "action": action})
    head, tail = path.split(_MARKER)
    return head, tail


@cache
def _calendar_settings_path() -> str:
    return reverse("calendar:settings")


def _meeting_paths(meeting: Meeting) -> dict[str, str]:
    """Where the meeting page's forms post (by action), and its calendar links: a `{% url %}`
    for each cost more than the rest of its form."""
    paths = {}
    for action in ACTIONS:
        head, tail = _action_around_id(action)
        paths[action] = f"{head}{meeting.pk}{tail}"
    paths["invite"] = path_to("calendar:invite", meeting_id=meeting.pk)
    paths["calendar"] = _calendar_settings_path()
    return paths


def _meeting_page(
    request: AuthedHttpRequest, meeting_id: int, *, status: int = 200, **bound: Form
) -> HttpResponse:
    """The meeting page, with any form just posted (and its errors) in place of a blank one."""
    page = meeting_page_for(meeting_id=meeting_id, user=request.user, now=timezone.now())
    forms = {name: bound.get(name) or blank_form(cls) for name, cls in PAGE_FORMS.items()}
    context = {**vars(page), **forms, "paths": _meeting_paths(page.meeting)}
    return render(request, "meetings/detail.html", context, status=status)


@login_required
@require_GET
def meeting_detail(request: AuthedHttpRequest, meeting_id: int) -> HttpResponse:
    return _meeting_page(request, meeting_id)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*REPORT_RATE)
def note_report(request: AuthedHttpRequest, note_id: int) -> HttpResponse:
    """Tell Tandem's team a shared note from the other side is inappropriate."""
    note = note_to_report(note_id=note_id, user=request.user)
    return report_page(request, Reported(
        person=note.author, kind=Report.TargetKind.NOTE, target_id=note.pk, snapshot=note.text,
        title=f"Report a note from {note.author.display_name}",
        back_url=note.meeting.get_absolute_url(),
    ))  # fmt: skip


Run = Callable[[Meeting, User, datetime, Mapping[str, Any]], object]


@dataclass(frozen=True)
class Action:
    """One thing a person can do on a meeting's page."""

    form: str | None  # the name of the form it reads (in PAGE_FORMS); None: plain POST fields
    run: Run  # (meeting, actor, now, the form's cleaned data or the POST) → the service call
    done: str  # said after it worked


def _slot_id(value: str) -> int:
    return int(value) if value.isdigit() else 0


ACTIONS: dict[str, Action] = {
    "pick": Action(None, lambda m, u, now, d: services.meeting_schedule(
        meeting=m, actor=u, now=now, slot_id=_slot_id(d.get("slot", ""))),
        "It's in the calendar: both of you have the invite."),
    "reschedule": Action("slots_form", lambda m, u, now, d: services.meeting_reschedule(
        meeting=m, actor=u, now=now, slots=d["slots"], note=d["note"],
        location=d["location"] or None, video_url=d["video_url"] or None),  # empty: keep
        "New times offered; the other side picks one."),
    "place": Action("place_form", lambda m, u, now, d: services.meeting_place_set(
        meeting=m, actor=u, now=now, location=d["location"], video_url=d["video_url"]),
        "Saved where you'll meet; you'll both find it here and in the calendar invite."),
    "cancel": Action(None, lambda m, u, now, d: services.meeting_cancel(
        meeting=m, actor=u, now=now, note=d.get("note", "")[:500]),
        "Cancelled. Calendars get the cancellation."),
    "held": Action(None, lambda m, u, now, d: services.meeting_mark(
        meeting=m, actor=u, now=now, to_state=Meeting.State.HELD),
        "Marked as held. Note what you'll try, and say thank you."),
    "no_show": Action(None, lambda m, u, now, d: services.meeting_mark(
        meeting=m, actor=u, now=now, to_state=Meeting.State.NO_SHOW),
        "Marked as missed. It happens; offer new times when you're ready."),
    "agenda": Action("agenda_form", lambda m, u, now, d: services.agenda_add(
        meeting=m, actor=u, now=now, text=d["text"]), "Added to the agenda."),
    "note": Action("note_form", lambda m, u, now, d: services.note_add(
        meeting=m, actor=u, now=now, text=d["text"], is_private=d["is_private"]), "Note saved."),
    "action": Action("action_form", lambda m, u, now, d: services.action_item_add(
        meeting=m, actor=u, now=now, text=d["text"], owner=d["owner"], due_on=d["due_on"]),
        "Action item added."),
    "thanks": Action("thanks_form", lambda m, u, now, d: services.thank_you_give(
        meeting=m, actor=u, now=now, text=d["text"]), "Thank you sent."),
    "feedback": Action("feedback_form", lambda m, u, now, d: services.meeting_feedback_give(
        meeting=m, actor=u, now=now, **d), "Feedback shared. Thank you."),
}  # fmt: skip


@login_required
@require_POST
@rate_limited(*WRITES)
def meeting_action(request: AuthedHttpRequest, meeting_id: int, action: str) -> HttpResponse:
    """Do one of the meeting page's ACTIONS."""
    meeting, _ = meeting_for_user(meeting_id=meeting_id, user=request.user)
    step = ACTIONS[action]
    if step.form is None:
        step.run(meeting, request.user, timezone.now(), request.POST)
    else:
        form = PAGE_FORMS[step.form](request.POST)
        if form.is_valid():
            try:
                step.run(meeting, request.user, timezone.now(), form.cleaned_data)
            except DomainError as error:
                if error.field is None:
                    raise
                add_refusal(form, error)
        if form.errors:
            return _meeting_page(request, meeting_id, status=400, **{step.form: form})
    messages.success(request, step.done)
    return redirect(meeting)


@login_required
@require_POST
@rate_limited(*WRITES)
def agenda_remove(request: AuthedHttpRequest, item_id: int) -> HttpResponse:
    item = agenda_item_for_user(item_id=item_id, user=request.user)
    services.agenda_remove(item=item, actor=request.user)
    return redirect(item.meeting)


@login_required
@require_POST
@rate_limited(*WRITES)
def action_update(request: AuthedHttpRequest, item_id: int) -> HttpResponse:
    """The owner reports on an action item: done, tried (and how it went) or dropped."""
    item = action_item_for_user(item_id=item_id, user=request.user)
    form = ActionUpdateForm(request.POST)
    if not form.is_valid():
        raise DomainError("Choose what happened.")
    services.action_item_update(
        item=item, actor=request.user, now=timezone.now(), **form.cleaned_data
    )
    messages.success(request, "Thanks for the update; your mentor will see it.")
    back = request.POST.get("back", "")
    return redirect(back if back.startswith(("/meetings/", "/mentorships/")) else "/")


@login_required
@require_GET
def health_overview(request: AuthedHttpRequest) -> HttpResponse:
    """Each live mentorship of the viewer with its health and the reasons (the dashboard)."""
    rows = health_overview_for(user=request.user, today=timezone.now().date())
    return render(request, "meetings/health_overview.html", {"rows": rows})
