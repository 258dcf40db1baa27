"""Writes for the agreement (P9) and its renewal at term end: propose, accept, decline.

The first agreement moves the mentorship (intro → proposed → active, or closed on a decline);
a renewal is the table's active → active move and makes a new agreement version that starts
where the current one ends.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TypedDict, Unpack

from django.db import transaction

from tandem.accounts.models import User
from tandem.core.errors import IllegalTransition, RuleBroken
from tandem.mentorships import notices
from tandem.mentorships.lifecycles import MENTORSHIP
from tandem.mentorships.models import Agreement, Mentorship, Transition
from tandem.mentorships.rules import (
    add_months,
    agreement_current,
    agreement_proposal,
    agreement_propose_check,
    agreement_terms_check,
    renewal_open,
)
from tandem.mentorships.services.goals import goals_from_agreement
from tandem.mentorships.services.mentorships import (
    MISSING,
    mentorship_lock,
    mentorship_transition,
)
from tandem.mentorships.sides import MENTOR, sides_of


class _Required(TypedDict):
    goals: Sequence[str]
    cadence: str
    meeting_minutes: int


class Terms(_Required, total=False):
    """What a proposal says: 2–3 goals, a rhythm, a meeting length and a term (12 months by
    default), where to meet and any boundaries."""

    term_months: int
    channel: str
    boundaries: str


def _terms_check(terms: Terms) -> None:
    agreement_terms_check(
        goals=terms["goals"], cadence=terms["cadence"],
        meeting_minutes=terms["meeting_minutes"], term_months=terms.get("term_months", 12),
    )  # fmt: skip


def _agreement_new(mentorship: Mentorship, *, actor: User, terms: Terms) -> Agreement:
    """Write checked terms as the mentorship's next agreement version."""
    return Agreement.objects.create(
        mentorship=mentorship, version=mentorship.agreements.count() + 1, proposed_by=actor,
        goals=[g.strip() for g in terms["goals"] if g.strip()], cadence=terms["cadence"],
        meeting_minutes=terms["meeting_minutes"], term_months=terms.get("term_months", 12),
        channel=terms.get("channel", "").strip(), boundaries=terms.get("boundaries", "").strip(),
    )  # fmt: skip


def _accepted(agreement: Agreement, *, starts_on: date, now: datetime) -> None:
    """Mark a proposal accepted from `starts_on`; its goals become rows to track."""
    agreement.state = Agreement.State.ACCEPTED
    agreement.starts_on = starts_on
    agreement.ends_on = add_months(agreement.starts_on, agreement.term_months)
    agreement.save(update_fields=["state", "starts_on", "ends_on", "updated_at"])
    goals_from_agreement(agreement)
    notices.agreement_answered(agreement, now=now)


@transaction.atomic
def agreement_propose(
    *, mentorship: Mentorship, actor: User, now: datetime, **terms: Unpack[Terms]
) -> Agreement:
    """After a good intro the mentee proposes goals, a rhythm and an end date (P9)."""
    mentorship = mentorship_lock(mentorship)
    # Who and from where first (a stranger gets a 404, the mentor "not your move"), then
    # whether the intro is behind them.
    role = sides_of(mentorship, actor, missing=MISSING).role
    MENTORSHIP.check(state=mentorship.state, to_state=Mentorship.State.PROPOSED, role=role)
    agreement_propose_check(mentorship)
    _terms_check(terms)
    mentorship_transition(mentorship, actor=actor, to_state=Mentorship.State.PROPOSED, now=now)
    agreement = _agreement_new(mentorship, actor=actor, terms=terms)
    notices.agreement_proposed(agreement, now=now)
    return agreement


