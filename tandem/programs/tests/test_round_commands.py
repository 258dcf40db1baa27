"""`tandem programs match` and `tandem programs publish`: the JSON a script reads, and exit 2
with one line per problem (no traceback) when they cannot."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from tandem.programs.models import Match, Program, Round
from tandem.programs.tests.factories import ProgramFactory
from tandem.programs.tests.round_world import person

pytestmark = pytest.mark.django_db

QUALITY = {
    "mentees", "mentees_matched", "matched_percent", "pairs", "mean_score", "min_score",
    "p10_score", "blocking_pairs", "mentor_load_percent", "unused_mentor_places",
    "mentors_without_mentee", "score_by_group", "matched_percent_by_group", "seconds",
}  # fmt: skip


def _call(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("programs", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_match_prints_the_draft_as_json_and_publish_publishes_it() -> None:
    program = ProgramFactory(slug="acme-mentoring")
    for i in range(3):
        person(program, email=f"mentee{i}@acme.test")
    person(program, "mentor", email="max@acme.test", capacity=2)
    code, out, err = _call("match", "acme-mentoring", "--mode", "stable", "--json")
    assert (code, err) == (0, "")
    body = json.loads(out)
    assert set(body) == {"round", "pairs", "quality"}  # exactly the documented shape
    round_ = Round.objects.get(pk=body["round"])
    assert (round_.state, round_.mode) == (Round.State.DRAFT, "stable")
    assert len(body["pairs"]) == 2
    for mentee, mentor, score in body["pairs"]:
        assert mentee.startswith("mentee")
        assert mentor == "max@acme.test"
        assert 0 <= score <= 100
    assert set(body["quality"]) >= QUALITY
    assert body["quality"]["pairs"] == 2
    code, out, err = _call("publish", "acme-mentoring", str(body["round"]))
    assert code == 0
    assert "2 pairs introduced" in out
    assert Match.objects.filter(round=round_).count() == 2


def test_pools_print_two_participants_per_pair() -> None:
    program = ProgramFactory(slug="acme-coffee", kind=Program.Kind.COFFEE)
    emails = {f"p{i}@acme.test" for i in range(4)}
    for email in sorted(emails):
        person(program, email=email)
    code, out, _ = _call("match", "acme-coffee", "--json")
    body = json.loads(out)
    assert code == 0
    assert len(body["pairs"]) == 2
    assert {e for first, second, _ in body["pairs"] for e in (first, second)} == emails
    assert body["quality"]["people"] == 4


def test_match_refuses_with_exit_2() -> None:
    ProgramFactory(slug="acme")
    assert _call("match", "nope", "--json") == (
        2, "", "no program 'nope'; `tandem programs create` makes one\n",
    )  # fmt: skip
    code, out, err = _call("match", "acme", "--mode", "greedy", "--json")
    assert (code, out) == (2, "")
    assert err == "--mode: choose one of optimal, stable, max-matched\n"
    assert not Round.objects.exists()


def test_publish_refuses_with_exit_2() -> None:
    program = ProgramFactory(slug="acme")
    other = ProgramFactory(slug="other")
    foreign = Round.objects.create(program=other, number=1, state=Round.State.DRAFT)
    published = Round.objects.create(program=program, number=1, state=Round.State.PUBLISHED)
    assert _call("publish", "nope", "1")[0] == 2
    for wanted in ("999", "x", str(foreign.pk)):
        code, out, err = _call("publish", "acme", wanted)
        assert (code, out) == (2, ""), wanted
        assert err.startswith(f"no round '{wanted}' in acme"), wanted
    code, _, err = _call("publish", "acme", str(published.pk))
    assert code == 2
    assert err == f"round {published.pk} is published; only a draft can be published\n"
    empty = Round.objects.create(program=program, number=2, state=Round.State.DRAFT)
    code, _, err = _call("publish", "acme", str(empty.pk))
    assert code == 2
    assert err.count("\n") == 1
    assert "no pairs" in err
