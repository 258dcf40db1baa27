"""Pages for the ask and the mentorship: the ask form, the inbox, dashboards, one mentorship.

Every write goes through a service; a refused one (not yours, illegal move, broken rule)
comes back as the same page with the reason and the service's 4xx status, nothing changed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.core.http import HtmxHttpRequest
from tandem.core.ratelimit import rate_limited
from tandem.matching.selectors import (
    pair_reasons,
    pair_reasons_for_mentor,
    recommendations_for_mentee,
)
from tandem.mentorships import next_steps, notices
from tandem.mentorships.ask_lifecycle import MENTEE, MENTOR, AskError
from tandem.mentorships.forms import (
    AgreementForm,
    AskForm,
    DeclineForm,
    FeedbackForm,
    MoveForm,
)
from tandem.mentorships.goals import goal_update as goal_update_service
from tandem.mentorships.goals import learning_goal_add as learning_goal_add_service
from tandem.mentorships.models import Ask, Feedback, Goal, Mentorship
from tandem.mentorships.selectors import (
    ask_for_user,
    asks_received,
    asks_sent,
    mentorship_for_user,
    mentorships_for,
    pending_ask,
)
from tandem.mentorships.services import (
    ENDED,
    agreement_accept,
    agreement_current,
    agreement_decline,
    agreement_propose,
    ask_accept,
    ask_create,
    ask_decline,
    ask_refusal,
    ask_withdraw,
    feedback_give,
    mentorship_move,
    places_taken,
    renewal_accept,
    renewal_decline,
    renewal_open,
    renewal_propose,
    term_review_open,
)
from tandem.profiles.models import Profile
from tandem.profiles.selectors import (
    profile_for_user,
    profile_get_visible,
    profile_ids_visible,
)
from tandem.profiles.services import profile_become_mentor

# One person's writes here share an allowance; asks have a tighter one of their own.
WRITES = ("mentorship-write", "60/m")
ASKS = ("ask-create", "10/h")


def _own_profile(request: HtmxHttpRequest) -> Profile:
    profile = profile_for_user(user=request.user)  # type: ignore[arg-type]
    if profile is None:
        raise Http404("Finish your profile first.")
    return profile


def _refused(request: HtmxHttpRequest, error: AskError, back: str) -> HttpResponse:
    """The service said no: show why, with the status it chose; nothing was changed."""
    if error.status == 404:
        raise Http404(error.message)
    return render(
        request, "mentorships/refused.html", {"message": error.message, "back": back},
        status=error.status,
    )  # fmt: skip


def _suggestions(profile: Profile, k: int = 3) -> list[Any]:
    return recommendations_for_mentee(profile=profile, k=k) if profile.is_mentee else []


# --- The ask -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*ASKS)
def ask_new(request: HtmxHttpRequest, profile_id: int) -> HttpResponse:
    """A short, easy-to-refuse request for an intro, with coaching on the wording."""
    mentee = _own_profile(request)
    mentor = profile_get_visible(profile_id=profile_id, viewer=request.user)  # type: ignore[arg-type]
    if mentor is None or not mentor.is_mentor or mentor.pk == mentee.pk:
        raise Http404("No such mentor.")
    waiting = pending_ask(mentee=mentee, mentor=mentor)
    if waiting is not None:
        return redirect("mentorships:ask", ask_id=waiting.pk)
    form = AskForm(
        request.POST or None, timezone_name=mentee.timezone,
        initial={"focus_areas": _shared_focus(mentee, mentor)},
    )  # fmt: skip
    context: dict[str, Any] = {"form": form, "mentor": mentor, "mentee": mentee}
    refusal = ask_refusal(mentee=mentee, mentor=mentor, now=timezone.now())
    if refusal is not None:  # say so before they write the note, not after
        context.update(reason=refusal, suggestions=_suggestions(mentee))
        status = 409 if request.method == "POST" else 200
        return render(request, "mentorships/ask_unavailable.html", context, status=status)
    if request.method == "POST" and form.is_valid():
        now = timezone.now()
        times = form.proposed_times(now=now)
        if form.is_valid():
            try:
                ask = ask_create(
                    mentee=mentee, mentor=mentor, focus_areas=form.cleaned_data["focus_areas"],
                    note=form.cleaned_data["note"],
                    intro_minutes=form.cleaned_data["intro_minutes"], proposed_times=times,
                    now=now,
                )  # fmt: skip
            except AskError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, f"Sent. {mentor.user.display_name} has been told.")
                return redirect("mentorships:ask", ask_id=ask.pk)
    status = 400 if form.errors else 200
    return render(request, "mentorships/ask_new.html", context, status=status)


def _shared_focus(mentee: Profile, mentor: Profile) -> list[str]:
    shared = [f for f in mentee.focus_areas_sought if f in mentor.focus_areas_offered]
    return shared[:3]


@login_required
@require_GET
def ask_detail(request: HtmxHttpRequest, ask_id: int) -> HttpResponse:
    """One ask, for either side: the mentor decides here, the mentee follows it here."""
    try:
        ask, role = ask_for_user(ask_id=ask_id, user=request.user)  # type: ignore[arg-type]
    except AskError as error:
        raise Http404(error.message) from error
    return render(request, "mentorships/ask_detail.html", _ask_context(ask, role))


def _local_times(isoformats: list[str], timezone_name: str) -> list[datetime]:
    zone = ZoneInfo(timezone_name)
    return [datetime.fromisoformat(value).astimezone(zone) for value in isoformats]


def _ask_context(ask: Ask, role: str, **extra: Any) -> dict[str, Any]:
    viewer = ask.mentor if role == MENTOR else ask.mentee
    context: dict[str, Any] = {
        "ask": ask, "role": role, "is_mentor": role == MENTOR,
        "focus_labels": notices.focus_labels(ask.focus_areas),
        "times": _local_times(ask.proposed_times, viewer.timezone),
        "viewer_timezone": viewer.timezone,
    }  # fmt: skip
    if role == MENTOR:
        context["reasons"] = pair_reasons(mentee=ask.mentee, mentor=ask.mentor)
        if ask.state == Ask.State.PENDING:
            context["decline_form"] = extra.pop("decline_form", None) or DeclineForm(
                referral_choices=_referral_choices(ask)
            )
            context["full"] = places_taken(mentor=ask.mentor) >= ask.mentor.capacity
    elif ask.state in (Ask.State.DECLINED, Ask.State.EXPIRED, Ask.State.WITHDRAWN):
        context["suggestions"] = _suggestions(ask.mentee)
    context.update(extra)
    return context


def _referral_choices(ask: Ask) -> list[tuple[int, str]]:
    """Mentors the mentee could ask instead: their own recommendations, this mentor aside,
    and only those the mentor may see too (an organization-only profile stays private)."""
    picks = recommendations_for_mentee(profile=ask.mentee, k=6)
    visible = profile_ids_visible(ids=[p.profile.pk for p in picks], viewer=ask.mentor.user)
    picks = [p for p in picks if p.profile.pk in visible]
    return [
        (
            p.profile.pk,
            f"{p.profile.user.display_name} — {p.profile.headline or p.profile.job_title}",
        )
        for p in picks
        if p.profile.pk != ask.mentor_id
    ][:5]


def _ask_and_role(request: HtmxHttpRequest, ask_id: int) -> tuple[Ask, str]:
    try:
        return ask_for_user(ask_id=ask_id, user=request.user)  # type: ignore[arg-type]
    except AskError as error:
        raise Http404(error.message) from error


@login_required
@require_POST
@rate_limited(*WRITES)
def ask_answer(request: HtmxHttpRequest, ask_id: int, answer: str) -> HttpResponse:
    """Accept, decline (with an optional referral) or withdraw."""
    ask, role = _ask_and_role(request, ask_id)
    back = f"/asks/{ask.pk}/"
    now = timezone.now()
    try:
        if answer == "accept":
            mentorship = ask_accept(ask=ask, actor=request.user, now=now)  # type: ignore[arg-type]
            messages.success(request, "Accepted. Your contact details are now shared.")
            return redirect("mentorships:detail", mentorship_id=mentorship.pk)
        if answer == "withdraw":
            ask_withdraw(ask=ask, actor=request.user, now=now)  # type: ignore[arg-type]
            messages.success(request, "Withdrawn. The mentor has been told; no reason needed.")
            return redirect("mentorships:ask", ask_id=ask.pk)
        return _decline(request, ask, role, now)
    except AskError as error:
        return _refused(request, error, back)


def _decline(request: HtmxHttpRequest, ask: Ask, role: str, now: Any) -> HttpResponse:
    form = DeclineForm(request.POST, referral_choices=_referral_choices(ask))
    if not form.is_valid():
        context = _ask_context(ask, role, decline_form=form)
        return render(request, "mentorships/ask_detail.html", context, status=400)
    refer_to = None
    if form.cleaned_data["refer_to"]:
        refer_to = profile_get_visible(
            profile_id=form.cleaned_data["refer_to"], viewer=ask.mentee.user
        )
        if refer_to is None:  # gone or hidden since the page was shown
            form.add_error("refer_to", "That mentor can't be suggested any more; pick another.")
            context = _ask_context(ask, role, decline_form=form)
            return render(request, "mentorships/ask_detail.html", context, status=400)
    ask_decline(
        ask=ask, actor=request.user, now=now, reason=form.cleaned_data["reason"],  # type: ignore[arg-type]
        refer_to=refer_to,
    )  # fmt: skip
    messages.success(request, "Declined kindly. Thank you for answering.")
    return redirect("mentorships:ask", ask_id=ask.pk)


@login_required
@require_GET
def asks_inbox(request: HtmxHttpRequest) -> HttpResponse:
    """Requests received (for mentors) and sent (for mentees)."""
    profile = _own_profile(request)
    received = asks_received(mentor=profile) if profile.is_mentor else None
    asks = received.waiting if received else []
    reasons = pair_reasons_for_mentor(mentor=profile, mentees=[ask.mentee for ask in asks])
    waiting = [
        (ask, notices.focus_labels(ask.focus_areas), reasons.get(ask.mentee_id, [])[:2])
        for ask in asks
    ]
    context = {
        "profile": profile, "received": received, "waiting": waiting,
        "sent": asks_sent(mentee=profile),
    }  # fmt: skip
    return render(request, "mentorships/inbox.html", context)


# --- The mentorship ----------------------------------------------------------------------


@login_required
@require_GET
def dashboard(request: HtmxHttpRequest) -> HttpResponse:
    """ "My mentors" and "My mentees", each with its state and next step."""
    profile = _own_profile(request)
    board = mentorships_for(profile=profile)
    now = timezone.now()
    rows = {
        side: [(m, next_steps.next_step(m, role, now=now)) for m in mentorships]
        for side, role, mentorships in (
            ("mentors", MENTEE, board.as_mentee),
            ("mentees", MENTOR, board.as_mentor),
        )
    }
    return render(request, "mentorships/dashboard.html", {"profile": profile, "rows": rows})


@login_required
@require_GET
def mentorship_detail(request: HtmxHttpRequest, mentorship_id: int) -> HttpResponse:
    mentorship, role = _mentorship_and_role(request, mentorship_id)
    return render(
        request, "mentorships/detail.html", _mentorship_context(request, mentorship, role)
    )


def _mentorship_and_role(request: HtmxHttpRequest, mentorship_id: int) -> tuple[Mentorship, str]:
    try:
        return mentorship_for_user(mentorship_id=mentorship_id, user=request.user)  # type: ignore[arg-type]
    except AskError as error:
        raise Http404(error.message) from error


def _mentorship_context(
    request: HtmxHttpRequest, mentorship: Mentorship, role: str, **extra: Any
) -> dict[str, Any]:
    now = timezone.now()
    other = mentorship.mentor if role == MENTEE else mentorship.mentee
    proposal = next((a for a in reversed(mentorship.versions) if a.state == "proposed"), None)  # type: ignore[attr-defined]
    me = request.user.pk or 0
    reviews = {
        occasion: {f.author_id: f for f in mentorship.feedback.all() if f.occasion == occasion}
        for occasion in Feedback.Occasion.values
    }
    mine = reviews["ending"].pop(me, None)
    theirs = next(iter(reviews["ending"].values()), None)
    term_mine = reviews["term"].pop(me, None)
    term_theirs = next(iter(reviews["term"].values()), None)
    context = {
        "mentorship": mentorship, "role": role, "other": other, "now": now,
        "current": agreement_current(mentorship), "proposal": proposal,
        "next_step": next_steps.next_step(mentorship, role, now=now),
        "moves": next_steps.moves_for(mentorship, role),
        "renewal_open": renewal_open(mentorship, now=now),
        "agreement_form": extra.pop("agreement_form", None) or _agreement_form(mentorship),
        "move_form": MoveForm(),
        "ended": mentorship.state in ENDED,
        "goals": mentorship.goal_rows,  # type: ignore[attr-defined]
        "goal_statuses": Goal.Status.choices,
        "my_feedback": mine, "their_feedback": theirs,
        "term_review_open": term_review_open(mentorship, now=now),
        "term_mine": term_mine, "term_theirs": term_theirs,
        "history": [(step, next_steps.history_line(step)) for step in mentorship.history],  # type: ignore[attr-defined]
        "feedback_form": extra.pop("feedback_form", None) or FeedbackForm(),
    }  # fmt: skip
    context.update(extra)
    return context


def _agreement_form(mentorship: Mentorship) -> AgreementForm:
    current = agreement_current(mentorship)
    if current is None:
        return AgreementForm()
    goals = {f"goal_{i}": g for i, g in enumerate(current.goals, start=1)}
    return AgreementForm(initial={
        **goals, "cadence": current.cadence, "meeting_minutes": current.meeting_minutes,
        "term_months": current.term_months, "channel": current.channel,
        "boundaries": current.boundaries,
    })  # fmt: skip


@login_required
@require_POST
@rate_limited(*WRITES)
def agreement_action(request: HtmxHttpRequest, mentorship_id: int, action: str) -> HttpResponse:
    """Propose, accept or decline an agreement or a renewal."""
    mentorship, role = _mentorship_and_role(request, mentorship_id)
    user, now = request.user, timezone.now()
    back = f"/mentorships/{mentorship.pk}/"
    try:
        if action in ("propose", "renew"):
            form = AgreementForm(request.POST)
            if not form.is_valid():
                context = _mentorship_context(request, mentorship, role, agreement_form=form)
                return render(request, "mentorships/detail.html", context, status=400)
            propose = agreement_propose if action == "propose" else renewal_propose
            propose(mentorship=mentorship, actor=user, now=now, **form.service_kwargs())  # type: ignore[arg-type]
            messages.success(request, "Proposed. The other side has been told.")
        elif action == "accept":
            answer = agreement_accept if mentorship.state == "proposed" else renewal_accept
            answer(mentorship=mentorship, actor=user, now=now)  # type: ignore[arg-type]
            messages.success(request, "Agreed. The term and goals are below.")
        else:
            reason = request.POST.get("reason", "")[:500]
            if mentorship.state == "proposed":
                agreement_decline(mentorship=mentorship, actor=user, now=now, reason=reason)  # type: ignore[arg-type]
            else:
                renewal_decline(mentorship=mentorship, actor=user, now=now)  # type: ignore[arg-type]
            messages.success(request, "Declined. Thank you for saying so clearly.")
    except AskError as error:
        return _refused(request, error, back)
    return redirect("mentorships:detail", mentorship_id=mentorship.pk)


@login_required
@require_POST
@rate_limited(*WRITES)
def mentorship_change(request: HtmxHttpRequest, mentorship_id: int) -> HttpResponse:
    """Pause, resume, complete, close or stay in touch, with an optional note."""
    mentorship, _ = _mentorship_and_role(request, mentorship_id)
    form = MoveForm(request.POST)
    back = f"/mentorships/{mentorship.pk}/"
    if not form.is_valid() or form.cleaned_data["to_state"] not in Mentorship.State.values:
        return render(
            request, "mentorships/refused.html",
            {"message": "That isn't a step a mentorship can take.", "back": back}, status=400,
        )  # fmt: skip
    to_state = form.cleaned_data["to_state"]
    try:
        mentorship_move(
            mentorship=mentorship, actor=request.user, to_state=to_state,  # type: ignore[arg-type]
            now=timezone.now(), reason=form.cleaned_data["reason"],
        )  # fmt: skip
    except AskError as error:
        return _refused(request, error, back)
    messages.success(request, next_steps.MOVE_DONE.get(to_state, "Done."))
    return redirect("mentorships:detail", mentorship_id=mentorship.pk)


@login_required
@require_POST
@rate_limited(*WRITES)
def feedback(request: HtmxHttpRequest, mentorship_id: int) -> HttpResponse:
    """How it went, told to the other side once the mentorship has ended."""
    mentorship, role = _mentorship_and_role(request, mentorship_id)
    form = FeedbackForm(request.POST)
    back = f"/mentorships/{mentorship.pk}/"
    if not form.is_valid():
        context = _mentorship_context(request, mentorship, role, feedback_form=form)
        return render(request, "mentorships/detail.html", context, status=400)
    try:
        occasion = request.POST.get("occasion", Feedback.Occasion.ENDING)
        if occasion not in Feedback.Occasion.values:
            occasion = Feedback.Occasion.ENDING
        feedback_give(
            mentorship=mentorship, actor=request.user, now=timezone.now(),  # type: ignore[arg-type]
            occasion=occasion, **form.cleaned_data,
        )  # fmt: skip
    except AskError as error:
        return _refused(request, error, back)
    messages.success(request, "Thank you. Your feedback has been shared.")
    return redirect("mentorships:detail", mentorship_id=mentorship.pk)


@login_required
@require_POST
@rate_limited(*WRITES)
def become_mentor(request: HtmxHttpRequest) -> HttpResponse:
    """One click from a finished mentorship to a draft mentor profile (P13)."""
    profile = _own_profile(request)
    profile_become_mentor(profile=profile)
    messages.success(
        request,
        "You're set up as a mentor for one mentee, paused for now. Check what we copied, then "
        "turn off “Pause new requests” to start.",
    )
    return redirect("profiles:edit", profile_id=profile.pk)


@login_required
@require_POST
@rate_limited(*WRITES)
def goal_update(request: HtmxHttpRequest, goal_id: int) -> HttpResponse:
    """Either side records where a goal stands (a learning goal: only the mentor who set it)."""
    goal = Goal.objects.filter(pk=goal_id).select_related("mentorship").first()
    if goal is None:
        raise Http404("No such goal.")
    mentorship, _ = _mentorship_and_role(request, goal.mentorship_id)  # strangers: 404
    back = f"/mentorships/{mentorship.pk}/"
    try:
        goal_update_service(
            goal=goal, actor=request.user, now=timezone.now(),  # type: ignore[arg-type]
            status=request.POST.get("status", ""), text=request.POST.get("text", "")[:500],
        )  # fmt: skip
    except AskError as error:
        return _refused(request, error, back)
    messages.success(request, "Progress saved.")
    return redirect("mentorships:detail", mentorship_id=mentorship.pk)


@login_required
@require_POST
@rate_limited(*WRITES)
def learning_goal_add(request: HtmxHttpRequest, mentorship_id: int) -> HttpResponse:
    """The mentor's own learning goal (P11)."""
    mentorship, _ = _mentorship_and_role(request, mentorship_id)
    try:
        learning_goal_add_service(
            mentorship=mentorship,
            actor=request.user,  # type: ignore[arg-type]
            text=request.POST.get("text", ""),
        )
    except AskError as error:
        return _refused(request, error, f"/mentorships/{mentorship.pk}/")
    messages.success(request, "Learning goal added; your mentee sees it too.")
    return redirect("mentorships:detail", mentorship_id=mentorship.pk)
