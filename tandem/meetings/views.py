"""Meeting pages: a mentorship's meetings (and proposing one), one meeting with its time box,
agenda, notes, action items, thank-you and feedback, and the mentorship's action items.

Every write goes through a service; a refused one comes back with the reason and the
service's status (404 for strangers, 409 for an illegal step, 400 for bad input).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.core.http import HtmxHttpRequest
from tandem.core.ratelimit import rate_limited
from tandem.meetings import services
from tandem.meetings.forms import (
    ActionItemForm,
    ActionUpdateForm,
    AgendaForm,
    MeetingFeedbackForm,
    NoteForm,
    SlotsForm,
    ThankYouForm,
)
from tandem.meetings.health_selectors import health_for
from tandem.meetings.models import ActionItem, AgendaItem, Meeting
from tandem.meetings.selectors import (
    actions_of,
    meeting_for_user,
    meetings_of,
    mentorship_for_user,
    open_actions_carried,
)
from tandem.mentorships.ask_lifecycle import MENTEE, AskError
from tandem.mentorships.models import Mentorship

WRITES = ("meeting-write", "60/m")


def _viewer_zone(mentorship: Mentorship, role: str) -> str:
    return (mentorship.mentee if role == MENTEE else mentorship.mentor).timezone


def _refused(request: HtmxHttpRequest, error: AskError, back: str) -> HttpResponse:
    if error.status == 404:
        raise Http404(error.message)
    return render(
        request, "mentorships/refused.html", {"message": error.message, "back": back},
        status=error.status,
    )  # fmt: skip


def _mentorship(request: HtmxHttpRequest, mentorship_id: int) -> tuple[Mentorship, str]:
    try:
        return mentorship_for_user(mentorship_id=mentorship_id, user=request.user)  # type: ignore[arg-type]
    except AskError as error:
        raise Http404(error.message) from error


def _meeting(request: HtmxHttpRequest, meeting_id: int) -> tuple[Meeting, str]:
    try:
        return meeting_for_user(meeting_id=meeting_id, user=request.user)  # type: ignore[arg-type]
    except AskError as error:
        raise Http404(error.message) from error


# --- A mentorship's meetings ---------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*WRITES)
def mentorship_meetings(request: HtmxHttpRequest, mentorship_id: int) -> HttpResponse:
    """The meetings of one mentorship and the form to offer times (also an htmx partial)."""
    mentorship, role = _mentorship(request, mentorship_id)
    zone = _viewer_zone(mentorship, role)
    form = SlotsForm(
        request.POST or None, timezone_name=zone,
        initial={"minutes": services.default_minutes(mentorship)},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_propose(
                mentorship=mentorship, actor=request.user, slots=form.slots(),  # type: ignore[arg-type]
                minutes=form.cleaned_data["minutes"], now=timezone.now(),
            )  # fmt: skip
        except AskError as error:
            if error.status != 400 and error.field is None:
                return _refused(request, error, f"/mentorships/{mentorship.pk}/meetings/")
            form.add_error(None, error.message)
        else:
            messages.success(request, "Times offered. You'll hear when one is picked.")
            return redirect("meetings:detail", meeting_id=meeting.pk)
    health = health_for(mentorship_ids=[mentorship.pk], today=timezone.now().date())
    context = {
        "mentorship": mentorship, "role": role, "meetings": meetings_of(mentorship),
        "health": health.get(mentorship.pk),
        "form": form, "can_propose": mentorship.state in services.MEETING_STATES,
        "actions": list(actions_of(mentorship)[:50]),
    }  # fmt: skip
    template = "meetings/mentorship_meetings.html"
    if request.htmx and request.method == "GET":
        template += "#meetings"
    return render(request, template, context, status=400 if form.errors else 200)


@login_required
@require_GET
def mentorship_actions(request: HtmxHttpRequest, mentorship_id: int) -> HttpResponse:
    """Every action item of a mentorship with its outcome: what was tried and what happened."""
    mentorship, role = _mentorship(request, mentorship_id)
    return render(
        request, "meetings/actions.html",
        {"mentorship": mentorship, "role": role, "actions": actions_of(mentorship)},
    )  # fmt: skip


# --- One meeting ----------------------------------------------------------------------------


def _meeting_context(
    request: HtmxHttpRequest, meeting: Meeting, role: str, **forms: Form
) -> dict[str, Any]:
    now = timezone.now()
    mentorship = meeting.mentorship
    zone = _viewer_zone(mentorship, role)
    current_round = max((s.round for s in meeting.slots.all()), default=1)
    feedback = {f.author_id: f for f in meeting.feedback.all()}
    mine = feedback.pop(request.user.pk or 0, None)
    thank_you = getattr(meeting, "thank_you", None) if _has_thank_you(meeting) else None
    started = meeting.starts_at is not None and now >= meeting.starts_at
    ends_at = meeting.ends_at
    return {
        "meeting": meeting, "mentorship": mentorship, "role": role,
        "other": mentorship.mentor if role == MENTEE else mentorship.mentee,
        "viewer_timezone": zone, "now": now,
        "slots": [s for s in meeting.slots.all() if s.round == current_round],
        "i_proposed": meeting.proposed_by_id == request.user.pk,
        "started": started,
        "in_window": started and ends_at is not None and now < ends_at,
        "carried": open_actions_carried(meeting),
        "agenda_long": len(meeting.agenda.all()) > services.SHORT_AGENDA,
        "my_feedback": mine, "their_feedback": next(iter(feedback.values()), None),
        "thank_you": thank_you,
        "slots_form": forms.get("slots_form") or SlotsForm(timezone_name=zone),
        "agenda_form": forms.get("agenda_form") or AgendaForm(),
        "note_form": forms.get("note_form") or NoteForm(),
        "action_form": forms.get("action_form") or ActionItemForm(),
        "thanks_form": forms.get("thanks_form") or ThankYouForm(),
        "feedback_form": forms.get("feedback_form") or MeetingFeedbackForm(),
        "update_form": ActionUpdateForm(),
    }  # fmt: skip


def _has_thank_you(meeting: Meeting) -> bool:
    try:
        return meeting.thank_you is not None
    except Meeting.thank_you.RelatedObjectDoesNotExist:
        return False


@login_required
@require_GET
def meeting_detail(request: HtmxHttpRequest, meeting_id: int) -> HttpResponse:
    meeting, role = _meeting(request, meeting_id)
    with timezone.override(ZoneInfo(_viewer_zone(meeting.mentorship, role))):
        return render(request, "meetings/detail.html", _meeting_context(request, meeting, role))


# Each POST action: the form it reads, the service call it makes, and what to say after.
Action = Callable[[HtmxHttpRequest, Meeting, Any], object]


def _slots(request: HtmxHttpRequest, meeting: Meeting, role: str) -> SlotsForm:
    return SlotsForm(
        request.POST, timezone_name=_viewer_zone(meeting.mentorship, role)
    )  # fmt: skip


ACTIONS: dict[str, tuple[str | None, str]] = {
    # action: (name of the form in the context, or None; the message on success)
    "pick": (None, "It's in the calendar: both of you have the invite."),
    "reschedule": ("slots_form", "New times offered; the other side picks one."),
    "cancel": (None, "Cancelled. Calendars get the cancellation."),
    "held": (None, "Marked as held. Note what you'll try, and say thank you."),
    "no_show": (None, "Marked as missed. It happens; offer new times when you're ready."),
    "agenda": ("agenda_form", "Added to the agenda."),
    "note": ("note_form", "Note saved."),
    "action": ("action_form", "Action item added."),
    "thanks": ("thanks_form", "Thank you sent."),
    "feedback": ("feedback_form", "Feedback shared. Thank you."),
}
FORMS: dict[str, type[Form]] = {
    "agenda_form": AgendaForm, "note_form": NoteForm, "action_form": ActionItemForm,
    "thanks_form": ThankYouForm, "feedback_form": MeetingFeedbackForm,
}  # fmt: skip


def _run(request: HtmxHttpRequest, meeting: Meeting, action: str, data: dict[str, Any]) -> None:
    user, now = request.user, timezone.now()
    common: dict[str, Any] = {"meeting": meeting, "actor": user, "now": now}
    if action == "pick":
        slot = request.POST.get("slot", "")
        services.meeting_schedule(slot_id=int(slot) if slot.isdigit() else 0, **common)
    elif action == "reschedule":
        services.meeting_reschedule(slots=data["slots"], note=data["note"], **common)
    elif action == "cancel":
        services.meeting_cancel(note=request.POST.get("note", "")[:500], **common)
    elif action in ("held", "no_show"):
        services.meeting_mark(to_state=action, **common)
    elif action == "agenda":
        services.agenda_add(text=data["text"], **common)
    elif action == "note":
        services.note_add(text=data["text"], is_private=data["is_private"], **common)
    elif action == "action":
        services.action_item_add(
            text=data["text"], owner=data["owner"], due_on=data["due_on"], **common
        )
    elif action == "thanks":
        services.thank_you_give(text=data["text"], **common)
    else:
        services.meeting_feedback_give(**data, **common)


@login_required
@require_POST
@rate_limited(*WRITES)
def meeting_action(request: HtmxHttpRequest, meeting_id: int, action: str) -> HttpResponse:
    meeting, role = _meeting(request, meeting_id)
    form_name, done = ACTIONS[action]
    back = f"/meetings/{meeting.pk}/"
    data: dict[str, Any] = {}
    form: Form | None = None
    if form_name is not None:
        form = (
            _slots(request, meeting, role)
            if form_name == "slots_form"
            else FORMS[form_name](request.POST)
        )
        if not form.is_valid():
            return _invalid(request, meeting, role, form_name, form)
        data = dict(form.cleaned_data)
        if isinstance(form, SlotsForm):
            data["slots"] = form.slots()
    try:
        _run(request, meeting, action, data)
    except AskError as error:
        if form is not None and form_name is not None and error.status == 409 and error.field:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return _invalid(request, meeting, role, form_name, form)
        return _refused(request, error, back)
    messages.success(request, done)
    return redirect("meetings:detail", meeting_id=meeting.pk)


def _invalid(
    request: HtmxHttpRequest, meeting: Meeting, role: str, form_name: str, form: Form
) -> HttpResponse:
    meeting, role = _meeting(request, meeting.pk)  # fresh, as the page shows it
    context = _meeting_context(request, meeting, role, **{form_name: form})
    with timezone.override(ZoneInfo(_viewer_zone(meeting.mentorship, role))):
        return render(request, "meetings/detail.html", context, status=400)


@login_required
@require_POST
@rate_limited(*WRITES)
def agenda_remove(request: HtmxHttpRequest, item_id: int) -> HttpResponse:
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__mentorship"), pk=item_id)
    _meeting(request, item.meeting_id)  # a stranger gets 404 before anything else
    try:
        services.agenda_remove(item=item, actor=request.user)  # type: ignore[arg-type]
    except AskError as error:
        return _refused(request, error, f"/meetings/{item.meeting_id}/")
    return redirect("meetings:detail", meeting_id=item.meeting_id)


@login_required
@require_POST
@rate_limited(*WRITES)
def action_update(request: HtmxHttpRequest, item_id: int) -> HttpResponse:
    """The owner reports on an action item: done, tried (and how it went) or dropped."""
    item = get_object_or_404(ActionItem.objects.select_related("mentorship"), pk=item_id)
    _mentorship(request, item.mentorship_id)  # strangers: 404
    back = request.POST.get("back", "")
    back = back if back.startswith("/meetings/") or back.startswith("/mentorships/") else "/"
    form = ActionUpdateForm(request.POST)
    if not form.is_valid():
        return render(
            request, "mentorships/refused.html",
            {"message": "Choose what happened.", "back": back}, status=400,
        )  # fmt: skip
    try:
        services.action_item_update(
            item=item, actor=request.user, now=timezone.now(), **form.cleaned_data,  # type: ignore[arg-type]
        )  # fmt: skip
    except AskError as error:
        return _refused(request, error, back)
    messages.success(request, "Thanks for the update; your mentor will see it.")
    return redirect(back)


@login_required
@require_GET
def health_overview(request: HtmxHttpRequest) -> HttpResponse:
    """Each live mentorship of the viewer with its health and the reasons (the dashboard)."""
    mentorships = list(
        Mentorship.objects.filter(
            Q(mentee__user=request.user) | Q(mentor__user=request.user),
            state__in=(Mentorship.State.ACTIVE, Mentorship.State.PAUSED),
        ).select_related("mentee__user", "mentor__user")
    )
    health = health_for(mentorship_ids=[m.pk for m in mentorships], today=timezone.now().date())
    rows = [
        (m, m.mentor if m.mentee.user_id == request.user.pk else m.mentee, health.get(m.pk))
        for m in mentorships
    ]
    return render(request, "meetings/health_overview.html", {"rows": rows})
