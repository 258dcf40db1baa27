"""The invitation email: who invites, to what, and the link (good for 14 days).

Sent by a job (`tasks.program_invitations`), so a slow mail server never holds the page, and a
rolled-back send writes no job. People invited need not be on Tandem yet: the link asks them
to sign in or sign up first with the address it was sent to.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse

from tandem.notifications.links import absolute_url
from tandem.programs.invitations import invitation_read
from tandem.programs.models import Program
from tandem.programs.wording import KIND_BLURB

TEMPLATES = "programs/email"


def invitation_message(
    *, program: Program, email: str, token: str, inviter: str
) -> EmailMultiAlternatives:
    invitation = invitation_read(token)
    assert invitation is not None
    context = {
        "program": program, "inviter": inviter, "blurb": KIND_BLURB[program.kind],
        "link": absolute_url(reverse("programs:invitation", kwargs={"token": token})),
        "expires": invitation.expires,
    }  # fmt: skip
    subject = " ".join(f"{inviter} invites you to {program.name} on Tandem".split())
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=render_to_string(f"{TEMPLATES}/invitation.txt", context),
        to=[email],
    )
    message.attach_alternative(
        render_to_string(f"{TEMPLATES}/invitation.html", context), "text/html"
    )
    return message


def invitations_email(
    *, program_id: int, invitations: Sequence[Sequence[str]], inviter: str
) -> int:
    """Email each (address, token); returns how many went. A program gone since sends none."""
    program = Program.objects.filter(pk=program_id).first()
    if program is None:
        return 0
    messages = [
        invitation_message(program=program, email=email, token=token, inviter=inviter)
        for email, token in invitations
    ]
    return get_connection().send_messages(messages) or 0
