"""Pages for the ask and the mentorship: the ask form, the inbox, dashboards, one mentorship.

Each view parses, reads through one page selector or makes one service call, and renders or
redirects. A refused write raises a DomainError: one that names a field of the form on the
page goes back on that form (400), any other becomes the refusal page with its status (the
DomainErrorMiddleware), nothing changed.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.core.errors import DomainError, NotFound
from tandem.core.forms import add_refusal, blank_form
from tandem.core.http import AuthedHttpRequest
from tandem.core.ratelimit import rate_limited
from tandem.mentorships.forms import (
    AgreementForm,
    AskForm,
    BecomeMentorForm,
    DeclineForm,
    FeedbackForm,
    MoveForm,
)
from tandem.mentorships.models import Agreement, Feedback, Mentorship
from tandem.mentorships.prefill import agreement_goals_take
from tandem.mentorships.selectors.asks import (
    MISSING,
    AskPage,
    ask_for_user,
    ask_form_page_for,
    ask_page_for,
    inbox_page_for,
    referral_choices_for,
    referral_pick,
)
from tandem.mentorships.selectors.mentorships import (
    MentorshipPage,
    dashboard_page_for,
    goal_for_user,
    graduation_page_for,
    mentorship_for_user,
    mentorship_page_for,
)
from tandem.mentorships.services import agreements, asks
from tandem.mentorships.services import feedback as feedback_services
from tandem.mentorships.services import goals as goal_services
from tandem.mentorships.services.mentorships import mentorship_move
from tandem.mentorships.sides import MENTOR
from tandem.mentorships.wording import WORDS
from tandem.moderation.models import Report
from tandem.moderation.views import RATE as REPORT_RATE
from tandem.moderation.views import Reported, report_page
from tandem.profiles.services import profile_become_mentor
from tandem.skills.selectors import skill_resolve

# One person's writes here share an allowance; asks have a tighter one of their own, which
# counts only the asks actually sent (a form sent back to be fixed uses none of it).
WRITES = ("mentorship-write", "60/m")
ASKS = ("ask-create", "10/h")


# --- The ask -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*WRITES)
@rate_limited(*ASKS, only_successes=True)
def ask_new(request: AuthedHttpRequest, profile_id: int) -> HttpResponse:
    """A short, easy-to-refuse request for an intro, with coaching on the wording."""
    page = ask_form_page_for(user=request.user, mentor_id=profile_id, now=timezone.now())
    if page.waiting is not None:
        return redirect(page.waiting)
    context = vars(page)
    if page.reason is not None:  # say so before they write the note, not after
        status = 409 if request.method == "POST" else 200
        return render(request, "mentorships/ask_unavailable.html", context, status=status)
    form = (
        AskForm(request.POST, initial={"focus_areas": page.shared_focus})
        if request.method == "POST"
        else blank_form(AskForm, focus_areas=tuple(page.shared_focus))
    )
    if request.method == "POST" and form.is_valid():
        now = timezone.now()
        times = form.proposed_times(now=now)
        if form.is_valid():
            try:
                ask = asks.ask_create(
                    mentee=page.mentee, mentor=page.mentor,
                    focus_areas=form.cleaned_data["focus_areas"], note=form.cleaned_data["note"],
                    intro_minutes=form.cleaned_data["intro_minutes"], proposed_times=times,
                    now=now,
                )  # fmt: skip
            except DomainError as error:
                add_refusal(form, error)
            else:
                messages.success(request, "Your request is on its way.")
                return redirect(ask)
    status = 400 if form.errors else 200
    return render(request, "mentorships/ask_new.html", {**context, "form": form}, status=status)


def _ask_page(
    request: AuthedHttpRequest, page: AskPage, *, decline_form: DeclineForm | None = None,
    status: int = 200,
) -> HttpResponse:  # fmt: skip
    form = decline_form or DeclineForm(referral_choices=page.referral_choices)
    context = {**vars(page), "decline_form": form}
    return render(request, "mentorships/ask_detail.html", context, status=status)


@login_required
@require_GET
def ask_detail(request: AuthedHttpRequest, ask_id: int) -> HttpResponse:
    """One ask, for either side: the mentor decides here, the mentee follows it here."""
    page = ask_page_for(ask_id=ask_id, user=request.user, now=timezone.now())
    return _ask_page(request, page)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*REPORT_RATE)
def ask_report(request: AuthedHttpRequest, ask_id: int) -> HttpResponse:
    """The mentor tells Tandem's team an ask they received is inappropriate."""
    ask, sides = ask_for_user(ask_id=ask_id, user=request.user)
    if sides.role != MENTOR:  # one's own ask is not theirs to report
        raise NotFound(MISSING)
    mentee = sides.other.user
    return report_page(request, Reported(
        person=mentee, kind=Report.TargetKind.ASK, target_id=ask.pk, snapshot=ask.note,
        title=f"Report an ask from {mentee.display_name}", back_url=ask.get_absolute_url(),
    ))  # fmt: skip


