"""The emails that bring imported people in: one to each person new to Tandem, with a link to
set their password (allauth's password-reset-from-key page, so the link is the same signed,
expiring token a reset uses, and it stops working once a password is set).

Sent by the import's job after the import commits, over one mail connection for the lot. Only
accounts that still have no password and have never signed in get one, so a job that runs
twice does not write to people who are already in.
"""

from __future__ import annotations

from collections.abc import Iterable

from allauth.account.forms import EmailAwarePasswordResetTokenGenerator, default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape

from tandem.accounts.models import User
from tandem.notifications.links import absolute_url
from tandem.programs.imports.snapshot import chunks
from tandem.programs.models import Program

TEMPLATES = "programs/imports/email/invitation"
SEND_CHUNK = 500
# The emails differ only in these; each template is rendered once around them.
MARKERS = {"name": "INVITEE-NAME-8c1f", "email": "INVITEE-EMAIL-8c1f", "link": "INVITEE-LINK-8c1f"}


class _KnownAddresses(EmailAwarePasswordResetTokenGenerator):
    """allauth's token, with each account's addresses read in bulk beforehand rather than in
    two queries a person: the same hash value as allauth's own (Django's, then the account's
    addresses, lowercased, sorted and joined by "|"). The invitation test opens the link
    through allauth's page, so a change there shows."""

    def __init__(self, addresses: dict[int, set[str]]) -> None:
        super().__init__()
        self.addresses = addresses

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        value = PasswordResetTokenGenerator._make_hash_value(self, user, timestamp)
        emails = {user.email.lower(), *self.addresses.get(user.pk, ())}
        return value + "|".join(sorted(emails))


def _token_maker(users: list[User]) -> PasswordResetTokenGenerator:
    if type(default_token_generator) is not EmailAwarePasswordResetTokenGenerator:
        return default_token_generator  # a generator of the site's own: let it do its work
    addresses: dict[int, set[str]] = {}
    rows = EmailAddress.objects.filter(user_id__in=[u.pk for u in users])
    for user_id, email in rows.values_list("user_id", "email"):
        addresses.setdefault(user_id, set()).add(email)
    return _KnownAddresses(addresses)


def _subject(program: Program) -> str:
    words = f"{program.organization.name}'s program managers added you to {program.name}"
    return settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(words.split())


def _link_maker() -> tuple[str, str]:
    """The set-password page's address around its two parts (resolved once, not per person)."""
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
    head, tail = absolute_url(path).split("UID-KEY")
    return head, tail


def _fill(template: str, values: dict[str, str], *, html: bool) -> str:
    for name, marker in MARKERS.items():
        template = template.replace(marker, escape(values[name]) if html else values[name])
    return template


def invitation_messages(program: Program, users: Iterable[User]) -> list[EmailMultiAlternatives]:
    """One email for each of `users`, who were just added to `program` and have no password."""
    users = list(users)
    head, tail = _link_maker()
    tokens = _token_maker(users)
    kind = program.get_kind_display()
    context = {
        **MARKERS,
        "organization": program.organization.name,
        "program": program.name,
        "kind": kind if kind.startswith("1:1") else kind.lower(),
        "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86_400),
        "login_url": absolute_url(reverse("account_login")),
    }
    text = render_to_string(f"{TEMPLATES}.txt", context)
    html = render_to_string(f"{TEMPLATES}.html", context)
    subject = _subject(program)
    messages = []
    for user in users:
        values = {
            "name": user.first_name or user.display_name,
            "email": user.email,
            "link": f"{head}{user_pk_to_url_str(user)}-{tokens.make_token(user)}{tail}",
        }
        message = EmailMultiAlternatives(
            subject=subject, body=_fill(text, values, html=False), to=[user.email]
        )
        message.attach_alternative(_fill(html, values, html=True), "text/html")
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
