"""A task backend for the test suite: run now what is due now, keep what is deferred.

The immediate backend cannot take `run_after`, and it swallows a failing task; tests want
both the deferred jobs (to check when they are due and to run them by hand, with the time
they choose) and a loud failure.
"""

from __future__ import annotations

from typing import Any

from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import Task, TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id


class TaskFailed(Exception):
    """A task run by the test backend raised; the message holds its traceback."""


class TestTaskBackend(ImmediateBackend):
    supports_defer = True

    def __init__(self, alias: str, params: dict[str, Any]) -> None:
        super().__init__(alias, params)
        self.deferred: list[TaskResult[Any]] = []

    def enqueue(self, task: Task[Any, Any], args: Any, kwargs: Any) -> TaskResult[Any]:
        if task.run_after is None:
            result = super().enqueue(task, args, kwargs)
            if result.status == TaskResultStatus.FAILED:
                raise TaskFailed(result.errors[-1].traceback)
            return result
        self.validate_task(task)
        result = TaskResult(
            task=task, id=get_random_id(), status=TaskResultStatus.READY, enqueued_at=None,
            started_at=None, last_attempted_at=None, finished_at=None, args=args,
            kwargs=kwargs, backend=self.alias, errors=[], worker_ids=[],
        )  # fmt: skip
        self.deferred.append(result)
        return result