@login_required
@require_POST
@rate_limited(*WRITES)
def ask_answer(request: AuthedHttpRequest, ask_id: int, answer: str) -> HttpResponse:
    """Accept, decline (with an optional referral) or withdraw."""
    ask, _ = ask_for_user(ask_id=ask_id, user=request.user)
    now = timezone.now()
    if answer == "accept":
        mentorship = asks.ask_accept(ask=ask, actor=request.user, now=now)
        messages.success(request, "Accepted. Your contact details are now shared.")
        return redirect(mentorship)
    if answer == "withdraw":
        asks.ask_withdraw(ask=ask, actor=request.user, now=now)
        messages.success(request, "Withdrawn. The mentor has been told; no reason needed.")
        return redirect(ask)
    choices = referral_choices_for(ask)
    form = DeclineForm(request.POST, referral_choices=choices)
    refer_to = None
    if form.is_valid() and form.cleaned_data["refer_to"]:
        refer_to = referral_pick(ask=ask, profile_id=form.cleaned_data["refer_to"])
        if refer_to is None:  # gone or hidden since the page was shown
            form.add_error("refer_to", "That mentor can't be suggested any more; pick another.")
    if form.errors:
        page = ask_page_for(ask_id=ask_id, user=request.user, referral_choices=choices, now=now)
        return _ask_page(request, page, decline_form=form, status=400)
    asks.ask_decline(
        ask=ask, actor=request.user, now=now, reason=form.cleaned_data["reason"],
        refer_to=refer_to,
    )  # fmt: skip
    messages.success(request, "Declined kindly. Thank you for answering.")
    return redirect(ask)


@login_required
@require_GET
def asks_inbox(request: AuthedHttpRequest) -> HttpResponse:
    """Requests received (for mentors) and sent (for mentees)."""
    page = inbox_page_for(user=request.user)
    return render(request, "mentorships/inbox.html", vars(page))


# --- The mentorship ----------------------------------------------------------------------


@login_required
@require_GET
def dashboard(request: AuthedHttpRequest) -> HttpResponse:
    """ "My mentors" and "My mentees", each with its state and next step."""
    page = dashboard_page_for(user=request.user, now=timezone.now())
    return render(request, "mentorships/dashboard.html", vars(page))


def _agreement_form(current: Agreement | None, suggested: dict[str, object]) -> AgreementForm:
    """The agreement form, filled in from the agreement in force (a renewal starts from it),
    else from the terms the program that paired them suggests."""
    if current is None:
        return AgreementForm(initial=suggested)
    goals = {f"goal_{i}": g for i, g in enumerate(current.goals, start=1)}
    return AgreementForm(initial={
        **goals, "cadence": current.cadence, "meeting_minutes": current.meeting_minutes,
        "term_months": current.term_months, "channel": current.channel,
        "boundaries": current.boundaries,
    })  # fmt: skip


def _mentorship_page(
    request: AuthedHttpRequest, mentorship_id: int, *, status: int = 200,
    agreement_form: AgreementForm | None = None, feedback_form: FeedbackForm | None = None,
) -> HttpResponse:  # fmt: skip
    page: MentorshipPage = mentorship_page_for(
        mentorship_id=mentorship_id, user=request.user, now=timezone.now()
    )
    # Each form is made only where the page shows it: the agreement form while one may be
    # proposed, the feedback form when it is asked for (the move form is written out).
    if agreement_form is None and (page.can_propose or (page.renewal_open and not page.proposal)):
        agreement_form = _agreement_form(page.current, page.mentorship.suggested_terms)
        # Goals another page offered for this form (a career plan's), shown once.
        offered = agreement_goals_take(request.session, mentorship_id=mentorship_id)
        if offered:
            slots = {f"goal_{i}": "" for i in (1, 2, 3)}
            slots.update({f"goal_{i}": g for i, g in enumerate(offered, start=1)})
            agreement_form = AgreementForm(initial={**agreement_form.initial, **slots})
    context = {
        **vars(page),
        "agreement_form": agreement_form,
        "feedback_form": feedback_form or SimpleLazyObject(FeedbackForm),
    }
    return render(request, "mentorships/detail.html", context, status=status)


@login_required
@require_GET
def mentorship_detail(request: AuthedHttpRequest, mentorship_id: int) -> HttpResponse:
    return _mentorship_page(request, mentorship_id)


@login_required
@require_POST
@rate_limited(*WRITES)
def agreement_action(request: AuthedHttpRequest, mentorship_id: int, action: str) -> HttpResponse:
    """Propose, accept or decline an agreement or a renewal."""
    mentorship, _ = mentorship_for_user(mentorship_id=mentorship_id, user=request.user)
    user, now = request.user, timezone.now()
    first = mentorship.state == Mentorship.State.PROPOSED  # else the answer is about a renewal
    if action in ("propose", "renew"):
        form = AgreementForm(request.POST)
        if not form.is_valid():
            return _mentorship_page(request, mentorship_id, status=400, agreement_form=form)
        propose = (
            agreements.agreement_propose if action == "propose" else agreements.renewal_propose
        )
        propose(mentorship=mentorship, actor=user, now=now, **form.service_kwargs())
        messages.success(request, "Proposed. The other side has been told.")
    elif action == "accept":
        accept = agreements.agreement_accept if first else agreements.renewal_accept
        accept(mentorship=mentorship, actor=user, now=now)
        messages.success(request, "Agreed. The term and goals are below.")
    else:
        reason = request.POST.get("reason", "")[:500]
        if first:
            agreements.agreement_decline(mentorship=mentorship, actor=user, now=now, reason=reason)
        else:
            agreements.renewal_decline(mentorship=mentorship, actor=user, now=now)
        messages.success(request, "Declined. Thank you for saying so clearly.")
    return redirect(mentorship)


