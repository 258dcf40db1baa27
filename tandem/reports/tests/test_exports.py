"""The four CSV exports (participants, matches, meetings, outcomes): their header and rows on a
small program, the dashboard's filters, who may download them, and what they never hold.

The world: a mentoring program seen over October and November 2026. Pair A (a mentee from
Sales) was matched on 10 October and confirmed the next day; pair B (a mentee from Finance)
on 10 September, before the range. A third mentee has no pair and a name a spreadsheet would
run as a formula; an applicant waiting for approval took no part. Pair A agreed two goals in
October, met twice in the range (held, then missed) and once before it; pair B met once in
the range. The meetings carry a private note, a shared note, a thank-you and feedback, whose
words must not reach any export.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.accounts.tests.factories import UserFactory
from tandem.meetings.models import ActionItem
from tandem.meetings.services.follow_through import (
    action_item_add,
    action_item_update,
    meeting_feedback_give,
    note_add,
    thank_you_give,
)
from tandem.meetings.tests.factories import backdate, meeting_row
from tandem.mentorships.models import Goal, Mentorship
from tandem.mentorships.services.agreements import agreement_accept, agreement_propose
from tandem.mentorships.services.goals import goal_update, learning_goal_add
from tandem.mentorships.services.mentorships import mentorship_intro_held
from tandem.profiles.tests.factories import ProfileFactory
from tandem.programs.models import Match, Participant, Program
from tandem.programs.services.enrollment import coffee_opt
from tandem.programs.tests.factories import ParticipantFactory, ProgramFactory, manager_of
from tandem.reports.tests.world import Pair, joined, program_pair

pytestmark = pytest.mark.django_db

PRIVATE = "Program for exports"
RANGE = {"from": "2026-10-01", "to": "2026-11-30"}
SECRETS = (
    "PRIVATE NOTE TEXT", "SHARED NOTE TEXT", "THANK YOU TEXT", "HELPED TEXT", "BETTER TEXT",
    "APPRECIATED TEXT", "OUTCOME TEXT", "GOAL UPDATE TEXT",
)  # fmt: skip
FORMULA = '=HYPERLINK("http://evil.example","Click")'
WHAT = ("participants", "matches", "meetings", "outcomes")


def at(month: int, day: int, hour: int = 9) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


@dataclass(frozen=True)
class World:
    program: Program
    a: Pair
    b: Pair
    loner: Participant
    manager: Any


def _agreed(pair: Pair, *, on: datetime) -> Mentorship:
    """The intro held and terms with two goals agreed on `on` (the goals dated then)."""
    mentorship = pair.mentorship
    assert mentorship is not None
    mentorship_intro_held(mentorship=mentorship, now=on)
    agreement_propose(
        mentorship=mentorship, actor=mentorship.mentee.user, now=on,
        goals=["Lead a project", "Give feedback that lands"], cadence="1m",
        meeting_minutes=45, term_months=12,
    )  # fmt: skip
    agreement_accept(mentorship=mentorship, actor=mentorship.mentor.user, now=on)
    for goal in mentorship.goals.all():
        backdate(goal, on)
    mentorship.refresh_from_db()
    return mentorship


def _follow_through(mentorship: Mentorship) -> None:
    """Pair A's meetings and everything people wrote about them."""
    held = meeting_row(mentorship, "held", at(10, 20))
    meeting_row(mentorship, "no_show", at(10, 27))
    meeting_row(mentorship, "held", at(9, 20))  # before the range
    mentee, mentor = mentorship.mentee.user, mentorship.mentor.user
    when = at(10, 20, 12)
    note_add(meeting=held, actor=mentee, text=SECRETS[0], is_private=True, now=when)
    note_add(meeting=held, actor=mentor, text=SECRETS[1], is_private=False, now=when)
    thank_you_give(meeting=held, actor=mentee, text=SECRETS[2], now=when)
    meeting_feedback_give(
        meeting=held, actor=mentee, rating=5, now=when, helped=SECRETS[3], better=SECRETS[4],
        appreciated=SECRETS[5],
    )  # fmt: skip
    items = [
        action_item_add(meeting=held, actor=mentee, text=f"Try {n}", owner="mentee", now=when)
        for n in range(4)
    ]
    for item, status in zip(items, ("done", "tried", "dropped"), strict=False):
        action_item_update(item=item, actor=mentee, status=status, now=when, outcome=SECRETS[6])
    for item in items:
        backdate(item, when)
    goal = mentorship.goals.filter(is_learning_goal=False).first()
    assert goal is not None
    goal_update(goal=goal, actor=mentee, status="achieved", now=when, text=SECRETS[7])
    learning = learning_goal_add(mentorship=mentorship, actor=mentor, text="Listen more")
    backdate(learning, when)


