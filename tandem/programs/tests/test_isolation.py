"""A manager of one organization can see and change nothing of another's programs.

The walk covers EVERY URL name of the `programs` namespace, read from the resolver, so pages
added later (rounds, imports, reports) are covered too: each is opened with GET and with POST
by a manager of another organization, for a program with participants, an application, an
intake question, a published match, a draft round with a pair and a locked pair, an
invitation and an upload waiting for its import. Every answer is a 404 (or a 405 the URL
also gives for objects that do not exist: the method is refused before any lookup, so it
says nothing), and no row of the program's world changed. Anonymous visitors are sent to
sign in; a signed-in person with no role gets the same 404s. The walk runs for an
invitation-only, an open and an apply-and-approve program alike: a program anyone of its
organization may join is still nothing to anyone outside it.

Who may see an open program at all is in `test_program_visibility.py`.

A URL argument this file cannot fill in fails the test by name: add a value to `values_for`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tandem.profiles.tests.factories import OrganizationFactory, ProfileFactory
from tandem.programs.imports.uploads import upload_keep
from tandem.programs.invitations import invitation_token
from tandem.programs.models import (
    Participant,
    Program,
)
from tandem.programs.services.questions import question_add
from tandem.programs.tests.factories import ParticipantFactory, ProgramFactory, manager_of
from tandem.programs.tests.isolation_helpers import POST_DATA, snapshot
from tandem.programs.tests.worlds import draft_with_pair, match_of

pytestmark = pytest.mark.django_db

CHOICES = re.compile(r"\(\?P<(\w+)>([\w|]+)\)")


@dataclass
class World:
    program: Program
    manager: Any  # the program's own manager
    outsider: Any  # a manager of another organization
    stranger: Any  # signed in, no role anywhere
    mentee: Participant  # in the published match
    values: dict[str, Any]  # URL argument → value, from this world
    tokens: dict[str, str]  # URL name → token, where a name takes one


ENROLLMENTS = [Program.Enrollment.INVITE, Program.Enrollment.OPEN, Program.Enrollment.APPLY]


@pytest.fixture(params=ENROLLMENTS)
def world(request, now) -> World:
    """The program's world, once per way of joining it (the walk runs for each)."""
    acme = OrganizationFactory(name="Acme Isolated", email_domain="acme.example")
    program = ProgramFactory(
        organization=acme, name="Acme Secret Program", enrollment=request.param
    )
    question = question_add(program=program, text="Your team?")
    mentee = ParticipantFactory(program=program)
    mentor = ParticipantFactory(program=program, role="mentor")
    applicant = ParticipantFactory(program=program, state=Participant.State.APPLIED)
    match = match_of(mentee, mentor, now=now)
    draft, _, _ = draft_with_pair(
        ParticipantFactory(program=program), ParticipantFactory(program=program, role="mentor")
    )
    manager = manager_of(acme)
    tokens = {
        "invitation": invitation_token(
            program_id=program.pk, email="invitee@acme.example", now=timezone.now()
        ),
    }
    kept = upload_keep(user_id=manager.pk, program_id=program.pk, data=b"email\nx@acme.example\n")
    tokens.update({"import_preview": kept, "import_confirm": kept})
    values = {
        "slug": program.slug, "match_id": match.pk, "question_id": question.pk,
        "participant_id": applicant.pk, "number": draft.number,
    }  # fmt: skip
    outsider = manager_of(OrganizationFactory(name="Other Org"))
    ProgramFactory(organization=outsider.memberships.get().organization, name="Their own")
    return World(
        program=program, manager=manager, outsider=outsider, stranger=ProfileFactory().user,
        mentee=mentee, values=values, tokens=tokens,
    )  # fmt: skip


def program_patterns() -> list[tuple[str, URLPattern]]:
    """Every named URL of the `programs` namespace, as the resolver has it now."""
    found: list[tuple[str, URLPattern]] = []

    def walk(patterns: list[Any], inside: bool) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, inside or pattern.namespace == "programs")
            elif inside and isinstance(pattern, URLPattern) and pattern.name:
                found.append((f"programs:{pattern.name}", pattern))

    walk(get_resolver().url_patterns, False)
    assert found, "the programs namespace has no URLs"
    return found


def arguments(pattern: URLPattern) -> list[str]:
    return list(pattern.pattern.regex.groupindex)


def choices(pattern: URLPattern) -> dict[str, list[str]]:
    """Arguments that take one of a few words (`(?P<answer>confirm|decline)`), with the words."""
    return {
        name: words.split("|")
        for name, words in CHOICES.findall(str(pattern.pattern))
        if "|" in words
    }


def visits(world: World) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """([(URL name, path)] with object arguments, the names without any, the arguments this
    file cannot fill in ("name: argument"))."""
    return _visits(world.values, world.tokens)


NOWHERE = {"slug": "no-such-program", "token": "no-such-token"}


