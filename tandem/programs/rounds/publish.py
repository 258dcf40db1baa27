"""Publishing a draft, or discarding it.

Publishing is one transaction: every pair becomes a `Match`, and
* 1:1 programs that publish accepted intros (`Program.Publish.ACCEPTED`) arrange the intro at
  once (`mentorships.services.arranged.intro_arrange`: an accepted ask and a mentorship in
  `intro`, with the program's agreement terms suggested, and its own notice to both), the
  match confirmed;
* 1:1 programs that want both to confirm, and peer and coffee rounds, propose the match, and
  both people get a PROGRAM_MATCH notice linking to it.
Anything that stops one pair (someone left the program, a block made since the draft, a mentor
now without a free place, a live mentorship already) stops them all, with a message naming the
pair; nothing is written.
Locks are used up by a publish or a discard; forbids last.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction

from tandem.core.errors import DomainError, NotFound, RuleBroken
from tandem.mentorships.services.arranged import Arranged, intros_arrange
from tandem.moderation.blocks import blocks_among
from tandem.notifications.kinds import Kind
from tandem.notifications.services import Notice, notify_many
from tandem.programs.models import Match, PairRule, Participant, Program, Round, RoundPair

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

S = Round.State
REASONS_IN_NOTE = 3


def _locked(program: Program, round_: Round) -> Round:
    locked = (
        Round.objects.select_for_update()
        .select_related("program")
        .filter(pk=round_.pk, program=program)
        .first()
    )
    if locked is None:
        raise NotFound("No such round.")
    return locked


def _draft(program: Program, round_: Round, verb: str) -> Round:
    locked = _locked(program, round_)
    if locked.state != S.DRAFT:
        raise RuleBroken(
            f"Round {locked.number} is {locked.get_state_display().lower()}; only a draft can "
            f"be {verb}."
        )
    return locked


def _names(pair: RoundPair) -> str:
    return f"{pair.first.profile.user.display_name} and {pair.second.profile.user.display_name}"


def _still_in(program: Program, pairs: list[RoundPair]) -> None:
    for pair in pairs:
        for person in (pair.first, pair.second):
            gone = person.state != Participant.State.ACTIVE or (
                program.kind == Program.Kind.COFFEE and not person.opted_in
            )
            if gone:
                raise RuleBroken(
                    f"{_names(pair)}: {person.profile.user.display_name} is no longer taking "
                    "part. Nothing was published; remove or replace the pair and try again."
                )


def _not_blocked(program: Program, pairs: list[RoundPair]) -> None:
    """A block made since the draft ran stops the pair (one query for the whole round); the
    words never say who blocked whom."""
    everyone = Participant.objects.filter(program=program).values("profile__user_id")
    apart = {frozenset(pair) for pair in blocks_among(user_ids=everyone)}
    for pair in pairs:
        if frozenset((pair.first.profile.user_id, pair.second.profile.user_id)) in apart:
            raise RuleBroken(
                f"{_names(pair)} can't be matched. Nothing was published; remove or replace the "
                "pair and try again."
            )


def _places_checked(pairs: list[RoundPair]) -> None:
    """1:1 intros to confirm still hold a place each: every mentor must have them free."""
    wanted = Counter(pair.second.profile_id for pair in pairs)
    for pair in pairs:
        mentor = pair.second.profile
        if wanted[mentor.pk] > mentor.capacity - mentor.places_taken:
            raise RuleBroken(
                f"{_names(pair)}: {mentor.user.display_name} has no free mentoring place left. "
                "Nothing was published; remove or replace the pair and try again."
            )


def _note(program: Program, pair: RoundPair) -> str:
    """To the mentee: the stored reasons are written to them (`first`)."""
    reasons = "; ".join(pair.reasons[:REASONS_IN_NOTE])
    return f"{program.name} paired you" + (f": {reasons}." if reasons else ".")


def _mentor_note(program: Program) -> str:
    """To the mentor: the reasons are told to the mentee, so the mentor reads why on the
    mentorship page instead."""
    return f"{program.name} paired you with a mentee who fits what you offer."


def _arranged(
    program: Program, round_: Round, pairs: list[RoundPair], now: datetime
) -> list[Match]:
    terms = {
        "cadence": program.agreement_cadence,
        "meeting_minutes": program.agreement_minutes,
        "term_months": program.agreement_term_months,
    }
    intros = [
        Arranged(
            mentee=pair.first.profile,
            mentor=pair.second.profile,
            note=_note(program, pair),
            mentor_note=_mentor_note(program),
            suggested_terms=terms,
        )
        for pair in pairs
    ]
    try:
        mentorships = intros_arrange(intros, now=now)
    except DomainError as error:
        raise RuleBroken(
            f"{error.message} Nothing was published; remove or replace the pair and try again."
        ) from error
    matches = [
        Match(
            program=program, round=round_, first=pair.first, second=pair.second,
            score=pair.score, reasons=pair.reasons, state=Match.State.CONFIRMED,
            first_confirmed_at=now, second_confirmed_at=now, mentorship=mentorship,
        )
        for pair, mentorship in zip(pairs, mentorships, strict=True)
    ]  # fmt: skip
    return matches


def _proposal_words(
    program: Program, match: Match, mine: Participant, other: Participant
) -> tuple[str, str]:
    name = other.profile.user.display_name
    if program.kind == Program.Kind.COFFEE:
        return (
            f"Coffee with {name}",
            f"{program.name} introduces you to {name} for a {program.coffee_minutes}-minute "
            "conversation. Say hello and pick a time that suits you both.",
        )
    role = "mentor" if mine.pk == match.first_id else "mentee"
    if program.is_pool:
        role = "peer"
    # The stored reasons are told to `first`; the other reader sees theirs on the match page.
    why = "; ".join(match.reasons[:REASONS_IN_NOTE]) if mine.pk == match.first_id else ""
    return (
        f"{program.name}: meet {name}, your {role}",
        f"{program.name} suggests {name} as your {role}"
        + (f" ({why})" if why else "")
        + ". Open the match to confirm.",
    )


def _proposed_notices(program: Program, matches: list[Match]) -> list[Notice]:
    notices = []
    for match in matches:
        for mine, other in ((match.first, match.second), (match.second, match.first)):
            title, body = _proposal_words(program, match, mine, other)
            notices.append(
                Notice(
                    recipient_id=mine.profile.user_id, kind=Kind.PROGRAM_MATCH,
                    cause=f"match:{match.pk}:proposed", title=title, body=body,
                    url=match.get_absolute_url(),
                )
            )  # fmt: skip
    return notices


@transaction.atomic
def round_publish(
    *, program: Program, round_: Round, actor: User | None, now: datetime
) -> list[Match]:
    """Publish a draft of `program` (found through `access.program_managed`): all its pairs, or
    none (RuleBroken naming the pair that stopped it)."""
    locked = _draft(program, round_, "published")
    pairs = list(
        RoundPair.objects.filter(round=locked)
        .select_related("first__profile__user", "second__profile__user")
        .order_by("id")
    )
    if not pairs:
        raise RuleBroken("This draft has no pairs to publish. Run it again or discard it.")
    _still_in(program, pairs)
    _not_blocked(program, pairs)
    if not program.is_pool:
        _places_checked(pairs)
    if not program.is_pool and program.publish_as == Program.Publish.ACCEPTED:
        matches = Match.objects.bulk_create(_arranged(program, locked, pairs, now))
    else:
        matches = Match.objects.bulk_create(
            Match(
                program=program,
                round=locked,
                first=pair.first,
                second=pair.second,
                score=pair.score,
                reasons=pair.reasons,
                state=Match.State.PROPOSED,
            )
            for pair in pairs
        )
        for match in matches:
            match.program = program
        notify_many(_proposed_notices(program, matches), now=now)
    locked.state, locked.published_at = S.PUBLISHED, now
    locked.save(update_fields=["state", "published_at", "updated_at"])
    PairRule.objects.filter(program=program, kind=PairRule.Kind.LOCK).delete()
    return matches


@transaction.atomic
def round_discard(*, program: Program, round_: Round, actor: User | None, now: datetime) -> Round:
    """Set a draft aside: nothing is published, and its locks are let go."""
    locked = _draft(program, round_, "discarded")
    locked.state, locked.finished_at = S.DISCARDED, locked.finished_at or now
    locked.save(update_fields=["state", "finished_at", "updated_at"])
    PairRule.objects.filter(program=program, kind=PairRule.Kind.LOCK).delete()
    return locked