@transaction.atomic
def agreement_accept(*, mentorship: Mentorship, actor: User, now: datetime) -> Agreement:
    """The mentor agrees: the mentorship is active until the term ends."""
    mentorship = mentorship_lock(mentorship)
    mentorship_transition(mentorship, actor=actor, to_state=Mentorship.State.ACTIVE, now=now)
    agreement = agreement_proposal(mentorship)
    assert agreement is not None  # the table allows proposed → active only
    _accepted(agreement, starts_on=now.date(), now=now)
    return agreement


@transaction.atomic
def agreement_decline(
    *, mentorship: Mentorship, actor: User, now: datetime, reason: str = ""
) -> Mentorship:
    """The mentor declines the regular arrangement; the mentorship closes without blame."""
    mentorship = mentorship_lock(mentorship)
    if sides_of(mentorship, actor, missing=MISSING).role != MENTOR:
        raise IllegalTransition("The mentor answers the proposed agreement.")
    proposal = agreement_proposal(mentorship)
    mentorship_transition(
        mentorship, actor=actor, to_state=Mentorship.State.CLOSED, now=now, reason=reason
    )
    if proposal is not None:  # the move has marked it declined
        proposal.refresh_from_db()
        notices.agreement_answered(proposal, now=now)
    return mentorship


# --- Renewal at term end (active → active, a new agreement version) ----------------------


def _renewal_check(mentorship: Mentorship, actor: User) -> None:
    """Renewal is the table's active → active move, so only an active mentorship renews."""
    role = sides_of(mentorship, actor, missing=MISSING).role
    if mentorship.state != Mentorship.State.ACTIVE:
        raise IllegalTransition("Only an active mentorship can be renewed.")
    MENTORSHIP.check(state=mentorship.state, to_state=Mentorship.State.ACTIVE, role=role)


@transaction.atomic
def renewal_propose(
    *, mentorship: Mentorship, actor: User, now: datetime, **terms: Unpack[Terms]
) -> Agreement:
    """Either side proposes another term near the end of this one; the other side answers."""
    mentorship = mentorship_lock(mentorship)
    _renewal_check(mentorship, actor)
    if not renewal_open(mentorship, now=now):
        raise RuleBroken("Renewal opens 60 days before the term ends.")
    if agreement_proposal(mentorship) is not None:
        raise RuleBroken("A renewal is already waiting for an answer.")
    _terms_check(terms)
    agreement = _agreement_new(mentorship, actor=actor, terms=terms)
    notices.agreement_proposed(agreement, now=now)
    return agreement


def _pending_renewal(mentorship: Mentorship, actor: User) -> tuple[Agreement, Agreement]:
    _renewal_check(mentorship, actor)
    proposal, current = agreement_proposal(mentorship), agreement_current(mentorship)
    if proposal is None or current is None:
        raise IllegalTransition("There is no renewal waiting for an answer.")
    if proposal.proposed_by_id == actor.pk:
        raise IllegalTransition("The other side answers your renewal proposal.")
    return proposal, current


@transaction.atomic
def renewal_accept(*, mentorship: Mentorship, actor: User, now: datetime) -> Agreement:
    """Both want another term: the new version starts where the current one ends."""
    mentorship = mentorship_lock(mentorship)
    proposal, current = _pending_renewal(mentorship, actor)
    Transition.objects.create(
        mentorship=mentorship, actor=actor, from_state=mentorship.state,
        to_state=mentorship.state, reason=f"renewed (agreement v{proposal.version})", at=now,
    )  # fmt: skip
    _accepted(proposal, starts_on=max(current.ends_on or now.date(), now.date()), now=now)
    return proposal


@transaction.atomic
def renewal_decline(*, mentorship: Mentorship, actor: User, now: datetime) -> Agreement:
    """Not another term; the current one runs to its end as agreed."""
    mentorship = mentorship_lock(mentorship)
    proposal, _ = _pending_renewal(mentorship, actor)
    proposal.state = Agreement.State.DECLINED
    proposal.save(update_fields=["state", "updated_at"])
    notices.agreement_answered(proposal, now=now)
    return proposal
