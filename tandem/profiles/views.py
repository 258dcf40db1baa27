"""Profile pages: onboarding, profile, edit and skill editing (the mentor directory's page is
`tandem.profiles.directory.views`)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from tandem.core.forms import add_refusal
from tandem.core.http import AuthedHttpRequest
from tandem.core.params import clean_param
from tandem.core.ratelimit import rate_limited
from tandem.moderation.models import Report
from tandem.moderation.views import RATE as REPORT_RATE
from tandem.moderation.views import Reported, report_page
from tandem.profiles.completeness import profile_completeness
from tandem.profiles.forms import ProficiencyForm, ProfileForm, SkillAddForm, sorted_timezones
from tandem.profiles.middleware import viewer_timezone_forget
from tandem.profiles.models import Profile
from tandem.profiles.onboarding import STEPS, next_step, previous_step, steps_for
from tandem.profiles.selectors import (
    organization_list_with_listed_members,
    profile_for_owner,
    profile_for_user,
    profile_get_visible,
    profile_page,
)
from tandem.profiles.services import (
    ProfileError,
    SkillNotKnown,
    profile_get_or_create,
    profile_onboarding_complete,
    profile_skill_offered_add,
    profile_skill_offered_remove,
    profile_skill_offered_set_proficiency,
    profile_skill_request_add,
    profile_skill_request_withdraw,
    profile_skill_wanted_add,
    profile_skill_wanted_remove,
    profile_update,
)
from tandem.skills.selectors import skill_closest, skill_suggest

SKILL_SIDES = ("wanted", "offered")
# Every change a person makes to their own profile counts against one allowance.
PROFILE_WRITES = ("profile-write", "60/m")


def _apply(form: ProfileForm, profile: Profile) -> bool:
    """Save a valid form through the service; a broken rule becomes a field error."""
    try:
        profile_update(profile=profile, **form.service_kwargs())
    except ProfileError as error:
        add_refusal(form, error)
        return False
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


@login_required
def onboarding(request: AuthedHttpRequest) -> HttpResponse:
    """Start (or resume) onboarding at its first step."""
    return redirect("profiles:onboarding_step", step="about")


def _onboarding_context(profile: Profile, step_slug: str, form: ProfileForm) -> dict[str, Any]:
    step = STEPS[step_slug]
    if "timezone" in form.fields and not profile.is_onboarded:
        # tandem.js swaps a still-default UTC for the browser's own timezone.
        form.fields["timezone"].widget.attrs["data-browser-default"] = "1"
    return {
        "profile": profile,
        "step": step,
        "steps": steps_for(profile),
        "previous": previous_step(profile, step_slug),
        "form": form,
        "timezones": sorted_timezones() if "timezone" in form.fields else [],
        "last": (profile.is_mentee or profile.is_mentor) and next_step(profile, step_slug) is None,
        "skill_form": SkillAddForm(),
    }


def _welcome(request: AuthedHttpRequest, profile: Profile) -> str:
    """Where onboarding ends, with the next step: a mentee's matches, or a mentor's home."""
    if profile.is_mentee:
        messages.success(
            request,
            "Welcome to Tandem! These mentors fit what you want to learn. Pick one and ask for "
            "20 minutes: a small ask is easy to say yes to.",
        )
        return reverse("matching:recommendations")
    messages.success(
        request,
        "Welcome to Tandem! You're listed as a mentor; requests will wait for you here. Add a "
        "headline and the skills you offer so the right people find you.",
    )
    return reverse("home")


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*PROFILE_WRITES)
def onboarding_step(request: AuthedHttpRequest, step: str) -> HttpResponse:
    """One onboarding step: a short form; htmx swaps in the next step without a reload."""
    if step not in STEPS:
        raise Http404("No such step")
    profile = profile_get_or_create(user=request.user)
    if step not in [s.slug for s in steps_for(profile)]:
        return redirect("profiles:onboarding_step", step="about")
    form_class = STEPS[step].form_class
    template = "profiles/onboarding.html"
    if request.method == "POST":
        form = form_class(request.POST, instance=profile)
        if form.is_valid() and _apply(form, profile):
            viewer_timezone_forget(request)
            following = next_step(profile, step)
            if following is None:
                # _apply already checked the rules completion needs, so this cannot fail here.
                profile_onboarding_complete(profile=profile, now=timezone.now())
                url = _welcome(request, profile)
                return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
            if not request.htmx:
                return redirect("profiles:onboarding_step", step=following.slug)
            context = _onboarding_context(
                profile, following.slug, following.form_class(instance=profile)
            )
            response = render(request, f"{template}#wizard", context)
            response["HX-Push-Url"] = reverse("profiles:onboarding_step", args=[following.slug])
            return response
        profile.refresh_from_db()
    else:
        form = form_class(instance=profile)
    partial = f"{template}#wizard" if request.htmx else template
    return render(request, partial, _onboarding_context(profile, step, form))


@login_required
@require_GET
def profile_detail(request: AuthedHttpRequest, profile_id: int) -> HttpResponse:
    """A profile page; hidden or out-of-organization profiles are 404 to others."""
    shown = profile_page(profile_id=profile_id, viewer=request.user)
    if shown is None:
        raise Http404("No such profile")
    profile = shown.profile
    is_owner = profile.user_id == request.user.pk
    context = {
        "profile": profile, "is_owner": is_owner,
        "completeness": profile_completeness(profile) if is_owner else None,
        # For the block and mute buttons: "mute" or "" (a block hides the page itself).
        "my_block": shown.my_block,
        "languages": shown.languages, "skills_offered": shown.skills_offered,
        "skills_wanted": shown.skills_wanted,
    }  # fmt: skip
    return render(request, "profiles/detail.html", context)


def _profile_snapshot(profile: Profile) -> str:
    """The words on the profile page a reporter saw, for staff to judge later."""
    parts = [profile.user.display_name, profile.headline, profile.job_title, profile.bio]
    return "\n\n".join(part for part in [*parts, profile.goals] if part)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*REPORT_RATE)
def profile_report(request: AuthedHttpRequest, profile_id: int) -> HttpResponse:
    """Tell Tandem's team a profile someone may open is inappropriate (fake, offensive...)."""
    profile = profile_get_visible(profile_id=profile_id, viewer=request.user)
    if profile is None or profile.user_id == request.user.pk:
        raise Http404("No such profile")
    return report_page(request, Reported(
        person=profile.user, kind=Report.TargetKind.PROFILE, target_id=profile.pk,
        snapshot=_profile_snapshot(profile), back_url=profile.get_absolute_url(),
        title=f"Report the profile of {profile.user.display_name}",
    ))  # fmt: skip


