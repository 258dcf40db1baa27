"""Nudges that keep a mentorship going (F9): meeting reminders and the prompt to mark a meeting
that just ended (`reminders`), the periodic nudges from the health facts — cadence slipping, a
side gone quiet, the term review, overdue action items (`periodic`) — and the sweep that sends
all that is due in bulk (`sweep`).

A meeting's two reminders and its after-meeting prompt are also deferred jobs (`tasks.py`),
enqueued when it is scheduled; the sweep sends whatever a worker missed. Every nudge is one per
cause (the notifications' unique constraint), so the jobs and the sweep can overlap and run
twice; none is sent for a paused, closed, completed or alumni mentorship (PRODUCT.md §4.2). The
words are in `notices.py`, with the other notices.
"""
