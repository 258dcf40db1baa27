"""Navigation facts every page needs: the roles a person holds and where their profile is."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from tandem.profiles.models import Profile


def _nav(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated:
        return {"roles": [], "profile_url": None}
    profile = Profile.objects.filter(user=user).only("id", "is_mentee", "is_mentor").first()
    roles = list(profile.roles) if profile else []
    if user.is_program_manager:
        roles.append("Program manager")
    if user.is_staff:
        roles.append("Staff")
    return {"roles": roles, "profile_url": profile.get_absolute_url() if profile else None}


def navigation(request: HttpRequest) -> dict[str, Any]:
    """`nav.roles` and `nav.profile_url`, computed only if a template reads them."""
    return {"nav": SimpleLazyObject(lambda: _nav(request))}


def profile_choices(request: HttpRequest) -> dict[str, Any]:
    """Choice lists the shared profile partials need wherever they are rendered."""
    from tandem.profiles.choices import Proficiency

    return {"proficiency_choices": Proficiency.choices}
