"""Every page of the site, by URL name: who opens it, and with which objects.

This is the one list the phone test (test_phones.py) walks. When you add a URL name:

* a page a person opens with GET: add a row to PAGES (who sees it, and how to fill in its
  arguments for that person, e.g. one ask in each state);
* anything else (a POST-only action, a file, an htmx fragment, a redirect): add it to
  NOT_PAGES (in not_pages.py) with the reason.

`test_every_named_url_is_listed_as_a_page_or_not` fails until a new name is in one of the two,
so a page cannot be left out of the phone and accessibility checks by accident.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tandem.accounts.models import User
from tandem.meetings.models import Meeting
from tandem.mentorships.models import Ask, Mentorship
from tandem.profiles.models import Profile
from tandem.profiles.onboarding import steps_for

# Who walks the site. "newcomer" has signed up and not finished onboarding.
VISITOR, NEWCOMER, MENTEE, MENTOR, BOTH, STAFF = (
    "visitor", "newcomer", "mentee", "mentor", "both", "staff",
)  # fmt: skip
SIGNED_IN = frozenset({NEWCOMER, MENTEE, MENTOR, BOTH, STAFF})
ONBOARDED = frozenset({MENTEE, MENTOR, BOTH, STAFF})
EVERYONE = SIGNED_IN | {VISITOR}


@dataclass
class Viewer:
    """A person walking the site (None for a signed-out visitor), and the world's extras."""

    role: str
    user: User | None
    password: str = ""
    extras: dict[str, Any] = field(default_factory=dict)  # e.g. "paused_mentor": Profile

    @cached_property
    def profile(self) -> Profile | None:
        return Profile.objects.filter(user=self.user).first() if self.user else None

    def asks(self) -> QuerySet[Ask]:
        return Ask.objects.filter(Q(mentee=self.profile) | Q(mentor=self.profile))

    def mentorships(self) -> QuerySet[Mentorship]:
        return Mentorship.objects.filter(Q(mentee=self.profile) | Q(mentor=self.profile))

    def meetings(self) -> QuerySet[Meeting]:
        return Meeting.objects.filter(mentorship__in=self.mentorships())


Args = dict[str, Any]
Fill = Callable[[Viewer], Iterable[tuple[str, Args]]]  # (what this visit shows, URL kwargs)


def no_args(viewer: Viewer) -> Iterable[tuple[str, Args]]:
    return [("", {})]


@dataclass(frozen=True)
class Page:
    roles: frozenset[str]
    fill: Fill = no_args


def one_per_state(rows: QuerySet[Any]) -> Iterator[Any]:
    """The first row in each state, so every state's layout is seen once, and no more."""
    seen: set[str] = set()
    for row in rows.order_by("state", "id"):
        if row.state not in seen:
            seen.add(row.state)
            yield row


def _asks(viewer: Viewer) -> Iterable[tuple[str, Args]]:
    for ask in one_per_state(viewer.asks()):
        side = "sent" if ask.mentee_id == viewer.profile.pk else "received"
        yield f"{side}, {ask.state}", {"ask_id": ask.pk}


def _mentorships(viewer: Viewer) -> Iterable[tuple[str, Args]]:
    for mentorship in one_per_state(viewer.mentorships()):
        yield mentorship.state, {"mentorship_id": mentorship.pk}


def _first_live_mentorship(viewer: Viewer) -> Iterable[tuple[str, Args]]:
    """One mentorship still going, an active one if there is one (it has the most to show)."""
    live = list(viewer.mentorships().exclude(state=Mentorship.State.CLOSED).order_by("id"))
    live.sort(key=lambda mentorship: mentorship.state != Mentorship.State.ACTIVE)
    for mentorship in live[:1]:
        yield mentorship.state, {"mentorship_id": mentorship.pk}


def _meetings(viewer: Viewer) -> Iterable[tuple[str, Args]]:
    for meeting in one_per_state(viewer.meetings()):
        yield meeting.state, {"meeting_id": meeting.pk}


def _profiles(viewer: Viewer) -> Iterable[tuple[str, Args]]:
    own = viewer.profile
    if own is not None:
        yield "own", {"profile_id": own.pk}
    other = viewer.mentorships().select_related("mentee", "mentor").order_by("id").first()
    if other is not None and own is not None:
        person = other.mentor if other.mentee_id == own.pk else other.mentee
        yield "the other side of a mentorship", {"profile_id": person.pk}
    paused = viewer.extras.get("paused_mentor")
    if paused is not None:
        yield "a paused mentor", {"profile_id": paused.pk}


