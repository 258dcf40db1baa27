"""A check is its owner's alone: no page of the site shows its answers, scores or
suggestions to anyone else (the mentor, a program's managers, staff in the admin), and the
only thing that leaves it is a question the owner puts on an agenda. The owner can download
all of it."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.growth.stuck.models import StuckCheck
from tandem.growth.stuck.questionnaire import CAUSES, SUGGESTION_BY_KEY, VERY_MUCH
from tandem.growth.stuck.selectors import export_for
from tandem.growth.stuck.services import stuck_suggestion_ask, stuck_suggestion_goal
from tandem.growth.stuck.tests.factories import StuckCheckFactory, answers
from tests.security.checks import client_for, send
from tests.security.routes import path_of, route_for, site_patterns
from tests.security.world import MANAGER, MENTEE, MENTOR, OTHER_MANAGER, STAFF, STRANGER

pytestmark = pytest.mark.django_db
SHARED = SUGGESTION_BY_KEY["tools_hour"][1].question
# What a check holds, in the words pages would show it with: statements, causes, the kind
# words about each, every suggestion's goal, and the questions the owner did not share.
PRIVATE = [
    *(s.text for cause in CAUSES for s in cause.statements),
    *(cause.title for cause in CAUSES),
    *(cause.about for cause in CAUSES),
    *(s.goal for cause in CAUSES for s in cause.suggestions),
    *(s.question for cause in CAUSES for s in cause.suggestions if s.question != SHARED),
]
OWN_PAGES = "growth:growth_stuck:"  # each viewer's own questionnaire and history


def _shown(body: str) -> list[str]:
    return [text for text in PRIVATE if text in body or html.escape(text) in body]


@pytest.fixture
def world(db):
    from tests.security.world import build_world

    built = build_world()
    owner, now = built.users[MENTEE], timezone.now()
    check = StuckCheckFactory(owner=owner, answers=answers(VERY_MUCH), now=now)
    stuck_suggestion_ask(
        owner=owner, check_id=check.pk, suggestion="tools_hour",
        mentorship_id=built.ids["mentorship_id"], now=now,
    )  # fmt: skip
    stuck_suggestion_goal(owner=owner, check_id=check.pk, suggestion="bored_stretch", now=now)
    built.ids["check"] = check
    return built


class TestNobodyElseSeesACheck:
    @pytest.mark.parametrize("role", [MENTOR, MANAGER, STAFF, OTHER_MANAGER, STRANGER])
    def test_no_page_anyone_else_may_open_shows_any_of_it(self, world, role):
        client = client_for(world, role)
        check_url = world.ids["check"].get_absolute_url()
        opened, leaks = 0, []
        for pattern in site_patterns():
            route = route_for(pattern)
            if pattern.is_admin or route is None or route.post_only or role not in route.who:
                continue
            response = send(client, "GET", path_of(pattern, world))
            if response.status_code != 200 or response.streaming:
                continue
            opened += 1
            body = response.content.decode(errors="replace")
            if pattern.key.startswith(OWN_PAGES):
                # The viewer's own questionnaire and history show the statements and causes
                # to everyone; they must not lead to the mentee's check.
                shown = [link for link in [check_url] if link in body]
            else:
                shown = _shown(body)
            if shown:
                leaks.append(f"{pattern.key}: {shown[:2]}")
        assert opened > 5
        assert not leaks, "\n".join(leaks)

    def test_the_mentor_sees_the_shared_question_on_the_meeting_and_nothing_more(self, world):
        client = client_for(world, MENTOR)
        meeting = reverse("meetings:detail", args=[world.ids["meeting_id"]])
        body = send(client, "GET", meeting).content.decode()
        assert SHARED in body or html.escape(SHARED) in body
        assert not _shown(body)
        check = world.ids["check"]
        assert send(client, "GET", check.get_absolute_url()).status_code == 404

    def test_the_admin_shows_staff_that_a_check_exists_and_nothing_of_it(self, world):
        client = client_for(world, STAFF)
        check = world.ids["check"]
        pages = [
            reverse("admin:growth_stuck_stuckcheck_changelist"),
            reverse("admin:growth_stuck_stuckcheck_change", args=[check.pk]),
            reverse("admin:growth_stuck_stuckstep_changelist"),
            reverse("admin:growth_stuck_stuckstep_change", args=[check.steps.first().pk]),
        ]
        for page in pages:
            response = send(client, "GET", page)
            body = response.content.decode()
            assert response.status_code == 200, page
            assert not _shown(body), page
            for key in ("bored_sleep", "falling_behind", "tools_hour", '"bored": 100'):
                assert key not in body, (page, key)

    def test_searching_the_admin_by_a_statement_finds_nothing(self, world):
        client = client_for(world, STAFF)
        url = reverse("admin:growth_stuck_stuckcheck_changelist")
        response = send(client, "GET", url, {"q": "bored_sleep"})
        assert response.context["cl"].result_count == 0


class TestTheOwnersDownload:
    def test_holds_every_check_with_its_answers_scores_and_what_was_taken(self, user, now):
        check = StuckCheckFactory(owner=user, now=now)
        stuck_suggestion_goal(owner=user, check_id=check.pk, suggestion="tools_hour", now=now)
        StuckCheckFactory(now=now)  # someone else's
        data = export_for(user)
        (exported,) = data["stuck_checks"]
        assert exported["taken_at"] == now
        assert {"statement": "I could do most of my job half asleep.", "answer": "Not me"} in (
            exported["answers"]
        )
        assert len(exported["answers"]) == 21
        assert exported["scores"]["Falling behind on tools"] == 100
        assert exported["suggestions_taken"] == [
            {
                "suggestion": SUGGESTION_BY_KEY["tools_hour"][1].goal,
                "as": "Made a goal",
                "taken_at": now,
            }
        ]

    def test_is_empty_for_someone_without_checks(self, user):
        assert export_for(user) == {"stuck_checks": []}
        assert not StuckCheck.objects.exists()