@login_required
@require_POST
@rate_limited(*WRITES)
def mentorship_change(request: AuthedHttpRequest, mentorship_id: int) -> HttpResponse:
    """Pause, resume, complete (saying which goals were reached), close or stay in touch, with
    an optional note."""
    mentorship, _ = mentorship_for_user(mentorship_id=mentorship_id, user=request.user)
    form = MoveForm(request.POST)
    if not form.is_valid() or form.cleaned_data["to_state"] not in Mentorship.State.values:
        raise DomainError("That isn't a step a mentorship can take.")
    to_state = form.cleaned_data["to_state"]
    mentorship_move(
        mentorship=mentorship, actor=request.user, to_state=to_state, now=timezone.now(),
        reason=form.cleaned_data["reason"], achieved_goals=form.achieved_goals(),
    )  # fmt: skip
    messages.success(request, WORDS[to_state].done or "Done.")
    return redirect(mentorship)


@login_required
@require_POST
@rate_limited(*WRITES)
def feedback(request: AuthedHttpRequest, mentorship_id: int) -> HttpResponse:
    """How it went, told to the other side: the term review, or the review once it has ended."""
    mentorship, _ = mentorship_for_user(mentorship_id=mentorship_id, user=request.user)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return _mentorship_page(request, mentorship_id, status=400, feedback_form=form)
    occasion = request.POST.get("occasion", Feedback.Occasion.ENDING)
    if occasion not in Feedback.Occasion.values:
        occasion = Feedback.Occasion.ENDING
    feedback_services.feedback_give(
        mentorship=mentorship, actor=request.user, now=timezone.now(), occasion=occasion,
        **form.cleaned_data,
    )  # fmt: skip
    messages.success(request, "Thank you. Your feedback has been shared.")
    return redirect(mentorship)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*WRITES)
def become_mentor(request: AuthedHttpRequest) -> HttpResponse:
    """From a finished mentorship to mentoring (P13): what you could teach, and how many."""
    page = graduation_page_for(user=request.user)
    if page.profile.is_mentor:
        return redirect("profiles:edit", profile_id=page.profile.pk)
    form = BecomeMentorForm(request.POST or None, worked_on=page.worked_on)
    if request.method == "POST" and form.is_valid():
        picked = [s for s in page.worked_on if s.pk in form.cleaned_data["skills"]]
        other = form.cleaned_data["other_skill"]
        extra = skill_resolve(text=other) if other else None
        if other and extra is None:
            form.add_error("other_skill", "We don't know that skill; try another word for it.")
        else:
            try:
                profile_become_mentor(
                    profile=page.profile, skills=picked + ([extra] if extra else []),
                    proficiency=form.cleaned_data["proficiency"],
                    capacity=form.cleaned_data["capacity"],
                )  # fmt: skip
            except DomainError as error:
                add_refusal(form, error)
            else:
                messages.success(
                    request,
                    "You're a mentor now. Mentees who want what you offer can ask you; add a "
                    "few lines about what you know so they can choose well.",
                )
                return redirect("profiles:edit", profile_id=page.profile.pk)
    status = 400 if form.errors else 200
    context = {**vars(page), "form": form}
    return render(request, "mentorships/become_mentor.html", context, status=status)


@login_required
@require_POST
@rate_limited(*WRITES)
def goal_update(request: AuthedHttpRequest, goal_id: int) -> HttpResponse:
    """Either side records where a goal stands (a learning goal: only the mentor who set it)."""
    goal = goal_for_user(goal_id=goal_id, user=request.user)
    goal_services.goal_update(
        goal=goal, actor=request.user, now=timezone.now(),
        status=request.POST.get("status", ""), text=request.POST.get("text", "")[:500],
    )  # fmt: skip
    messages.success(request, "Progress saved.")
    return redirect(goal.mentorship)


@login_required
@require_POST
@rate_limited(*WRITES)
def learning_goal_add(request: AuthedHttpRequest, mentorship_id: int) -> HttpResponse:
    """The mentor's own learning goal (P11)."""
    mentorship, _ = mentorship_for_user(mentorship_id=mentorship_id, user=request.user)
    goal_services.learning_goal_add(
        mentorship=mentorship, actor=request.user, text=request.POST.get("text", "")
    )
    messages.success(request, "Learning goal added; your mentee sees it too.")
    return redirect(mentorship)
