"""The import's job: the invitations to people new to Tandem, sent by a worker once the import
has committed (enqueued inside its transaction, so a rolled-back import leaves no job)."""

from __future__ import annotations

from django_tasks import task


@task()
def import_invitations_send(program_id: int, user_ids: list[int]) -> int:
    from tandem.programs.imports.invitations import invitations_send

    return invitations_send(program_id=program_id, user_ids=user_ids)
