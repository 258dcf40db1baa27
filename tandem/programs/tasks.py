"""Background jobs of programs' enrollment: thin wrappers that import the code they run inside
their body. (Matching rounds have their own jobs in `tandem.programs.rounds`.)"""

from __future__ import annotations

from django_tasks import task


@task()
def program_invitations(program_id: int, invitations: list[list[str]], inviter: str) -> int:
    """Email invitation links: `invitations` is a list of [address, token]."""
    from tandem.programs.emails import invitations_email

    return invitations_email(program_id=program_id, invitations=invitations, inviter=inviter)
