"""Every URL pattern of the site, classified: who may use it, and how to fill in its arguments.

The authorization matrix (test_matrix.py) and the fuzz walk (test_fuzz.py) read this table.
`test_every_url_pattern_is_classified` fails while a pattern of the resolver has no entry, so
a new page or action cannot ship without someone deciding who it is for.

`who` is the roles that may use the route (see world.py): a GET gets through for them, a POST
is theirs to make. Everyone else is refused (404, or 403/405/409) and changes nothing; an
anonymous visitor is sent to sign in. A route whose `who` has ANONYMOUS is public.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tandem.mentorships.models import Mentorship
from tandem.programs.imports.uploads import upload_keep
from tests.security.world import (
    ANONYMOUS,
    EVERYONE,
    MANAGER,
    MENTEE,
    MENTOR,
    OTHER_MANAGER,
    PAIR,
    RUNS_IT,
    SIGNED_IN,
    STAFF,
    STRANGER,
    World,
)

Args = Callable[[World], dict[str, Any]]


@dataclass(frozen=True)
class Route:
    who: frozenset[str]
    args: Args | None = None  # None: the pattern takes no arguments
    post_only: bool = False  # a GET is refused (405) for everyone


def _ids(**names: str) -> Args:
    """URL argument → the world's id of that name (`mentorship_id="mentorship_id"`)."""
    return lambda world: {arg: world.ids[key] for arg, key in names.items()}


def _with(fixed: dict[str, Any], **names: str) -> Args:
    return lambda world: {**fixed, **_ids(**names)(world)}


def _import_token(world: World) -> dict[str, Any]:
    """An upload the manager made (it lives in the cache, which each test starts without)."""
    program = world.ids["program"]
    token = upload_keep(
        user_id=world.users[MANAGER].pk, program_id=program.pk, data=b"email\nx@acme.example\n"
    )
    return {"slug": program.slug, "token": token}


MENTORSHIP = _ids(mentorship_id="mentorship_id")
SLUG = _ids(slug="slug")
SIGNED_IN_PAIR = PAIR  # pages of one mentorship: its two people only
CREATORS = frozenset({OTHER_MANAGER, MANAGER, STAFF})  # anyone who runs some program