def _own_profile_or_403(request: AuthedHttpRequest, profile_id: int) -> Profile:
    profile = profile_for_owner(profile_id=profile_id)
    if profile is None:
        raise Http404("No such profile")
    if profile.user_id != request.user.pk:
        raise PermissionDenied("Only the owner can edit a profile.")
    return profile


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*PROFILE_WRITES)
def profile_edit(request: AuthedHttpRequest, profile_id: int) -> HttpResponse:
    """Edit one's own profile; everyone else gets 403 and nothing changes."""
    profile = _own_profile_or_403(request, profile_id)
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=profile)
        if form.is_valid() and _apply(form, profile):
            viewer_timezone_forget(request)
            messages.success(request, "Your profile is saved.")
            return redirect(profile.get_absolute_url())
        profile.refresh_from_db()
    else:
        form = ProfileForm(instance=profile)
    context = {
        "profile": profile,
        "form": form,
        "timezones": sorted_timezones(),
        "skill_form": SkillAddForm(),
    }
    return render(request, "profiles/edit.html", context)


def _skills_response(
    request: AuthedHttpRequest,
    side: str,
    form: SkillAddForm | None = None,
    unknown: SkillNotKnown | None = None,
) -> HttpResponse:
    """The skill editor partial for htmx; a redirect back for plain form posts."""
    if not request.htmx:
        if form is not None and form.errors:
            for error in form.errors.get("skill", []):
                messages.error(request, str(error))
        if unknown is not None:
            messages.info(request, did_you_mean_sentence(unknown))
        target = request.POST.get("next", "")
        # Only a path of this site: `redirect` would read any other word as a URL name.
        if not target.startswith("/") or not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}
        ):
            target = reverse("home")
        return redirect(target)
    profile = profile_for_user(user=request.user)
    context = {
        "profile": profile, "side": side, "skill_form": form or SkillAddForm(), "unknown": unknown,
    }  # fmt: skip
    return render(request, "profiles/_skills.html#editor", context)


