"""Staff review reports here, and superusers read the audit log.

Reports: the open ones first, each with what the reporter saw (`context`, a snapshot), and
four actions: warn the person by email, suspend their account, remove the content (through
the app that owns it, `removal.py`), or dismiss. Every action closes all open reports of the
same thing and records who handled them and when.

The audit log is read-only, for superusers alone. The accounts admin is wrapped here with the
audit mixin because accounts sits below this app and cannot import it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.timesince import timesince

from tandem.accounts.admin import UserAdmin
from tandem.accounts.models import User
from tandem.core.admin import ReadOnlyAdmin
from tandem.core.errors import DomainError
from tandem.core.http import AuthedHttpRequest
from tandem.moderation import reports as services
from tandem.moderation.audit import AuditedAdmin
from tandem.moderation.models import AuditEntry, Report

SHOWN = (
    "created_at", "status", "target_kind", "target_id", "person", "reason", "context",
    "details", "reporter", "action", "handled_by", "handled_at",
)  # fmt: skip


class StatusFilter(admin.SimpleListFilter):
    """Open reports unless staff ask for the others: the list is a queue."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [*Report.Status.choices, ("all", "All")]

    def choices(self, changelist: Any) -> Any:
        for choice in super().choices(changelist):
            if choice["display"] == "All" and choice["query_string"].find("status") == -1:
                continue  # the unfiltered "All" would read as the default; it is "open"
            yield choice

    def value(self) -> str:
        return super().value() or Report.Status.OPEN

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "all":
            return queryset
        return queryset.filter(status=self.value())


def _act(
    run: Callable[..., int], done: str
) -> Callable[[ReportAdmin, AuthedHttpRequest, QuerySet[Report]], None]:
    def action(admin_: ReportAdmin, request: AuthedHttpRequest, queryset: QuerySet[Report]) -> None:
        try:
            closed = run(reports=list(queryset), staff=request.user, now=timezone.now())
        except DomainError as error:
            admin_.message_user(request, f"Nothing was changed: {error.message}", messages.ERROR)
            return
        admin_.message_user(request, done.format(closed=closed), messages.SUCCESS)

    return action


@admin.register(Report)
class ReportAdmin(AuditedAdmin, ReadOnlyAdmin):
    list_display = ("created_at", "age", "reason", "target_kind", "person", "status", "action")
    list_filter = (StatusFilter, "target_kind", "reason", "action")
    list_select_related = ("person", "reporter", "handled_by")
    search_fields = ("person__email", "reporter__email")
    ordering = ("created_at", "id")  # oldest first: the longest waiting is looked at first
    fields = SHOWN
    readonly_fields = SHOWN
    actions = ("warn", "suspend", "remove", "dismiss")

    @admin.display(description="waiting")
    def age(self, report: Report) -> str:
        return timesince(report.created_at)

    def has_act_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("moderation.change_report")

    warn = admin.action(
        description="Warn the person by email (a short, kind, firm note)",
        permissions=["act"],
    )(_act(services.reports_warn, "Warned; {closed} report(s) closed. The email is on its way."))
    suspend = admin.action(
        description="Suspend the person: they can't sign in until staff switch them back on",
        permissions=["act"],
    )(_act(services.reports_suspend, "Suspended; {closed} report(s) closed."))
    remove = admin.action(
        description="Remove the reported content (an ask, message, note or profile)",
        permissions=["act"],
    )(_act(services.reports_remove, "Removed; {closed} report(s) closed."))
    dismiss = admin.action(description="Dismiss: looked at, nothing to do", permissions=["act"])(
        _act(services.reports_dismiss, "Dismissed; {closed} report(s) closed.")
    )


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Superusers only; nobody edits or deletes it here."""

    list_display = ("at", "staff_email", "verb", "content_type", "object_repr", "address")
    list_filter = ("verb", "content_type")
    search_fields = ("staff_email", "object_repr", "object_id")
    date_hierarchy = "at"

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)


# The people themselves: every look at or change of an account is recorded.
admin.site.unregister(User)


@admin.register(User)
class AuditedUserAdmin(AuditedAdmin, UserAdmin):
    pass
