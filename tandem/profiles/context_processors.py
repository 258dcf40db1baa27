"""Navigation facts every page needs: the roles a person holds and where their profile is."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from tandem.organizations.models import Membership
from tandem.profiles.models import Profile


def _in_programs(user: Any) -> Exists:
    """Whether the person takes part in a program (the programs app sits above this one, so
    its model is looked up by name) or runs programs for an organization."""
    participant = apps.get_model("programs", "Participant")
    taking_part = participant.objects.filter(profile=OuterRef("pk")).exclude(state="left")
    manages = Membership.objects.filter(user=user, role=Membership.Role.MANAGER)
    return Exists(taking_part) | Exists(manages)  # type: ignore[return-value]


def _nav(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated:
        return {"roles": [], "profile_url": None, "programs_url": None}
    profile = (
        Profile.objects.filter(user=user)
        .only("id", "is_mentee", "is_mentor")
        .annotate(in_programs=_in_programs(user))
        .first()
    )
    roles = list(profile.roles) if profile else []
    if user.is_program_manager:
        roles.append("Program manager")
    if user.is_staff:
        roles.append("Staff")
    in_programs = user.is_staff or (profile is not None and profile.in_programs)
    return {
        "roles": roles,
        "profile_url": profile.get_absolute_url() if profile else None,
        "programs_url": reverse("programs:mine") if in_programs else None,
    }


def navigation(request: HttpRequest) -> dict[str, Any]:
    """`nav.roles`, `nav.profile_url` and `nav.programs_url` (for people in a program or
    running one), computed only if a template reads them."""
    return {"nav": SimpleLazyObject(lambda: _nav(request))}


def profile_choices(request: HttpRequest) -> dict[str, Any]:
    """Choice lists the shared profile partials need wherever they are rendered."""
    from tandem.profiles.choices import Proficiency

    return {"proficiency_choices": Proficiency.choices}
