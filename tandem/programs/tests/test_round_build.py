"""The candidate graph of a round: each hard rule keeps out what it should, intake answers move
scores, reverse programs put the junior side in the mentor's seat."""

from __future__ import annotations

from functools import partial

import pytest

from tandem.mentorships.tests.factories import IntroFactory
from tandem.profiles.tests.factories import ProfileFactory, offer, speak
from tandem.programs.models import PairRule, Program, Question
from tandem.programs.rounds import build
from tandem.programs.tests.factories import ProgramFactory
from tandem.programs.tests.round_world import candidates, person, run

pytestmark = pytest.mark.django_db


def _allowed(program, now, mentee, *mentors):
    found = candidates(program, now)
    return [(mentee.pk, m.pk) in found for m in mentors]


def test_outside_the_department_keeps_a_mentee_from_their_own_department(now) -> None:
    program = ProgramFactory(rule_outside_department=True)
    mentee = person(program, department="Sales")
    same = person(program, "mentor", department=" sales ")
    other = person(program, "mentor", department="Engineering")
    unknown = person(program, "mentor")
    assert _allowed(program, now, mentee, same, other, unknown) == [False, True, True]
    Program.objects.filter(pk=program.pk).update(rule_outside_department=False)
    program.refresh_from_db()
    assert _allowed(program, now, mentee, same, other, unknown) == [True, True, True]


def test_the_reporting_line_keeps_out_managers_up_the_chain_and_reports(now) -> None:
    program = ProgramFactory()  # on by default
    boss = person(program, "mentor", email="boss@acme.test")
    # The mentee's manager is not in the program; their manager (the boss) is.
    ProfileFactory(user__email="middle@acme.test", manager_email="Boss@acme.test")
    mentee = person(program, email="ann@acme.test", manager_email="middle@acme.test")
    report = person(program, "mentor", manager_email="ann@acme.test")
    stranger = person(program, "mentor")
    assert _allowed(program, now, mentee, boss, report, stranger) == [False, False, True]
    Program.objects.filter(pk=program.pk).update(rule_outside_reporting_line=False)
    program.refresh_from_db()
    assert _allowed(program, now, mentee, boss, report, stranger) == [True, True, True]


def test_the_largest_timezone_gap(now) -> None:
    program = ProgramFactory(rule_max_timezone_gap=3)
    mentee = person(program, timezone="Europe/London")
    berlin = person(program, "mentor", timezone="Europe/Berlin")
    new_york = person(program, "mentor", timezone="America/New_York")
    assert _allowed(program, now, mentee, berlin, new_york) == [True, False]


def test_a_shared_language_when_both_gave_languages(now) -> None:
    program = ProgramFactory()
    mentee = person(program)
    speak(mentee.profile, "fr")
    german = person(program, "mentor")
    speak(german.profile, "de")
    french = person(program, "mentor")
    speak(french.profile, "fr", "en")
    silent = person(program, "mentor")
    assert _allowed(program, now, mentee, german, french, silent) == [False, True, True]
    Program.objects.filter(pk=program.pk).update(rule_shared_language=False)
    program.refresh_from_db()
    assert _allowed(program, now, mentee, german, french, silent) == [True, True, True]


def test_the_smallest_level_gap(now) -> None:
    program = ProgramFactory(rule_min_level_gap=2)
    mentee = person(program, level=3)
    near = person(program, "mentor", level=4)
    far = person(program, "mentor", level=5)
    below = person(program, "mentor", level=2)
    assert _allowed(program, now, mentee, near, far, below) == [False, True, False]


def test_reverse_programs_seat_the_junior_side_as_mentor(now) -> None:
    program = ProgramFactory(kind=Program.Kind.REVERSE)
    executive = person(program, level=8)
    junior = person(program, "mentor", level=3)
    senior = person(program, "mentor", level=9)
    peer = person(program, "mentor", level=8)
    assert _allowed(program, now, executive, junior, senior, peer) == [True, False, False]
    round_ = run(program, now)
    (pair,) = round_.pairs.all()
    assert (pair.first_id, pair.second_id) == (executive.pk, junior.pk)
    assert "5 levels earlier in their career than you, with a fresh view" in pair.reasons


def test_live_mentorships_and_forbidden_pairs_stay_out(now) -> None:
    program = ProgramFactory()
    mentee = person(program)
    together = person(program, "mentor")
    forbidden = person(program, "mentor")
    free = person(program, "mentor")
    IntroFactory(mentee=mentee.profile, mentor=together.profile, now=now)
    PairRule.objects.create(program=program, first=mentee, second=forbidden, kind="forbid")
    assert _allowed(program, now, mentee, together, forbidden, free) == [False, False, True]


def test_someone_on_both_sides_is_never_their_own_mentor(now) -> None:
    program = ProgramFactory()
    both = person(program, "both")
    other = person(program, "mentor")
    found = candidates(program, now)
    assert (both.pk, both.pk) not in found
    assert (both.pk, other.pk) in found


@pytest.mark.parametrize(("matching", "closer"), [("same", "alike"), ("different", "unlike")])
def test_answers_that_feed_matching_move_the_score(now, matching, closer) -> None:
    program = ProgramFactory()
    question = Question.objects.create(
        program=program, text="Working style?", kind="single", choices=["Early", "Late"],
        matching=matching,
    )  # fmt: skip
    key = str(question.pk)
    mentee = person(program, answers={key: "Early"})
    alike = person(program, "mentor", answers={key: "Early"})
    unlike = person(program, "mentor", answers={key: "Late"})
    silent = person(program, "mentor")
    scores = candidates(program, now)
    by_name = {
        "alike": scores[(mentee.pk, alike.pk)],
        "unlike": scores[(mentee.pk, unlike.pk)],
        "silent": scores[(mentee.pk, silent.pk)],
    }
    other = "unlike" if closer == "alike" else "alike"
    assert by_name[closer] - by_name[other] == pytest.approx(build.ANSWER_POINTS, abs=0.01)
    assert by_name[other] == pytest.approx(by_name["silent"], abs=0.01)


def test_a_mentee_whose_best_mentors_break_a_rule_still_gets_candidates(now, monkeypatch) -> None:
    """The engine's short list holds only mentors the rules then drop: the top-up scores the
    mentee against every mentor and finds the ones allowed. (No mentor gets a short list of
    their own here, which would find the mentee from the other side.)"""
    monkeypatch.setattr(build, "K_STRICT", 1)
    monkeypatch.setattr(build, "candidate_pairs", partial(build.candidate_pairs, k_mentor=0))
    program = ProgramFactory(rule_outside_department=True)
    mentee = person(program, department="Data")
    mentee.profile.skills_wanted.add(*_skills("python", "sql"))
    colleagues = [person(program, "mentor", department="Data") for _ in range(4)]
    for colleague in colleagues:
        offer(colleague.profile, "python")
        offer(colleague.profile, "sql")
    outsider = person(program, "mentor", department="Finance")
    monkeypatch.setattr(build, "TOP_UP_BELOW", 0)
    assert (mentee.pk, outsider.pk) not in candidates(program, now)  # the short list alone
    monkeypatch.setattr(build, "TOP_UP_BELOW", 5)
    found = candidates(program, now)
    assert (mentee.pk, outsider.pk) in found
    assert not any((mentee.pk, c.pk) in found for c in colleagues)


def _skills(*slugs):
    from tandem.skills.models import Skill

    return list(Skill.objects.filter(slug__in=slugs))