def did_you_mean_sentence(unknown: SkillNotKnown) -> str:
    """The "did you mean" note as one sentence, for a page reached without htmx."""
    names = [skill.name for skill in unknown.closest]
    if not names:
        return f"{unknown.message} Try another word, or tick “Keep my own words” and add it again."
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
    return (
        f"{unknown.message} Did you mean {listed}? Type one of those, or tick “Keep my own "
        "words” and add it again."
    )


@login_required
@require_POST
@rate_limited(*PROFILE_WRITES)
def skill_add(request: AuthedHttpRequest, side: str) -> HttpResponse:
    """Add a skill to one's own profile (wanted or offered), or keep it in the person's words."""
    if side not in SKILL_SIDES:
        raise Http404("No such list")
    profile = profile_get_or_create(user=request.user)
    form = SkillAddForm(request.POST)
    unknown = None
    if form.is_valid():
        text = form.cleaned_data["text"]
        proficiency = form.cleaned_data.get("proficiency") or 3
        try:
            if form.cleaned_data["keep"]:
                profile_skill_request_add(
                    profile=profile, side=side, text=text, proficiency=proficiency,
                    now=timezone.now(),
                )  # fmt: skip
            elif side == "wanted":
                profile_skill_wanted_add(profile=profile, text=text)
            else:
                profile_skill_offered_add(profile=profile, text=text, proficiency=proficiency)
            form = SkillAddForm()
        except SkillNotKnown as error:
            # Not a mistake: offer the closest skills, or keeping their own words.
            unknown = error
        except ProfileError as error:
            form.add_error("skill", error.message)
    return _skills_response(request, side, form, unknown)


@login_required
@require_POST
@rate_limited(*PROFILE_WRITES)
def skill_request_withdraw(request: AuthedHttpRequest, request_id: int) -> HttpResponse:
    """Take back a skill in one's own words that is still waiting to be mapped."""
    profile = profile_get_or_create(user=request.user)
    side = profile_skill_request_withdraw(profile=profile, skill_request_id=request_id)
    return _skills_response(request, side)


@login_required
@require_POST
@rate_limited(*PROFILE_WRITES)
def skill_remove(request: AuthedHttpRequest, side: str, skill_id: int) -> HttpResponse:
    """Remove a skill from one's own profile."""
    if side not in SKILL_SIDES:
        raise Http404("No such list")
    profile = profile_get_or_create(user=request.user)
    if side == "wanted":
        profile_skill_wanted_remove(profile=profile, skill_id=skill_id)
    else:
        profile_skill_offered_remove(profile=profile, skill_id=skill_id)
    return _skills_response(request, side)


@login_required
@require_POST
@rate_limited(*PROFILE_WRITES)
def skill_proficiency(request: AuthedHttpRequest, skill_id: int) -> HttpResponse:
    """Change how well one knows an offered skill."""
    profile = profile_get_or_create(user=request.user)
    form = ProficiencyForm(request.POST)
    if form.is_valid():
        profile_skill_offered_set_proficiency(
            profile=profile, skill_id=skill_id, proficiency=form.cleaned_data["proficiency"]
        )
    return _skills_response(request, "offered")


@login_required
@require_GET
def skill_suggestions(request: AuthedHttpRequest) -> HttpResponse:
    """Skills matching what is typed so far (names and synonyms), as clickable suggestions."""
    side = request.GET.get("side", "wanted")
    query = clean_param(request.GET.get("skill", "") or request.GET.get("q", ""), max_length=60)
    # Skills containing what is typed so far; failing that, ones spelled like it.
    suggestions = (skill_suggest(query=query) or skill_closest(text=query)) if query else []
    context = {"suggestions": suggestions, "side": side, "query": query}
    return render(request, "profiles/_skills.html#suggestions", context)


@login_required
@require_GET
def organization_suggestions(request: AuthedHttpRequest) -> HttpResponse:
    """Known organizations for the organization field's datalist."""
    query = clean_param(request.GET.get("organization_name", ""), max_length=60)
    orgs = organization_list_with_listed_members(query=query, limit=10)
    return render(request, "profiles/_organizations.html", {"organizations": orgs})
