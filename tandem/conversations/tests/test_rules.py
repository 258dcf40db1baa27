"""The conversation's rules on their own, no database: which threads are open, read-only or
waiting on an answer, and when the mentee may write before acceptance."""

from __future__ import annotations

import pytest

from tandem.conversations.relationships import Relationship
from tandem.conversations.rules import (
    CLOSED,
    OPEN,
    WAITING,
    mentee_may_write,
    standing_of,
)
from tandem.conversations.templatetags.conversations import message_html
from tandem.mentorships.models import Ask, Mentorship

A, M = Ask.State, Mentorship.State


@pytest.mark.parametrize(
    ("state", "standing"),
    [(A.PENDING, WAITING), (A.DECLINED, CLOSED), (A.WITHDRAWN, CLOSED), (A.EXPIRED, CLOSED)],
)
def test_an_ask_without_a_mentorship_is_waiting_or_read_only(state, standing):
    assert standing_of(Relationship(ask=Ask(state=state), mentorship=None)) == standing


@pytest.mark.parametrize(
    ("state", "standing"),
    [
        (M.INTRO, OPEN), (M.PROPOSED, OPEN), (M.ACTIVE, OPEN), (M.PAUSED, OPEN),
        (M.COMPLETED, OPEN), (M.ALUMNI, OPEN), (M.CLOSED, CLOSED),
    ],
)  # fmt: skip
def test_a_mentorship_is_open_while_it_connects_the_pair(state, standing):
    accepted = Ask(state=A.ACCEPTED)
    assert standing_of(Relationship(ask=accepted, mentorship=Mentorship(state=state))) == standing


@pytest.mark.parametrize(
    ("last_author_id", "may"),
    [(None, True), (2, True), (1, False)],
)
def test_before_acceptance_the_mentee_never_writes_twice_in_a_row(last_author_id, may):
    assert mentee_may_write(last_author_id=last_author_id, mentee_user_id=1) is may


def test_a_relationship_needs_an_ask_or_a_mentorship():
    with pytest.raises(ValueError, match="an ask or a mentorship"):
        Relationship(ask=None, mentorship=None).mentee  # noqa: B018


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("a < b & c", "a &lt; b &amp; c"),
        ("one\ntwo", "one<br>two"),
        (
            'see www.example.org" onclick="x',
            '<a href="http://www.example.org" rel="nofollow noopener">www.example.org</a>'
            "&quot; onclick=&quot;x",
        ),
        ('typed rel="nofollow" stays text', "typed rel=&quot;nofollow&quot; stays text"),
    ],
)
def test_message_text_is_escaped_with_safe_links(text, html):
    assert html in message_html(text)