def _own_profile(viewer: Viewer) -> Iterable[tuple[str, Args]]:
    if viewer.profile is not None:
        yield "", {"profile_id": viewer.profile.pk}


def _ask_forms(viewer: Viewer) -> Iterable[tuple[str, Args]]:
    for key in ("free_mentor", "paused_mentor"):
        mentor = viewer.extras.get(key)
        if mentor is not None:
            yield key.replace("_", " "), {"profile_id": mentor.pk}


def _message_to_report(viewer: Viewer) -> Iterable[tuple[str, Args]]:
    from tandem.conversations.models import Message  # an app above the ones this file reads

    theirs = Message.objects.filter(
        Q(thread__mentee=viewer.profile) | Q(thread__mentor=viewer.profile)
    ).exclude(author=viewer.user)
    for message in theirs.order_by("id")[:1]:
        yield "", {"message_id": message.pk}


def _received_asks(viewer: Viewer) -> Iterable[tuple[str, Args]]:
    """An ask this person received (only its mentor may report it)."""
    for ask in viewer.asks().filter(mentor=viewer.profile).order_by("id")[:1]:
        yield "", {"ask_id": ask.pk}


def _other_side(viewer: Viewer) -> Iterable[tuple[str, Args]]:
    own = viewer.profile
    other = viewer.mentorships().order_by("id").first()
    if other is not None and own is not None:
        yield "", {"profile_id": other.mentor_id if other.mentee_id == own.pk else other.mentee_id}


def _their_shared_note(viewer: Viewer) -> Iterable[tuple[str, Args]]:
    from tandem.meetings.models import Note

    theirs = Note.objects.filter(meeting__in=viewer.meetings(), is_private=False)
    for note in theirs.exclude(author=viewer.user).order_by("id")[:1]:
        yield "", {"note_id": note.pk}


def _onboarding_steps(viewer: Viewer) -> Iterable[tuple[str, Args]]:
    if viewer.profile is not None:
        for step in steps_for(viewer.profile):
            yield step.slug, {"step": step.slug}


def _import_program(viewer: Viewer) -> Iterable[tuple[str, Args]]:
    """A program this person runs, for its import page (staff run every organization's)."""
    from tandem.programs.access import managed_programs  # an app above the ones this file reads

    if viewer.user is not None:
        for program in managed_programs(viewer.user).order_by("id")[:1]:
            yield "", {"slug": program.slug}


def _rounds_program(viewer: Viewer) -> Iterable[tuple[str, Args]]:
    """The first program this person runs that has matching rounds."""
    from tandem.programs.access import managed_programs  # an app above the ones this file reads

    if viewer.user is not None:
        programs = managed_programs(viewer.user).filter(rounds__isnull=False).distinct()
        for program in programs.order_by("id")[:1]:
            yield "", {"slug": program.slug}


def _rounds(viewer: Viewer) -> Iterable[tuple[str, Args]]:
    """One round in each state (a draft to review, one published) of that program."""
    from tandem.programs.models import Round

    for _, args in _rounds_program(viewer):
        for round_ in one_per_state(Round.objects.filter(program__slug=args["slug"])):
            yield round_.state, {**args, "number": round_.number}


def _programs_taken_part(viewer: Viewer) -> Iterable[tuple[str, Args]]:
    """The programs this person is in (one of each type), and an open one they are not in."""
    from tandem.programs.models import Participant, Program  # an app above the ones read here

    if viewer.profile is None:
        return
    places = Participant.objects.filter(profile=viewer.profile).select_related("program")
    seen: set[str] = set()
    for place in places.order_by("id"):
        if place.program.kind not in seen:
            seen.add(place.program.kind)
            yield f"in {place.program.kind}", {"slug": place.program.slug}
    other = Program.objects.filter(enrollment="open").exclude(participants__profile=viewer.profile)
    for program in other.order_by("id")[:1]:
        yield "not in it", {"slug": program.slug}