def nowhere(name: str, path: str) -> str:
    """The same URL for objects that do not exist (ids far beyond any row)."""
    match = get_resolver().resolve(path)
    kwargs = {
        key: NOWHERE.get(key, value) if not str(value).isdigit() else 987654
        for key, value in match.kwargs.items()
    }
    words = {k for pattern in program_patterns() if pattern[0] == name for k in choices(pattern[1])}
    kwargs.update({key: match.kwargs[key] for key in words})
    return reverse(name, kwargs=kwargs)


def refused_alike(client, method: str, name: str, path: str) -> bool:
    """A 405 that an URL gives for objects that do not exist too: it tells nothing."""
    return answer(client, method, nowhere(name, path)) == 405


def _visits(
    values: dict[str, Any], tokens: dict[str, str]
) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    with_objects, own_pages, missing = [], [], []
    for name, pattern in program_patterns():
        names = arguments(pattern)
        if not names:
            own_pages.append(name)
            continue
        words = choices(pattern)
        short = name.split(":", 1)[1]
        fixed: dict[str, Any] = {}
        for argument in names:
            if argument in words:
                continue
            if argument == "token" and short in tokens:
                fixed[argument] = tokens[short]
            elif argument in values:
                fixed[argument] = values[argument]
            else:
                missing.append(f"{name}: {argument}")
        for combination in _combinations(words):
            if len(fixed) + len(combination) == len(names):
                with_objects.append((name, reverse(name, kwargs={**fixed, **combination})))
    return with_objects, own_pages, missing


def _combinations(words: dict[str, list[str]]) -> Iterator[dict[str, str]]:
    combos: list[dict[str, str]] = [{}]
    for argument, options in words.items():
        combos = [{**c, argument: option} for c in combos for option in options]
    yield from combos


def answer(client, method: str, path: str) -> int:
    cache.clear()  # rate limits must not answer in the 404's place
    if method == "GET":
        return client.get(path).status_code
    return client.post(path, POST_DATA).status_code


def test_every_argument_of_every_program_url_can_be_filled_in(world):
    _, _, missing = visits(world)
    assert not missing, (
        "The isolation walk cannot build these URL arguments; add them to the world in "
        f"tandem/programs/tests/test_isolation.py: {missing}"
    )


def test_a_manager_of_another_organization_gets_404_everywhere_and_changes_nothing(client, world):
    with_objects, _, missing = visits(world)
    assert not missing, missing
    assert len(with_objects) >= 20
    before = snapshot()
    client.force_login(world.outsider)
    wrong = []
    for name, path in with_objects:
        for method in ("GET", "POST"):
            status = answer(client, method, path)
            if status == 405 and refused_alike(client, method, name, path):
                continue  # the method is refused before any lookup, for any object
            if status != 404:
                wrong.append(f"{method} {name} {path}: {status}")
    assert not wrong, "\n".join(wrong)
    assert snapshot() == before


def test_their_own_lists_show_nothing_of_another_organization(client, world):
    _, own_pages, _ = visits(world)
    assert {"programs:mine", "programs:manage", "programs:create"} <= set(own_pages)
    before = snapshot()
    client.force_login(world.outsider)
    for name in own_pages:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert world.program.name not in response.content.decode(), name
        cache.clear()
        data = {**POST_DATA, "organization": world.program.organization.pk}
        assert client.post(reverse(name), data).status_code in (400, 405), name
    assert snapshot() == before


def test_the_programs_own_people_reach_the_pages_the_walk_expects_404_from(client, world):
    """The walk's arguments are right: the program's manager, or a person of the match, gets
    past the lookup on every page that it reads (GET). And reading writes nothing."""
    with_objects, own_pages, _ = visits(world)
    before = snapshot()
    blocked = []
    for name in own_pages:
        client.force_login(world.manager)
        assert answer(client, "GET", reverse(name)) == 200, name
    for name, path in with_objects:
        short = name.split(":", 1)[1]
        if short == "invitation":
            continue  # for the invitee alone; tested in test_enrollment
        person = world.mentee.profile.user if short.startswith("match") else world.manager
        client.force_login(person)
        if answer(client, "GET", path) == 404:
            blocked.append(f"{name} {path}")
    assert not blocked, "\n".join(blocked)
    assert snapshot() == before, "a GET wrote something"


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    with_objects, own_pages, _ = visits(world)
    paths = [path for _, path in with_objects] + [reverse(name) for name in own_pages]
    for path in paths:
        for method in ("GET", "POST"):
            cache.clear()
            response = client.get(path) if method == "GET" else client.post(path, POST_DATA)
            assert response.status_code == 302, f"{method} {path}"
            assert response["Location"].startswith(reverse("account_login")), path


def test_a_signed_in_person_with_no_role_gets_404_on_every_program_page(client, world):
    with_objects, _, _ = visits(world)
    before = snapshot()
    client.force_login(world.stranger)
    wrong = []
    for name, path in with_objects:
        for method in ("GET", "POST"):
            status = answer(client, method, path)
            if status == 405 and refused_alike(client, method, name, path):
                continue
            if status != 404:
                wrong.append(f"{method} {name}: {status}")
    assert not wrong, "\n".join(wrong)
    assert client.get(reverse("programs:create")).status_code == 404
    assert snapshot() == before


# --- Who may see an open program ---------------------------------------------------------
