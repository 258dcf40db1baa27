"""Writes for reports: a person reports what they saw; staff warn, suspend, remove or dismiss.

The views that let someone report live in the apps that own the content (they check the
reporter may see it, 404 otherwise) and call `report_create` with a snapshot of the text the
reporter saw. Staff act from the admin (`admin.py`); each action closes every open report of
the same thing, so two people reporting one message are handled once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from tandem.accounts.models import User
from tandem.core.errors import DomainError, IllegalTransition
from tandem.moderation.models import Report
from tandem.moderation.removal import content_remove

DETAILS_MAX_LENGTH = 2000
CONTEXT_MAX_LENGTH = 10000

# Apps above this one keep what a suspension changes (profiles: the stamp by which each
# process's mentor index tells a mentor changed). They register a hook in their
# AppConfig.ready(); it is called with `user_ids=` the people suspended.
SuspendHook = Callable[..., None]
_on_suspend: list[SuspendHook] = []


def on_suspend_register(hook: SuspendHook) -> None:
    """Called from an AppConfig.ready(); registering the same hook twice keeps one."""
    if hook not in _on_suspend:
        _on_suspend.append(hook)


def report_create(
    *, reporter: User, person: User | None, target_kind: str, target_id: int, context: str,
    reason: str, details: str = "",
) -> Report:  # fmt: skip
    """File a report; reporting the same thing again while it is open returns the first one."""
    details = details.strip()
    if reason not in Report.Reason.values:
        raise DomainError("Choose what's wrong with it.", field="reason")
    if len(details) > DETAILS_MAX_LENGTH:
        raise DomainError(
            f"Keep the details to {DETAILS_MAX_LENGTH} characters, please.", field="details"
        )
    if target_kind not in Report.TargetKind.values:
        raise DomainError("That can't be reported.")
    if person is not None and person.pk == reporter.pk:
        raise DomainError("That's yours, so there's nothing to report.")
    found = _open_report(reporter=reporter, target_kind=target_kind, target_id=target_id)
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return Report.objects.create(
                reporter=reporter, person=person, target_kind=target_kind, target_id=target_id,
                context=context[:CONTEXT_MAX_LENGTH], reason=reason, details=details,
            )  # fmt: skip
    except IntegrityError:  # the same person sent it twice at once: the first one stands
        found = _open_report(reporter=reporter, target_kind=target_kind, target_id=target_id)
        if found is None:
            raise
        return found


def _open_report(*, reporter: User, target_kind: str, target_id: int) -> Report | None:
    return Report.objects.filter(
        reporter=reporter, target_kind=target_kind, target_id=target_id,
        status=Report.Status.OPEN,
    ).first()  # fmt: skip


# --- Staff actions ----------------------------------------------------------------------------


def _staff_check(staff: User) -> None:
    if not (staff.is_active and staff.is_staff):
        raise IllegalTransition("Only Tandem staff can act on reports.")


def _close(
    reports: Iterable[Report], *, staff: User, now: datetime, status: str, action: str = ""
) -> int:
    """Close the reports and every other open report of the same things; how many closed."""
    things = {(r.target_kind, r.target_id) for r in reports}
    closed = 0
    for kind, target_id in things:
        closed += Report.objects.filter(
            target_kind=kind, target_id=target_id, status=Report.Status.OPEN
        ).update(status=status, action=action, handled_by=staff, handled_at=now)
    return closed


def _people(reports: Iterable[Report]) -> list[User]:
    ids = {r.person_id for r in reports if r.person_id is not None}
    return list(User.objects.filter(pk__in=ids))


def warning_send(*, person: User, kinds: set[str]) -> None:
    """A short, firm, kind email telling someone what was reported and what happens next."""
    context = {"person": person, "kinds": sorted(kinds), "site_url": settings.SITE_URL}
    send_mail(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + "About something you posted on Tandem",
        message=render_to_string("moderation/email/warning.txt", context),
        from_email=None,
        recipient_list=[person.email],
    )


@transaction.atomic
def reports_warn(*, reports: list[Report], staff: User, now: datetime) -> int:
    """Email each person reported a warning (once each), and close the reports."""
    _staff_check(staff)
    open_reports = [r for r in reports if r.status == Report.Status.OPEN]
    for person in _people(open_reports):
        kinds = {
            Report.TargetKind(r.target_kind).label.lower()
            for r in open_reports
            if r.person_id == person.pk
        }
        transaction.on_commit(partial(warning_send, person=person, kinds=kinds))
    return _close(open_reports, staff=staff, now=now, status=Report.Status.ACTIONED, action="warn")


@transaction.atomic
def reports_suspend(*, reports: list[Report], staff: User, now: datetime) -> int:
    """Switch off the accounts of the people reported: they can no longer sign in, and a
    session they have open stops working at their next page. Staff accounts are left alone."""
    _staff_check(staff)
    open_reports = [r for r in reports if r.status == Report.Status.OPEN]
    people = _people(open_reports)
    if any(p.is_staff for p in people):
        raise IllegalTransition("A staff account can't be suspended from a report.")
    User.objects.filter(pk__in=[p.pk for p in people]).update(is_active=False)
    for hook in _on_suspend:
        hook(user_ids=[p.pk for p in people])
    return _close(
        open_reports, staff=staff, now=now, status=Report.Status.ACTIONED, action="suspend"
    )


@transaction.atomic
def reports_remove(*, reports: list[Report], staff: User, now: datetime) -> int:
    """Remove the reported content through the app that owns it, and close the reports."""
    _staff_check(staff)
    open_reports = [r for r in reports if r.status == Report.Status.OPEN]
    for kind, target_id in {(r.target_kind, r.target_id) for r in open_reports}:
        content_remove(kind=kind, target_id=target_id, staff=staff, now=now)
    return _close(
        open_reports, staff=staff, now=now, status=Report.Status.ACTIONED, action="remove"
    )


@transaction.atomic
def reports_dismiss(*, reports: list[Report], staff: User, now: datetime) -> int:
    """Staff looked and nothing needs doing: the reports leave the open list."""
    _staff_check(staff)
    open_reports = [r for r in reports if r.status == Report.Status.OPEN]
    return _close(open_reports, staff=staff, now=now, status=Report.Status.DISMISSED)
