"""Blocking and muting someone, and the page of whom one has blocked or muted, with undo.

Writes are POSTs (CSRF on) and rate limited; nothing here ever tells the other person.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from tandem.core.http import AuthedHttpRequest
from tandem.core.ratelimit import rate_limited
from tandem.moderation.blocks import Kind, block_choose, block_remove, blocks_made_by

BLOCK_WRITES = ("block-write", "30/h")

DONE = {
    Kind.BLOCK: (
        "You've blocked {name}. You won't see each other, and any request waiting between you "
        "is closed; they won't be told you blocked them."
    ),
    Kind.MUTE: "You've muted {name}. Their notifications won't reach you; they won't be told.",
}


@login_required
@require_GET
def blocks(request: AuthedHttpRequest) -> HttpResponse:
    """Whom the person blocked or muted, each with a button to undo it."""
    return render(request, "moderation/blocks.html", {"blocks": blocks_made_by(owner=request.user)})


@login_required
@require_POST
@rate_limited(*BLOCK_WRITES)
def block(request: AuthedHttpRequest, user_id: int) -> HttpResponse:
    """Block or mute someone (`kind` in the form); the list page says what it did. Only
    someone the person may see or was paired with: anyone else is a 404 naming no one."""
    made = block_choose(
        owner=request.user, other_id=user_id, kind=request.POST.get("kind", ""),
        now=timezone.now(),
    )  # fmt: skip
    messages.success(request, DONE[Kind(made.kind)].format(name=made.other.display_name))
    return redirect("moderation:blocks")


@login_required
@require_POST
@rate_limited(*BLOCK_WRITES)
def unblock(request: AuthedHttpRequest, user_id: int) -> HttpResponse:
    """Undo a block or mute; undoing one that is gone already is no error."""
    if block_remove(owner=request.user, other_id=user_id):
        messages.success(request, "Done: that's undone.")
    return redirect("moderation:blocks")
