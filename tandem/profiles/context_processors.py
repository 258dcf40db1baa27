"""Navigation facts every page needs: the roles a person holds and where their profile is."""

from __future__ import annotations

import functools
from typing import Any

from django.apps import apps
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.urls import get_script_prefix, reverse
from django.utils.functional import SimpleLazyObject

from tandem.accounts.models import PROGRAM_MANAGERS_GROUP, User
from tandem.core.compiled import CompiledQuery
from tandem.organizations.models import Membership
from tandem.profiles.models import Profile


def _taking_part() -> Exists:
    """Whether the person takes part in a program (the programs app sits above this one, so
    its model is looked up by name)."""
    participant = apps.get_model("programs", "Participant")
    return Exists(participant.objects.filter(profile=OuterRef("pk")).exclude(state="left"))


def _manages(user_id: int) -> Exists:
    """Whether the person runs programs for an organization."""
    return Exists(Membership.objects.filter(user_id=user_id, role=Membership.Role.MANAGER))


def _in_managers_group(user_id: int) -> Exists:
    """Whether staff made the person a program manager (the group): asked in the same query,
    not by `user.is_program_manager`, a query of its own on every page."""
    groups = User.groups.through.objects.filter(user_id=user_id, group__name=PROGRAM_MANAGERS_GROUP)
    return Exists(groups)


def _nav_query(user_id: int) -> QuerySet[Profile, tuple[Any, ...]]:
    return (
        Profile.objects.filter(user_id=user_id)
        .annotate(
            taking_part=_taking_part(), manages=_manages(user_id),
            in_group=_in_managers_group(user_id),
        )
        .values_list("id", "is_mentee", "is_mentor", "taking_part", "manages", "in_group")
        .order_by()[:1]
    )  # fmt: skip


# On every page: compiled once per process (about a fifteenth of the ORM's cost each time).
_NAV = CompiledQuery(_nav_query)


def _nav(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated:
        return {"roles": [], "profile_url": None, "programs_url": None}
    row = _NAV.first(user.pk)
    profile = None
    if row is not None:
        pk, is_mentee, is_mentor, taking_part, manages, in_group = row
        profile = Profile(pk=pk, is_mentee=bool(is_mentee), is_mentor=bool(is_mentor))
        manages = manages or in_group
    else:
        taking_part, manages = False, user.is_program_manager
    roles = list(profile.roles) if profile else []
    if manages:
        roles.append("Program manager")
    if user.is_staff:
        roles.append("Staff")
    in_programs = user.is_staff or manages or bool(taking_part)
    return {
        "roles": roles,
        "profile_url": profile.get_absolute_url() if profile else None,
        "programs_url": reverse("programs:mine") if in_programs else None,
    }


# The menu's links, by the names base.html reads them (`links.directory`). Reversed once per
# process: a dozen `{% url %}` tags cost 0.8 ms of CPU on every page.
MENU = {
    "home": "home",
    "landing": "landing",
    "directory": "profiles:directory",
    "inbox": "mentorships:inbox",
    "mentorships": "mentorships:dashboard",
    "progress": "reports:progress",
    "growth": "growth:hub",
    "notifications": "notifications:list",
    "notifications_badge": "notifications:badge",
    "account": "account_change_password",
    "privacy": "privacy:overview",
    "admin": "admin:index",
    "logout": "account_logout",
    "login": "account_login",
    "signup": "account_signup",
}


@functools.cache
def _menu_links(script_prefix: str) -> dict[str, str]:
    return {key: reverse(name) for key, name in MENU.items()}


def navigation(request: HttpRequest) -> dict[str, Any]:
    """`nav.roles`, `nav.profile_url` and `nav.programs_url` (for people in a program or
    running one), computed only if a template reads them; `links`, the menu's addresses."""
    return {
        "nav": SimpleLazyObject(lambda: _nav(request)),
        "links": _menu_links(get_script_prefix()),
    }


def profile_choices(request: HttpRequest) -> dict[str, Any]:
    """Choice lists the shared profile partials need wherever they are rendered."""
    from tandem.profiles.choices import Proficiency

    return {"proficiency_choices": Proficiency.choices}