def _program_matches(viewer: Viewer) -> Iterable[tuple[str, Args]]:
    """This person's published matches, one in each state."""
    from tandem.programs.models import Match

    mine = Match.objects.filter(
        Q(first__profile=viewer.profile) | Q(second__profile=viewer.profile)
    ).select_related("program")
    for match in one_per_state(mine):
        yield match.state, {"slug": match.program.slug, "match_id": match.pk}


def _programs_run(viewer: Viewer) -> Iterable[tuple[str, Args]]:
    """One program of each type this person runs, those with applications waiting first."""
    from tandem.programs.access import managed_programs

    if viewer.user is None:
        return
    seen: set[str] = set()
    programs = managed_programs(viewer.user).order_by("enrollment", "id")
    for program in programs:
        if program.kind not in seen:
            seen.add(program.kind)
            yield program.kind, {"slug": program.slug}


def _program_run(viewer: Viewer) -> Iterable[tuple[str, Args]]:
    for _, args in list(_programs_run(viewer))[:1]:
        yield "", args


def _program_invitation(viewer: Viewer) -> Iterable[tuple[str, Args]]:
    token = viewer.extras.get("program_invitation")
    if token and viewer.role == MENTOR:
        yield "for them", {"token": token}
    yield "unknown key", {"token": "not-a-real-key"}


def _own_pulses(viewer: Viewer) -> Iterable[tuple[str, Args]]:
    """The pulses this person was asked: one to answer, one answered, where they have them."""
    from tandem.reports.models import Pulse  # an app above the ones this file reads

    seen: set[str] = set()
    for pulse in Pulse.objects.filter(participant__profile=viewer.profile).order_by("id"):
        state = "answered" if pulse.answered_at else "to answer"
        if state not in seen:
            seen.add(state)
            yield state, {"pulse_id": pulse.pk}


def _bad_key(key_name: str, **more: str) -> Fill:
    """Pages reached from an emailed link: an unknown key shows the page's own apology."""
    return lambda viewer: [("unknown key", {key_name: "not-a-real-key", **more})]