ROUTES: dict[str, Route] = {
    "landing": Route(EVERYONE),
    "home": Route(SIGNED_IN),
    "health": Route(EVERYONE),  # the load balancer's check: says nothing about anyone
    "admin_login": Route(frozenset({STAFF})),  # the site's own sign-in, then staff only
    "admin:logout": Route(EVERYONE),  # signs out whoever asks; changes nothing of anyone else
    # django-allauth: public pages; signed-in people are sent on, which tells nothing.
    "account_login": Route(EVERYONE),
    "account_logout": Route(EVERYONE),
    "account_inactive": Route(EVERYONE),
    "account_signup": Route(EVERYONE),
    "account_reauthenticate": Route(SIGNED_IN),
    "account_email": Route(SIGNED_IN),
    "account_email_verification_sent": Route(EVERYONE),
    "account_change_password": Route(SIGNED_IN),
    "account_set_password": Route(SIGNED_IN),
    "account_reset_password": Route(EVERYONE),
    "account_confirm_login_code": Route(EVERYONE),
    "account_confirm_email": Route(EVERYONE, lambda world: {"key": "not-a-real-key"}),
    "account_reset_password_from_key_done": Route(EVERYONE),
    "account_reset_password_from_key": Route(
        EVERYONE, lambda world: {"uidb36": "1", "key": "not-a-real-key"}
    ),
    "account_reset_password_done": Route(EVERYONE),
    "account_request_login_code": Route(EVERYONE),
    # Notifications: each person's own.
    "notifications:list": Route(SIGNED_IN),
    "notifications:open": Route(frozenset({MENTEE}), _ids(notification_id="notification_id")),
    "notifications:read_all": Route(SIGNED_IN, post_only=True),
    "notifications:badge": Route(SIGNED_IN),
    "notifications:settings": Route(SIGNED_IN),
    # Finding a mentor
    "matching:recommendations": Route(SIGNED_IN),
    "matching:recommendation_strip": Route(SIGNED_IN),
    "mentorships:ask_new": Route(SIGNED_IN - {MENTOR}, _ids(profile_id="mentor_profile")),
    "profiles:directory": Route(SIGNED_IN),
    "profiles:detail": Route(SIGNED_IN, _ids(profile_id="mentor_profile")),
    "profiles:edit": Route(frozenset({MENTEE}), _ids(profile_id="mentee_profile")),
    "profiles:onboarding": Route(SIGNED_IN),
    "profiles:onboarding_step": Route(SIGNED_IN, _ids(step="step")),
    "profiles:skill_add": Route(SIGNED_IN, lambda world: {"side": "wanted"}, post_only=True),
    # `me`: each person's own skills, whatever the id.
    "profiles:skill_remove": Route(
        SIGNED_IN, _with({"side": "offered"}, skill_id="skill_id"), post_only=True
    ),
    "profiles:skill_proficiency": Route(SIGNED_IN, _ids(skill_id="skill_id"), post_only=True),
    "profiles:skill_request_withdraw": Route(
        frozenset({MENTEE}), _ids(request_id="request_id"), post_only=True
    ),
    "profiles:report": Route(SIGNED_IN - {MENTOR}, _ids(profile_id="mentor_profile")),
    "profiles:skill_suggestions": Route(SIGNED_IN),
    "profiles:organization_suggestions": Route(SIGNED_IN),
    # Asks and mentorships: the two people of each.
    "mentorships:inbox": Route(SIGNED_IN),
    "mentorships:dashboard": Route(SIGNED_IN),
    "mentorships:become_mentor": Route(SIGNED_IN),
    "mentorships:ask": Route(PAIR, _ids(ask_id="ask_id")),
    "mentorships:ask_answer": Route(
        PAIR, _with({"answer": "decline"}, ask_id="ask_id"), post_only=True
    ),
    "mentorships:ask_report": Route(frozenset({MENTOR}), _ids(ask_id="ask_id")),  # the asked
    "mentorships:detail": Route(PAIR, MENTORSHIP),
    "mentorships:agreement": Route(
        PAIR, _with({"action": "renew"}, mentorship_id="mentorship_id"), post_only=True
    ),
    "mentorships:change": Route(PAIR, MENTORSHIP, post_only=True),
    "mentorships:feedback": Route(PAIR, MENTORSHIP, post_only=True),
    "mentorships:learning_goal_add": Route(PAIR, MENTORSHIP, post_only=True),
    "mentorships:goal_update": Route(PAIR, _ids(goal_id="goal_id"), post_only=True),
    # Meetings and the calendar
    "meetings:for_mentorship": Route(PAIR, MENTORSHIP),
    "meetings:actions": Route(PAIR, MENTORSHIP),
    "meetings:ask_book": Route(PAIR, _ids(ask_id="ask_id"), post_only=True),
    "meetings:detail": Route(PAIR, _ids(meeting_id="meeting_id")),
    "meetings:health": Route(SIGNED_IN),
    # The mentee's shared note: the other side may report it.
    "meetings:note_report": Route(frozenset({MENTOR}), _ids(note_id="shared_note")),
    "meetings:action": Route(
        PAIR, _with({"action": "note"}, meeting_id="meeting_id"), post_only=True
    ),
    "meetings:agenda_remove": Route(PAIR, _ids(item_id="agenda_id"), post_only=True),
    "meetings:action_update": Route(PAIR, _ids(item_id="action_id"), post_only=True),
    # The feed's secret token is its only key: whoever holds the link reads the feed.
    "calendar:feed": Route(EVERYONE, _ids(token="feed_token")),
    "calendar:settings": Route(SIGNED_IN),
    "calendar:revoke": Route(SIGNED_IN, post_only=True),
    "calendar:invite": Route(PAIR, _ids(meeting_id="meeting_id")),
    # Messages between the pair
    "conversations:ask": Route(PAIR, _ids(ask_id="ask_id")),
    "conversations:mentorship": Route(PAIR, MENTORSHIP),
    "conversations:report": Route(PAIR, _ids(message_id="message_id")),
    "conversations:unread": Route(SIGNED_IN),
    # Reports: the program's managers; a pulse, the person asked.
    "reports:pulse": Route(frozenset({MENTEE}), _ids(pulse_id="pulse_id")),
    "reports:progress": Route(SIGNED_IN),
    "reports:dashboard": Route(RUNS_IT, SLUG),
    "reports:chart_csv": Route(RUNS_IT, _with({"key": "funnel"}, slug="slug")),
    "reports:export": Route(RUNS_IT, _with({"what": "participants"}, slug="slug")),
    "reports:check_in": Route(RUNS_IT, _ids(slug="slug", match_id="match_id"), post_only=True),
    # Programs: running them
    "programs:manage": Route(SIGNED_IN),
    "programs:create": Route(CREATORS),
    "programs:settings": Route(RUNS_IT, SLUG),
    "programs:questions": Route(RUNS_IT, SLUG),
    "programs:question_remove": Route(
        RUNS_IT, _ids(slug="slug", question_id="question_id"), post_only=True
    ),
    "programs:question_move": Route(
        RUNS_IT,
        _with({"direction": "up"}, slug="slug", question_id="question_id"),
        post_only=True,
    ),
    "programs:managers": Route(RUNS_IT, SLUG),
    "programs:participants": Route(RUNS_IT, SLUG),
    "programs:decide": Route(
        RUNS_IT,
        _with({"decision": "decline"}, slug="slug", participant_id="participant_id"),
        post_only=True,
    ),
    "programs:invite": Route(RUNS_IT, SLUG),
    "programs:rounds": Route(RUNS_IT, SLUG),
    "programs:round": Route(RUNS_IT, _ids(slug="slug", number="number")),
    "programs:round_action": Route(
        RUNS_IT, _with({"action": "discard"}, slug="slug", number="number"), post_only=True
    ),
    "programs:import": Route(RUNS_IT, SLUG),
    # The upload is the manager's: anyone else who runs the program is sent back to the import.
    "programs:import_preview": Route(RUNS_IT, _import_token),
    "programs:import_confirm": Route(RUNS_IT, _import_token, post_only=True),
    # Programs: taking part
    "programs:mine": Route(SIGNED_IN),
    "programs:invitation": Route(frozenset({STRANGER}), _ids(token="invitation")),
    "programs:detail": Route(PAIR | RUNS_IT, SLUG),
    "programs:join": Route(PAIR | RUNS_IT, SLUG),  # an open program: its people may join
    "programs:leave": Route(PAIR, SLUG, post_only=True),
    "programs:coffee": Route(PAIR, SLUG, post_only=True),
    "programs:match": Route(PAIR, _ids(slug="slug", match_id="match_id")),
    "programs:match_answer": Route(
        PAIR, _with({"answer": "decline"}, slug="slug", match_id="match_id"), post_only=True
    ),
    "programs:match_feedback": Route(PAIR, _ids(slug="slug", match_id="match_id"), post_only=True),
    # Blocks: anyone may block someone whose profile they may see (the mentor's is listed)
    # or a counterpart, never themselves; anyone may undo their own (none is no error).
    "moderation:blocks": Route(SIGNED_IN),
    "moderation:block": Route(SIGNED_IN - {MENTOR}, _ids(user_id="mentor_user"), post_only=True),
    "moderation:unblock": Route(SIGNED_IN, _ids(user_id="mentor_user"), post_only=True),
    # Your data: each person's own.
    "privacy:overview": Route(SIGNED_IN),
    "privacy:export": Route(SIGNED_IN),
    "privacy:delete": Route(SIGNED_IN),
    "privacy:deleted": Route(EVERYONE),
}

