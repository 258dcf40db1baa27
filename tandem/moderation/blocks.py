"""Blocks and mutes: the writes that make and undo them, and the reads other apps check.

A block keeps two people apart both ways a person would notice: neither can ask the other,
neither is suggested to the other, and the blocked person's notices no longer reach the
blocker. A mute only silences the muted person's notices to the one who muted them. Neither
is ever shown to the other person: to them the blocker looks like a hidden profile.

A new block also ends what is waiting between the two: apps above this one (which it cannot
import) register a hook with `on_block_register` (mentorships: the asks still pending either
way), run in the same transaction as the block.

A person blocks or mutes only someone they already know by name (`block_choose`): a profile
they may see, or a counterpart. Those apps sit above this one too, so they register who that
is with `may_block_register` (profiles: the directory's rule; mentorships: an ask or a
mentorship either way; programs: a published match). Anyone else is "No such person" (404),
exactly as an id nobody has: walking ids shows neither names nor which accounts exist.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from tandem.accounts.models import User
from tandem.core.compiled import CompiledQuery
from tandem.core.errors import DomainError, NotFound
from tandem.moderation.models import Block

Kind = Block.Kind

# hook(owner=..., other_id=..., now=...): what an app ends when `owner` blocks `other_id`.
BlockHook = Callable[..., object]
_on_block: list[BlockHook] = []


def on_block_register(hook: BlockHook) -> None:
    """Called from an AppConfig.ready(); registering the same hook twice keeps one."""
    if hook not in _on_block:
        _on_block.append(hook)


# check(owner=..., other_id=...) -> bool: does `owner` know `other_id` already (may see their
# profile, or was paired with them)? Any one saying yes is enough.
KnownCheck = Callable[..., bool]
_known: list[KnownCheck] = []


def may_block_register(check: KnownCheck) -> None:
    """Called from an AppConfig.ready(); registering the same check twice keeps one."""
    if check not in _known:
        _known.append(check)


# --- Writes ---------------------------------------------------------------------------------


@transaction.atomic
def block_set(*, owner: User, other_id: int, kind: str, now: datetime | None = None) -> Block:
    """Block or mute `other_id` for `owner`; choosing again switches between the two. A block
    that is new (or was a mute) runs the registered hooks: what waited between them ends.
    It does not ask whether `owner` may know `other_id`: a person's request goes through
    `block_choose`, which does."""
    if kind not in Kind.values:
        raise DomainError("Choose whether to block or to mute.", field="kind")
    if other_id == owner.pk or not User.objects.filter(pk=other_id, is_active=True).exists():
        raise NotFound("No such person.")
    before = block_kind_between(owner=owner, other_id=other_id)
    block, _ = Block.objects.update_or_create(
        owner=owner, other_id=other_id, defaults={"kind": kind}
    )
    if kind == Kind.BLOCK and before != Kind.BLOCK:
        for hook in _on_block:
            hook(owner=owner, other_id=other_id, now=now or timezone.now())
    return block


def block_choose(*, owner: User, other_id: int, kind: str, now: datetime | None = None) -> Block:
    """A person's own block or mute, asked for from a page: of someone they may see or were
    paired with (or already blocked or muted, to switch between the two); anyone else is
    "No such person", the same 404 as an id nobody has, so it names and confirms no one."""
    if kind not in Kind.values:
        raise DomainError("Choose whether to block or to mute.", field="kind")
    known = other_id != owner.pk and (
        Block.objects.filter(owner=owner, other_id=other_id).exists()
        or any(check(owner=owner, other_id=other_id) for check in _known)
    )
    if not known:
        raise NotFound("No such person.")
    return block_set(owner=owner, other_id=other_id, kind=kind, now=now)


def block_remove(*, owner: User, other_id: int) -> bool:
    """Undo the owner's block or mute of `other_id`; False if there was none (no error, so
    pressing "Undo" twice is harmless)."""
    deleted, _ = Block.objects.filter(owner=owner, other_id=other_id).delete()
    return deleted > 0


# --- Reads ----------------------------------------------------------------------------------


def blocks_made_by(*, owner: User) -> QuerySet[Block]:
    """Whom the person blocked or muted, newest first, with the other person's name."""
    return Block.objects.filter(owner=owner).select_related("other").order_by("-created_at", "-id")


def block_kind_between(*, owner: User, other_id: int) -> str:
    """ "block", "mute", or "" when `owner` has done neither to `other_id` (for buttons)."""
    kind = (
        Block.objects.filter(owner=owner, other_id=other_id).values_list("kind", flat=True).first()
    )
    return kind or ""


def _blocks_either_way(user_id: int) -> QuerySet[Block]:
    return Block.objects.filter(Q(owner_id=user_id) | Q(other_id=user_id), kind=Kind.BLOCK)


# Read on every recommendations list: compiled once per process.
_BLOCKS_EITHER_WAY = CompiledQuery(
    lambda user_id: _blocks_either_way(user_id).values_list("owner_id", "other_id")
)


def blocked_user_ids(*, user_id: int) -> set[int]:
    """Everyone kept apart from this person by a block, whoever made it (one query)."""
    pairs = _BLOCKS_EITHER_WAY.rows(user_id)
    return {other if owner == user_id else owner for owner, other in pairs}


def blocked_between(*, user_id: int, other_id: int) -> bool:
    """Has either of the two blocked the other?"""
    return _blocks_either_way(user_id).filter(Q(owner_id=other_id) | Q(other_id=other_id)).exists()


def blocked_with(*, viewer: User, user_ref: str = "user") -> Exists:
    """For filtering rows whose `user_ref` is blocked from `viewer` or has blocked them (to
    exclude with `~`): the directory's and the profile page's one check."""
    return Exists(
        Block.objects.filter(kind=Kind.BLOCK).filter(
            Q(owner_id=viewer.pk, other_id=OuterRef(user_ref))
            | Q(owner_id=OuterRef(user_ref), other_id=viewer.pk)
        )
    )


def blocks_among(*, user_ids: QuerySet[Any] | Iterable[int]) -> list[tuple[int, int]]:
    """Every block (not a mute) between two of these people, as (owner, other), in one query:
    what a program round keeps apart. Pass a subquery (`.values("…user_id")`) for a crowd, so
    ten thousand ids are never sent as parameters."""
    return list(
        Block.objects.filter(
            kind=Kind.BLOCK, owner_id__in=user_ids, other_id__in=user_ids
        ).values_list("owner_id", "other_id")
    )


def silenced_pairs(*, pairs: Iterable[tuple[int, int]]) -> set[tuple[int, int]]:
    """Of these (recipient, actor) pairs, those where the recipient blocked or muted the actor
    (one query: the bulk form of `silenced`)."""
    wanted = set(pairs)
    if not wanted:
        return set()
    found = Block.objects.filter(
        owner_id__in={r for r, _ in wanted}, other_id__in={a for _, a in wanted}
    ).values_list("owner_id", "other_id")
    return {pair for pair in found if pair in wanted}


def silenced(*, recipient_id: int, actor_id: int) -> bool:
    """Has the recipient blocked or muted the actor? Then the actor's notices don't reach them."""
    return Block.objects.filter(owner_id=recipient_id, other_id=actor_id).exists()
