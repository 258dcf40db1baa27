"""The participant side of a published match: each of the two says yes or no, and in pools
says how the conversation went.

In 1:1 programs a match both confirmed becomes an arranged intro (a mentorship in `intro`,
with the program's agreement template as the suggested terms). In pools (peer, coffee),
confirmed just means both said yes. Anyone but the two gets NotFound; a move the match's
state does not allow is an IllegalTransition (409); nothing changes either way.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from tandem.accounts.models import User
from tandem.core.errors import IllegalTransition
from tandem.mentorships.services.arranged import intro_arrange
from tandem.programs import notices
from tandem.programs.models import Match, MatchFeedback, Program
from tandem.programs.rules import feedback_check
from tandem.programs.selectors.matches import is_first, match_for_user

ANSWERED: dict[str, str] = {
    Match.State.CONFIRMED: "You've both confirmed this match already.",
    Match.State.DECLINED: "This match was declined, so it won't go ahead.",
}


def _note(program: Program) -> str:
    return f"{program.name} ({program.organization.name}) introduced you, and you both said yes."


def suggested_terms(program: Program) -> dict[str, object]:
    """The agreement an intro from this program starts with."""
    return {
        "cadence": program.agreement_cadence,
        "meeting_minutes": program.agreement_minutes,
        "term_months": program.agreement_term_months,
    }


@transaction.atomic
def match_confirm(*, slug: str, match_id: int, user: User, now: datetime) -> Match:
    """Say yes to a match; once both have, a 1:1 match starts the mentorship's intro."""
    match, me, _ = match_for_user(slug=slug, match_id=match_id, user=user, lock=True)
    if match.state != Match.State.PROPOSED:
        raise IllegalTransition(ANSWERED[match.state])
    field = "first_confirmed_at" if is_first(match, me) else "second_confirmed_at"
    if getattr(match, field) is not None:
        raise IllegalTransition("You've already confirmed this match.")
    setattr(match, field, now)
    if match.first_confirmed_at is not None and match.second_confirmed_at is not None:
        match.state = Match.State.CONFIRMED
        program = match.program
        if not program.is_pool:
            match.mentorship = intro_arrange(
                mentee=match.first.profile, mentor=match.second.profile, note=_note(program),
                suggested_terms=suggested_terms(program), now=now,
            )  # fmt: skip
    match.save()
    notices.match_confirmed_by(match, me, now=now)
    return match


@transaction.atomic
def match_decline(*, slug: str, match_id: int, user: User, now: datetime) -> Match:
    """Say no to a match while it waits for answers; the other person is told kindly."""
    match, me, _ = match_for_user(slug=slug, match_id=match_id, user=user, lock=True)
    if match.state != Match.State.PROPOSED:
        raise IllegalTransition(ANSWERED[match.state])
    match.state = Match.State.DECLINED
    match.save(update_fields=["state", "updated_at"])
    notices.match_declined_by(match, me, now=now)
    return match


@transaction.atomic
def match_feedback_give(
    *, slug: str, match_id: int, user: User, met: bool, rating: int | None = None,
    meet_again: bool = False, note: str = "", now: datetime,
) -> MatchFeedback:  # fmt: skip
    """How a coffee chat or a peer intro went: once per person per match. A rating feeds the
    next round's scores; two "meet again"s let the pair meet again."""
    match, me, _ = match_for_user(slug=slug, match_id=match_id, user=user, lock=True)
    if not match.program.is_pool:
        raise IllegalTransition("How a mentorship goes is told on the mentorship's own page.")
    if match.state == Match.State.DECLINED:
        raise IllegalTransition(ANSWERED[Match.State.DECLINED])
    if MatchFeedback.objects.filter(match=match, author=me).exists():
        raise IllegalTransition("You've already told us how it went. Thank you!")
    note = note.strip()
    if not met:
        rating, meet_again = None, False
    feedback_check(met=met, rating=rating, note=note)
    return MatchFeedback.objects.create(
        match=match, author=me, met=met, rating=rating, meet_again=meet_again, note=note
    )