@pytest.fixture
def world() -> World:
    program = ProgramFactory(name=PRIVATE)
    a = program_pair(
        program, at=at(10, 10), confirmed_at=at(10, 11),
        mentee=joined(program, at=at(10, 5), department="Sales"),
    )  # fmt: skip
    Match.objects.filter(pk=a.match.pk).update(
        reasons=["shares your goal of leading", {"first": "knows Python", "second": "wants it"}]
    )
    b = program_pair(
        program, at=at(9, 10), confirmed_at=at(9, 11),
        mentee=joined(program, at=at(9, 5), department="Finance"),
    )  # fmt: skip
    user = UserFactory(first_name=FORMULA, last_name="")
    profile = ProfileFactory(user=user, organization=program.organization)
    loner = joined(program, at=at(10, 6), profile=profile)
    joined(program, at=at(10, 7), state=Participant.State.APPLIED)
    _follow_through(_agreed(a, on=at(10, 15)))
    assert b.mentorship is not None
    meeting_row(b.mentorship, "held", at(11, 3))
    return World(program, a, b, loner, manager_of(program.organization))


def _get(user: Any, program: Program, what: str, params: dict[str, str]) -> Any:
    client = Client()
    if user is not None:
        client.force_login(user)
    url = reverse("reports:export", kwargs={"slug": program.slug, "what": what})
    return client.get(url, params)


def _rows(world: World, what: str, **params: str) -> list[list[str]]:
    response = _get(world.manager, world.program, what, RANGE | params)
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def _name(place: Participant) -> str:
    return place.profile.user.display_name


# --- Each export: header and rows ------------------------------------------------------------


def test_participants_lists_everyone_who_took_part_whatever_the_range(world: World) -> None:
    header, *rows = _rows(world, "participants")
    assert header == [
        "Name", "Email", "Role", "State", "Department", "Enrolled on", "Opted in (coffee)",
        "Capacity",
    ]  # fmt: skip
    assert len(rows) == 5  # two pairs and the loner; not the applicant
    by_email = {row[1]: row for row in rows}
    mentee = world.a.mentee
    assert by_email[mentee.profile.user.email] == [
        _name(mentee), mentee.profile.user.email, "Mentee", "Taking part", "Sales", "2026-10-05",
        "", "1",
    ]  # fmt: skip
    assert by_email[world.b.mentee.profile.user.email][5] == "2026-09-05"  # before the range
    assert by_email[world.a.mentor.profile.user.email][2] == "Mentor"


def test_matches_lists_the_pairs_published_in_the_range(world: World) -> None:
    header, *rows = _rows(world, "matches")
    assert header == [
        "Round", "Published on", "Mentee", "Mentor", "Score", "Reasons", "Match state",
        "Mentee confirmed on", "Mentor confirmed on", "Mentorship state",
    ]  # fmt: skip
    assert len(rows) == 1  # pair B was published in September
    match = world.a.match
    assert rows[0] == [
        str(match.round.number), "2026-10-10", _name(world.a.mentee), _name(world.a.mentor),
        f"{match.score:g}", "Shares your goal of leading; Knows Python", "Confirmed",
        "2026-10-11", "2026-10-11", "Active",
    ]  # fmt: skip
    everything = _rows(world, "matches", **{"from": "2026-09-01"})
    assert len(everything) - 1 == 2


def test_meetings_lists_the_meetings_that_start_in_the_range(world: World) -> None:
    header, *rows = _rows(world, "meetings")
    assert header == ["Mentee", "Mentor", "Starts at (UTC)", "Minutes", "State"]
    assert rows == [
        [_name(world.a.mentee), _name(world.a.mentor), "2026-10-20T09:00:00+00:00", "45", "Held"],
        [_name(world.a.mentee), _name(world.a.mentor), "2026-10-27T09:00:00+00:00", "45",
         "Missed"],
        [_name(world.b.mentee), _name(world.b.mentor), "2026-11-03T09:00:00+00:00", "45", "Held"],
    ]  # fmt: skip


def test_outcomes_has_one_row_per_pair_with_counts_of_what_happened_in_the_range(
    world: World,
) -> None:
    header, *rows = _rows(world, "outcomes")
    assert header == [
        "Mentee", "Mentor", "Mentorship state", "Meetings held", "Goals set", "Goals achieved",
        "Action items done", "Action items tried", "Action items dropped", "Action items open",
    ]  # fmt: skip
    by_mentee = {row[0]: row[1:] for row in rows}
    assert len(rows) == 2
    # Pair A: one meeting held in the range (the other missed, one before it), the two agreed
    # goals (not the mentor's learning goal), one achieved, and four action items.
    assert by_mentee[_name(world.a.mentee)] == [
        _name(world.a.mentor), "Active", "1", "2", "1", "1", "1", "1", "1",
    ]  # fmt: skip
    assert by_mentee[_name(world.b.mentee)] == [
        _name(world.b.mentor), "Intro", "1", "0", "0", "0", "0", "0", "0",
    ]  # fmt: skip
    before = _rows(world, "outcomes", **{"from": "2026-09-01", "to": "2026-09-30"})
    assert {row[0]: row[3] for row in before[1:]} == {
        _name(world.a.mentee): "1", _name(world.b.mentee): "0",
    }  # fmt: skip