# Django's admin: staff only; everyone else is sent to the admin's own sign-in page. Its
# patterns are made from the registered models, so they are classified by this one rule.
ADMIN = Route(frozenset({STAFF}))
ANONYMOUS_ONLY = frozenset({ANONYMOUS})


@dataclass(frozen=True)
class Pattern:
    key: str  # the URL name, namespaced ("mentorships:ask"), or "admin:<route>" if unnamed
    route: str  # the whole route, for unnamed patterns and failure messages
    pattern: URLPattern

    @property
    def is_admin(self) -> bool:
        return self.key.startswith("admin:")

    @property
    def arguments(self) -> list[str]:
        return list(self.pattern.pattern.regex.groupindex)


def site_patterns() -> list[Pattern]:
    """Every URL pattern the resolver has now (static and debug ones are not served here)."""
    found: list[Pattern] = []

    def walk(patterns: list[Any], namespace: str, prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                key = f"{namespace}{pattern.name}" if pattern.name else f"{namespace}<{route}>"
                found.append(Pattern(key, route, pattern))

    walk(get_resolver().url_patterns, "", "")
    return found


def route_for(pattern: Pattern) -> Route | None:
    if pattern.key in ROUTES:
        return ROUTES[pattern.key]
    return ADMIN if pattern.is_admin else None


def path_of(pattern: Pattern, world: World) -> str:
    """The path of `pattern` in `world` (unnamed admin patterns are filled in by hand)."""
    kwargs = arguments_for(pattern, world)
    if pattern.pattern.name:
        return reverse(pattern.key, kwargs=kwargs)
    route = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), pattern.route)
    route = re.sub(r"\^?\(\?P<(\w+)>[^)]*\)\$?", lambda m: str(kwargs[m.group(1)]), route)
    return "/" + route


def arguments_for(pattern: Pattern, world: World) -> dict[str, Any]:
    """The URL arguments of `pattern` in `world` (its table entry says how)."""
    route = route_for(pattern)
    if pattern.is_admin and route is ADMIN:
        return _admin_arguments(pattern, world)
    assert route is not None, f"{pattern.key} is not in ROUTES"
    return route.args(world) if route.args else {}


def _admin_arguments(pattern: Pattern, world: World) -> dict[str, Any]:
    """An admin page's arguments: the first row of the model its route is about."""
    values: dict[str, Any] = {}
    if "content_type_id" in pattern.arguments:  # "view on site"
        content_type = ContentType.objects.get_for_model(Mentorship)
        return {"content_type_id": content_type.pk, "object_id": world.ids["mentorship_id"]}
    for name in pattern.arguments:
        if name in ("object_id", "id"):
            values[name] = _first_row(pattern.route)
        elif name == "app_label":
            values[name] = "mentorships"
        elif name == "url":
            values[name] = "no-such-page/"
    return values


def _first_row(route: str) -> str:
    """admin/<app>/<model>/<object_id>/... → the first row of that model ("1" if none)."""
    app_label, model_name = route.split("/")[1:3]
    model = apps.get_model(app_label, model_name)
    return str(model._default_manager.order_by("pk").values_list("pk", flat=True).first() or 1)


# The career-growth tools' rows live beside each other in tests/security/growth/ (imported
# last: those modules import Route from here).
from tests.security.growth import ROUTES as GROWTH_ROUTES  # noqa: E402

ROUTES.update(GROWTH_ROUTES)
