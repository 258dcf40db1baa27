"""Small steps the sign-in tests share: reading links and codes out of emails, a fake clock."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from django.core import mail
from django.urls import reverse


def link_in(body: str) -> str:
    match = re.search(r"http://testserver(/\S+)", body)
    assert match, body
    return match.group(1)


def code_in(body: str) -> str:
    """The one-time code: the line of the body that is only the code."""
    lines = [line.strip() for line in body.splitlines()]
    codes = [line for line in lines if re.fullmatch(r"[A-Z0-9-]{6,9}", line)]
    assert len(codes) == 1, body
    return codes[0]


def wrong_passwords(client, email: str, times: int) -> None:
    for _ in range(times):
        client.post(reverse("account_login"), {"login": email, "password": "a-wrong-guess"})


def logged_in_as(client) -> str | None:
    return client.session.get("_auth_user_id")


@contextmanager
def clock() -> Iterator[list[float]]:
    """`time.time()` moved forward by hand (allauth's counters and the cache read it)."""
    offset = [0.0]
    real = time.time
    with mock.patch("time.time", side_effect=lambda: real() + offset[0]):
        yield offset


def last_mail_to(email: str) -> mail.EmailMessage:
    sent = [message for message in mail.outbox if message.to == [email]]
    assert sent, [m.to for m in mail.outbox]
    return sent[-1]