def test_outcomes_is_one_query_however_many_pairs(world: World) -> None:
    def queries() -> int:
        response = _get(world.manager, world.program, "outcomes", RANGE)
        with CaptureQueriesContext(connection) as captured:
            b"".join(response.streaming_content)
        return len(captured)

    few = queries()
    for day in range(12, 16):
        program_pair(world.program, at=at(10, day), confirmed_at=at(10, day + 1))
    assert queries() == few == 1


# --- The dashboard's filters -----------------------------------------------------------------


def test_the_people_filters_choose_the_people_and_their_pairs(world: World) -> None:
    sales = {"department": "Sales"}
    people = _rows(world, "participants", **sales)[1:]
    assert [row[1] for row in people] == [world.a.mentee.profile.user.email]
    assert len(_rows(world, "matches", **sales)) - 1 == 1
    meetings = _rows(world, "meetings", **sales)[1:]
    assert {row[0] for row in meetings} == {_name(world.a.mentee)}
    assert [row[0] for row in _rows(world, "outcomes", **sales)[1:]] == [_name(world.a.mentee)]
    mentors = _rows(world, "participants", role="mentor")[1:]
    assert {row[2] for row in mentors} == {"Mentor"}
    assert len(mentors) == 2
    september = {"cohort": "2026-09"}
    assert [row[0] for row in _rows(world, "outcomes", **september)[1:]] == [_name(world.b.mentee)]
    assert len(_rows(world, "matches", **september)) == 1  # pair B is outside the range


def test_a_pool_program_names_its_sides_first_and_second_and_says_whether_they_opted_in() -> None:
    program = ProgramFactory(kind=Program.Kind.COFFEE)
    first = joined(program, at=at(10, 2), role="peer")
    second = joined(program, at=at(10, 2), role="peer")
    coffee_opt(program=program, user=second.profile.user, opted_in=False, now=at(10, 3))
    program_pair(program, at=at(10, 10), mentee=first, mentor=second)
    manager = manager_of(program.organization)
    response = _get(manager, program, "matches", RANGE)
    header = next(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert header[2:4] == ["First person", "Second person"]
    text = b"".join(_get(manager, program, "participants", RANGE).streaming_content).decode()
    opted = {row[1]: row[6] for row in list(csv.reader(io.StringIO(text)))[1:]}
    assert opted == {first.profile.user.email: "yes", second.profile.user.email: "no"}


# --- Safety: formulas and private words ------------------------------------------------------


def test_a_cell_a_spreadsheet_would_run_is_neutralised(world: World) -> None:
    rows = _rows(world, "participants")
    names = [row[0] for row in rows]
    assert "'" + FORMULA in names
    assert FORMULA not in names


def test_no_export_holds_notes_feedback_or_anything_people_wrote(world: World) -> None:
    for what in WHAT:
        response = _get(world.manager, world.program, what, RANGE | {"from": "2026-01-01"})
        text = b"".join(response.streaming_content).decode()
        assert text.count("\n") > 1, what  # the world's rows are there
        for secret in SECRETS:
            assert secret not in text, (what, secret)
        for goal in Goal.objects.all():
            assert goal.text not in text, (what, goal.text)
        for item in ActionItem.objects.all():
            assert item.text not in text, (what, item.text)


# --- Who may download ------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in() -> None:
    program = ProgramFactory(name=PRIVATE)
    for what in WHAT:
        response = _get(None, program, what, {})
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_participants_other_managers_and_strangers_get_a_404_that_names_nothing() -> None:
    program = ProgramFactory(name=PRIVATE)
    participant = ParticipantFactory(program=program)
    elsewhere = manager_of(ProgramFactory().organization)
    for user in (participant.profile.user, elsewhere, UserFactory()):
        for what in WHAT:
            response = _get(user, program, what, {})
            assert response.status_code == 404, (user, what)
            assert not isinstance(response, StreamingHttpResponse)
            assert PRIVATE.encode() not in response.content


def test_managers_and_staff_download_and_an_unknown_export_is_a_404() -> None:
    program = ProgramFactory(name=PRIVATE)
    for user in (manager_of(program.organization), UserFactory(is_staff=True)):
        for what in WHAT:
            response = _get(user, program, what, {})
            assert response.status_code == 200, what
            assert isinstance(response, StreamingHttpResponse)
            assert f'filename="{program.slug}-{what}' in response["Content-Disposition"]
        assert _get(user, program, "notes", {}).status_code == 404


def test_the_dashboard_links_each_export_with_its_filters(world: World) -> None:
    client = Client()
    client.force_login(world.manager)
    url = reverse("reports:dashboard", kwargs={"slug": world.program.slug})
    text = client.get(url, RANGE | {"department": "Sales"}).content.decode()
    query = "from=2026-10-01&amp;to=2026-11-30&amp;department=Sales"
    for what in WHAT:
        link = reverse("reports:export", kwargs={"slug": world.program.slug, "what": what})
        assert f"{link}?{query}" in text
    funnel = reverse("reports:chart_csv", kwargs={"slug": world.program.slug, "key": "funnel"})
    assert f"{funnel}?{query}" in text
