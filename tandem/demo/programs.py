"""Demo programs: the demo manager runs a 1:1 program of a few hundred people with a year of
history behind its newest round (program_history.py), and coffee rounds with two past cycles
(the second one this fortnight's).

Everything goes through the programs services, so the demo shows what a manager's own clicks
would have made: a program, its intake question, participants with answers, rounds run by the
engine and published with their notices, and some coffee feedback.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from tandem.accounts.models import User
from tandem.demo.logins import NAMED_PEOPLE
from tandem.demo.program_history import program_history_write
from tandem.organizations.models import Membership, Organization
from tandem.organizations.roles import role_grant
from tandem.profiles.models import Profile
from tandem.programs.models import Match, MatchFeedback, Participant, Program, Question, Round
from tandem.programs.rounds.publish import round_publish
from tandem.programs.rounds.run import round_run, round_start
from tandem.programs.services.participants import participant_add
from tandem.programs.services.programs import program_create
from tandem.programs.services.questions import question_add

ORGANIZATION = "Eastmoor University"
MENTORING_SLUG = "eastmoor-alumni-mentoring"
COFFEE_SLUG = "eastmoor-coffee-rounds"
MENTORS, MENTEES, COFFEE_PEOPLE = 90, 210, 120
HELP_WITH = ["Choosing a direction", "Landing the first role", "Growing where I am"]
CYCLE_AGO = (timedelta(days=20), timedelta(days=6))  # the two coffee cycles, oldest first


def demo_programs_write(*, profiles: list[Profile], seed: int, now: datetime) -> int:
    """Write the two demo programs if they are not there yet; how many were written."""
    if Program.objects.filter(slug__in=[MENTORING_SLUG, COFFEE_SLUG]).exists():
        return 0
    organization = Organization.objects.filter(name=ORGANIZATION).first()
    if organization is None or not profiles:
        return 0
    rng = random.Random(seed)
    _manager_grant(organization)
    named = {p.user.email: p for p in profiles if p.user.email in {n.email for n in NAMED_PEOPLE}}
    _mentoring_write(organization, profiles, named, rng, now)
    _coffee_write(organization, profiles, named, rng, now)
    return 2


def _manager_grant(organization: Organization) -> None:
    manager = User.objects.filter(
        email__in=[p.email for p in NAMED_PEOPLE if p.is_program_manager]
    ).first()
    if manager is not None:
        role_grant(
            organization=organization, user=manager, role=Membership.Role.MANAGER, actor=None
        )


def _pick(
    profiles: list[Profile], count: int, rng: random.Random, *, mentor: bool
) -> list[Profile]:
    """People of one side: half from the organization itself, the rest alumni from elsewhere."""
    side = [p for p in profiles if (p.is_mentor if mentor else p.is_mentee) and not p.is_paused]
    own = [p for p in side if p.organization is not None and p.organization.name == ORGANIZATION]
    others = [p for p in side if p not in own]
    chosen = own[: count // 2]
    return chosen + rng.sample(others, min(count - len(chosen), len(others)))


def _mentoring_write(
    organization: Organization, profiles: list[Profile], named: dict[str, Profile],
    rng: random.Random, now: datetime,
) -> None:  # fmt: skip
    started = now - timedelta(days=30)
    program = program_create(
        organization=organization, actor=None, slug=MENTORING_SLUG,
        name="Eastmoor alumni mentoring",
        description=(
            "Students and recent graduates of Eastmoor meet alumni a few steps ahead of them. "
            "Tell us what you'd like help with; we pair you with someone who has been there, "
            "you both confirm, and you meet about once a month for six months."
        ),
        kind=Program.Kind.MENTORING, enrollment=Program.Enrollment.APPLY,
        publish_as=Program.Publish.CONFIRM, starts_on=started.date(),
        ends_on=(started + timedelta(days=200)).date(), mentor_capacity=2,
    )  # fmt: skip
    question = question_add(
        program=program, text="What would you most like help with?",
        kind=Question.Kind.SINGLE, choices=HELP_WITH, matching=Question.Matching.SAME,
        required=True,
    )  # fmt: skip
    mentors = _pick(profiles, MENTORS, rng, mentor=True)
    mentees = [p for p in _pick(profiles, MENTEES, rng, mentor=False) if p not in mentors]
    # The demo mentee and mentor take part, so their logins show a match to confirm.
    mentees += [named[e] for e in ("mentee@demo.tandem.example",) if e in named]
    mentors += [named[e] for e in ("mentor@demo.tandem.example",) if e in named]
    for role, people in (("mentor", mentors), ("mentee", mentees)):
        for profile in dict.fromkeys(people):
            participant_add(
                program=program, profile=profile, role=role,
                answers={str(question.pk): rng.choice(HELP_WITH)},
            )  # fmt: skip
    _round_publish(program, now - timedelta(days=10))
    program_history_write(program=program, question=question, profiles=profiles, now=now)


def _coffee_write(
    organization: Organization, profiles: list[Profile], named: dict[str, Profile],
    rng: random.Random, now: datetime,
) -> None:  # fmt: skip
    program = program_create(
        organization=organization, actor=None, slug=COFFEE_SLUG, name="Eastmoor coffee rounds",
        description=(
            "Every two weeks you're introduced to someone new from across Eastmoor for a "
            "30-minute coffee, in person or on a call. No agenda needed: say what you work on "
            "and what you're curious about. Skip a cycle whenever you like."
        ),
        kind=Program.Kind.COFFEE, enrollment=Program.Enrollment.OPEN,
        cycle=Program.Cycle.TWO_WEEKS, coffee_minutes=30,
        starts_on=(now - CYCLE_AGO[0]).date(),
    )  # fmt: skip
    people = rng.sample(profiles, min(COFFEE_PEOPLE, len(profiles)))
    people += [named[email] for email in sorted(named) if "staff@" not in email]
    for profile in dict.fromkeys(people):
        participant_add(program=program, profile=profile, role=Participant.Role.PEER)
    first = _round_publish(program, now - CYCLE_AGO[0])
    _feedback_write(first, rng, share=0.7)
    second = _round_publish(program, now - CYCLE_AGO[1])
    _feedback_write(second, rng, share=0.2)


def _round_publish(program: Program, at: datetime) -> Round:
    """Run a round the way the job does, then publish it, both at `at`."""
    round_ = round_start(program=program, actor=None, now=at, enqueue=False)
    round_ = round_run(round_.pk, now=at)
    round_publish(program=program, round_=round_, actor=None, now=at)
    return round_


def _feedback_write(round_: Round, rng: random.Random, *, share: float) -> None:
    """Some people say how their chat went: most met and liked it, a few did not meet."""
    rows = []
    for match in Match.objects.filter(round=round_).order_by("id"):
        for author in (match.first_id, match.second_id):
            if rng.random() >= share:
                continue
            met = rng.random() < 0.85
            rows.append(
                MatchFeedback(
                    match=match, author_id=author, met=met,
                    rating=rng.choice((3, 4, 4, 5, 5)) if met else None,
                    meet_again=met and rng.random() < 0.25,
                )
            )  # fmt: skip
    MatchFeedback.objects.bulk_create(rows)