PAGES: dict[str, Page] = {
    # Public and account pages (django-allauth)
    "landing": Page(frozenset({VISITOR})),
    "account_login": Page(frozenset({VISITOR})),
    "account_signup": Page(frozenset({VISITOR})),
    "account_reset_password": Page(frozenset({VISITOR})),
    "account_request_login_code": Page(frozenset({VISITOR})),
    "account_reset_password_done": Page(frozenset({VISITOR})),
    "account_reset_password_from_key": Page(frozenset({VISITOR}), _bad_key("key", uidb36="1")),
    "account_reset_password_from_key_done": Page(frozenset({VISITOR})),
    "account_email_verification_sent": Page(frozenset({VISITOR})),
    "account_confirm_email": Page(frozenset({VISITOR}), _bad_key("key")),
    "account_inactive": Page(frozenset({VISITOR})),
    "account_email": Page(SIGNED_IN),
    "account_change_password": Page(SIGNED_IN),
    "account_logout": Page(frozenset({MENTEE})),  # the "are you sure?" page, same for everyone
    "account_reauthenticate": Page(frozenset({MENTEE})),
    # Onboarding
    "profiles:onboarding_step": Page(frozenset({NEWCOMER}), _onboarding_steps),
    # Finding a mentor
    "home": Page(ONBOARDED),
    "profiles:directory": Page(ONBOARDED),
    "matching:recommendations": Page(frozenset({MENTEE, BOTH})),
    "profiles:detail": Page(ONBOARDED, _profiles),
    "profiles:edit": Page(ONBOARDED | {NEWCOMER}, _own_profile),
    "mentorships:ask_new": Page(frozenset({MENTEE, MENTOR}), _ask_forms),
    # Asks and mentorships
    "mentorships:inbox": Page(ONBOARDED),
    "mentorships:ask": Page(ONBOARDED, _asks),
    "mentorships:dashboard": Page(ONBOARDED),
    "mentorships:detail": Page(ONBOARDED, _mentorships),
    "mentorships:become_mentor": Page(frozenset({MENTEE})),
    "meetings:for_mentorship": Page(frozenset({MENTEE, MENTOR, BOTH}), _first_live_mentorship),
    "meetings:actions": Page(frozenset({MENTEE, MENTOR}), _first_live_mentorship),
    "meetings:detail": Page(frozenset({MENTEE, MENTOR, BOTH}), _meetings),
    # Messages between the pair
    "conversations:ask": Page(frozenset({MENTEE, MENTOR}), _asks),
    "conversations:mentorship": Page(frozenset({MENTEE, MENTOR}), _first_live_mentorship),
    "conversations:report": Page(frozenset({MENTEE, MENTOR}), _message_to_report),
    "mentorships:ask_report": Page(frozenset({MENTOR, BOTH}), _received_asks),
    "profiles:report": Page(ONBOARDED, _other_side),
    "meetings:note_report": Page(frozenset({MENTEE, MENTOR, BOTH}), _their_shared_note),
    "moderation:blocks": Page(ONBOARDED),
    # Calendar and notifications
    "calendar:settings": Page(ONBOARDED),
    "notifications:list": Page(ONBOARDED),
    "notifications:settings": Page(frozenset({MENTEE, MENTOR})),
    # Participant import (a program's managers)
    "programs:import": Page(frozenset({STAFF}), _import_program),
    # Matching rounds (a program's managers)
    "programs:rounds": Page(frozenset({STAFF}), _rounds_program),
    "programs:round": Page(frozenset({STAFF}), _rounds),
    # Programs: taking part (tandem/programs/views/mine.py, enrollment.py, matches.py)
    "programs:mine": Page(ONBOARDED),
    "programs:detail": Page(frozenset({MENTEE, MENTOR, BOTH}), _programs_taken_part),
    "programs:join": Page(frozenset({MENTEE}), _programs_taken_part),
    "programs:invitation": Page(frozenset({MENTEE, MENTOR}), _program_invitation),
    "programs:match": Page(frozenset({MENTEE, MENTOR, BOTH}), _program_matches),
    # Programs: running them (tandem/programs/views/programs.py, participants.py)
    "programs:manage": Page(frozenset({MENTEE, STAFF})),
    "programs:create": Page(frozenset({STAFF})),
    "programs:settings": Page(frozenset({STAFF}), _programs_run),
    "programs:questions": Page(frozenset({STAFF}), _program_run),
    "programs:participants": Page(frozenset({STAFF}), _program_run),
    "programs:invite": Page(frozenset({STAFF}), _program_run),
    "programs:managers": Page(frozenset({STAFF}), _program_run),
    # Reports (tandem/reports/views/)
    "reports:dashboard": Page(frozenset({STAFF}), _program_run),
    "reports:pulse": Page(frozenset({MENTEE, MENTOR, BOTH}), _own_pulses),
    "reports:progress": Page(ONBOARDED),
    # Your data (tandem/privacy/views.py)
    "privacy:overview": Page(ONBOARDED),
    "privacy:delete": Page(ONBOARDED),
    "privacy:deleted": Page(frozenset({VISITOR})),
}

# The career-growth tools' pages live beside each other in tests/e2e/growth_pages/ (those
# modules import Page from here, so they are merged here, after PAGES is whole).
from tests.e2e.growth_pages import PAGES as GROWTH_PAGES  # noqa: E402

PAGES.update(GROWTH_PAGES)

# Pages that have no URL name of their own.
EXTRA_PATHS: dict[str, frozenset[str]] = {
    "/no-such-page/": frozenset({VISITOR, MENTEE}),  # the 404 page
}


def url_names() -> set[str]:
    """Every named URL of the site, namespaced ("mentorships:ask"), the admin's left out."""
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or ""
                if inner == "admin":
                    continue  # Django's own admin: staff only, styled by Django
                walk(pattern.url_patterns, f"{namespace}{inner}:" if inner else namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns, "")
    return names


@dataclass(frozen=True)
class Visit:
    label: str  # names the page in a failure: "mentee · mentorships:ask (sent, declined)"
    path: str


def visits_for(viewer: Viewer) -> list[Visit]:
    """The pages this person opens, in the order of PAGES."""
    visits = []
    for name, page in PAGES.items():
        if viewer.role not in page.roles:
            continue
        for note, kwargs in page.fill(viewer):
            label = f"{viewer.role} · {name}" + (f" ({note})" if note else "")
            visits.append(Visit(label, reverse(name, kwargs=kwargs)))
    for path, roles in EXTRA_PATHS.items():
        if viewer.role in roles:
            visits.append(Visit(f"{viewer.role} · {path}", path))
    return visits
