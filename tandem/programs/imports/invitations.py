"""The emails that bring imported people in: one to each person new to Tandem, with a link to
set their password (allauth's password-reset-from-key page, so the link is the same signed,
expiring token a reset uses, and it stops working once a password is set).

Sent by the import's job after the import commits, over one mail connection for the lot. Only
accounts that still have no password and have never signed in get one, so a job that runs
twice does not write to people who are already in.
"""

from __future__ import annotations

from collections.abc import Iterable

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse

from tandem.accounts.models import User
from tandem.notifications.links import absolute_url
from tandem.programs.imports.plan import chunks
from tandem.programs.models import Program

TEMPLATES = "programs/imports/email/invitation"
SEND_CHUNK = 500


def _subject(program: Program) -> str:
    words = f"{program.organization.name}'s program managers added you to {program.name}"
    return settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(words.split())


def _link_maker() -> tuple[str, str]:
    """The set-password page's address around its two parts (resolved once, not per person)."""
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
    head, tail = absolute_url(path).split("UID-KEY")
    return head, tail


def invitation_messages(program: Program, users: Iterable[User]) -> list[EmailMultiAlternatives]:
    """One email for each of `users`, who were just added to `program` and have no password."""
    head, tail = _link_maker()
    kind = program.get_kind_display()
    shared = {
        "organization": program.organization.name,
        "program": program.name,
        "kind": kind if kind.startswith("1:1") else kind.lower(),
        "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86_400),
        "login_url": absolute_url(reverse("account_login")),
    }
    subject = _subject(program)
    messages = []
    for user in users:
        token = default_token_generator.make_token(user)
        context = {
            **shared,
            "name": user.first_name or user.display_name,
            "email": user.email,
            "link": f"{head}{user_pk_to_url_str(user)}-{token}{tail}",
        }
        message = EmailMultiAlternatives(
            subject=subject, body=render_to_string(f"{TEMPLATES}.txt", context), to=[user.email]
        )
        message.attach_alternative(render_to_string(f"{TEMPLATES}.html", context), "text/html")
        messages.append(message)
    return messages


def invitations_send(*, program_id: int, user_ids: list[int]) -> int:
    """Email the set-password invitation to those of `user_ids` still waiting for one."""
    program = Program.objects.select_related("organization").filter(pk=program_id).first()
    if program is None:
        return 0
    sent = 0
    with get_connection() as mail:  # one SMTP session for every email
        for chunk in chunks(sorted(user_ids), SEND_CHUNK):
            waiting = User.objects.filter(
                pk__in=chunk, last_login__isnull=True, password__startswith=UNUSABLE_PASSWORD_PREFIX
            )
            sent += mail.send_messages(invitation_messages(program, waiting)) or 0
    return sent
