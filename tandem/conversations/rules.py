"""The rules of a conversation (PRODUCT.md F15, P6): who may write when, and how much.

Reads only. The service checks them before it writes, and the thread's page uses the same
functions to say in advance whether (and why not) a person can write, so the two agree.

* A thread is open while its mentorship still connects the pair (intro to alumni), and
  read-only once the mentorship is closed or the ask was declined, withdrawn or lapsed.
* Before the ask is accepted the mentee holds one message at a time: their ask and one
  follow-up, then one answer to each message the mentor writes. No tidal wave, but a mentor
  who asks a question gets an answer. The mentor may write as much as they like.
"""

from __future__ import annotations

from tandem.conversations.models import MESSAGE_MAX_LENGTH, REPORT_NOTE_MAX_LENGTH, Message, Report
from tandem.conversations.relationships import Relationship
from tandem.core.errors import RuleBroken
from tandem.mentorships.models import Ask
from tandem.mentorships.rules import CONNECTED
from tandem.mentorships.sides import MENTEE, MENTOR

OPEN, WAITING, CLOSED = "open", "waiting", "closed"  # WAITING: the ask is not answered yet

_ASK_ENDED: dict[str, str] = {
    Ask.State.DECLINED: "The request was declined",
    Ask.State.WITHDRAWN: "The request was withdrawn",
    Ask.State.EXPIRED: "The request lapsed",
}
_READ_ONLY = ", so this conversation can be read but not added to."


def standing_of(relationship: Relationship) -> str:
    """OPEN, WAITING (an unanswered ask) or CLOSED (read-only)."""
    if relationship.mentorship is not None:
        return OPEN if relationship.mentorship.state in CONNECTED else CLOSED
    if relationship.ask is not None and relationship.ask.state == Ask.State.PENDING:
        return WAITING
    return CLOSED


def closed_words(relationship: Relationship) -> str:
    """Why a read-only thread is read-only, in a sentence."""
    if relationship.mentorship is not None:
        return "This mentorship is closed" + _READ_ONLY
    state = relationship.ask.state if relationship.ask is not None else ""
    return _ASK_ENDED.get(state, "This request has ended") + _READ_ONLY


def mentee_may_write(*, last_author_id: int | None, mentee_user_id: int) -> bool:
    """Before acceptance: not two messages of the mentee's in a row (the ask itself is not a
    message, so the first follow-up is fine)."""
    return last_author_id != mentee_user_id


def posting_refusal(
    *, relationship: Relationship, role: str, last_author_id: int | None
) -> str | None:
    """Why this side can't write to the thread now, or None if they can."""
    standing = standing_of(relationship)
    if standing == CLOSED:
        return closed_words(relationship)
    mentee_user_id = relationship.mentee.user_id
    if (
        standing == WAITING
        and role == MENTEE
        and not mentee_may_write(last_author_id=last_author_id, mentee_user_id=mentee_user_id)
    ):
        return (
            f"You've written to {relationship.mentor.user.display_name} already. You can write "
            "again when they reply or accept your request; mentors are busy, and a little room "
            "is kind."
        )
    return None


def posting_hint(*, relationship: Relationship, role: str) -> str:
    """What the writer should know before an ask is accepted; nothing after."""
    if standing_of(relationship) != WAITING:
        return ""
    if role == MENTOR:
        return (
            f"Ask {relationship.mentee.user.display_name} anything that helps you decide. "
            "Your contact details stay private until you accept."
        )
    return (
        f"Until {relationship.mentor.user.display_name} answers your request, you can send one "
        "follow-up, then one reply to each of their messages. Contact details are shared once "
        "they accept."
    )


def message_text_check(text: str) -> str:
    """The message, trimmed; RuleBroken on its field if it is empty or too long."""
    text = text.strip()
    if not text:
        raise RuleBroken("Write a message first.", field="text")
    if len(text) > MESSAGE_MAX_LENGTH:
        raise RuleBroken(
            f"Keep a message to {MESSAGE_MAX_LENGTH} characters; this one has {len(text)}. "
            "Nothing was cut: shorten it, or send the rest in a second message.",
            field="text",
        )
    return text


def report_check(*, message: Message, reporter_id: int, role: str, reason: str, note: str) -> None:
    """RuleBroken if this report can't be made: only the other side's messages, once each."""
    if role not in (MENTEE, MENTOR):
        raise RuleBroken("Only the two people in a conversation can report its messages.")
    if message.is_hidden:
        raise RuleBroken("Staff have hidden this message already. Thank you for looking out.")
    if message.author_id == reporter_id:
        raise RuleBroken("That's your own message, so there's nothing to report.")
    if reason not in Report.Reason.values:
        raise RuleBroken("Choose what's wrong with the message.", field="reason")
    if len(note) > REPORT_NOTE_MAX_LENGTH:
        raise RuleBroken(f"Keep the note to {REPORT_NOTE_MAX_LENGTH} characters.", field="note")
    if Report.objects.filter(message=message, reporter_id=reporter_id).exists():
        raise RuleBroken("You've reported this message already; staff will look at it.")
