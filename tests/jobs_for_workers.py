"""A job for the test of two workers on one queue (test_multiprocess.py): each run appends one
line, `<number> <worker's process id>`, to a file. One write of a short line to a file opened
with O_APPEND lands whole, so two workers writing at once never mix their lines."""

from __future__ import annotations

import os
import time

from django_tasks import task

# Long enough that the second worker, started at the same moment, finds jobs still waiting.
SECONDS_PER_JOB = 0.25


@task()
def job_record(number: int, path: str) -> None:
    time.sleep(SECONDS_PER_JOB)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, f"{number} {os.getpid()}\n".encode())
    finally:
        os.close(fd)
