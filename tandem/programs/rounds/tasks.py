"""The matching round's job (django-tasks): `round_start` enqueues it inside its transaction,
a worker (`tandem db_worker`) runs it. A thin wrapper that reads the clock and imports the
code it runs inside its body (that code's module imports this one)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task


@task()
def round_job(round_id: int) -> str:
    """Run a queued round to its draft (or to failed, with a plain error); its new state."""
    from tandem.programs.rounds.run import round_run

    return str(round_run(round_id, now=timezone.now()).state)
