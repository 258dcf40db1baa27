"""Reported messages, for staff: each report with the one message it is about, and the
actions to hide it, show it again, or leave it as it is.

Messages are private to the pair, so staff read a message only when one of the two reported
it, and then that message alone: there is no admin page for threads or messages, search
never looks into texts, and a report shows where the message was (the ask or mentorship,
whose own admin pages hold no messages) but not the rest of the conversation.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from tandem.accounts.models import User
from tandem.conversations.models import Message, Report
from tandem.conversations.services import MODERATE, messages_hide, messages_show, reports_keep
from tandem.core.admin import ReadOnlyAdmin
from tandem.core.http import AuthedHttpRequest
from tandem.moderation.audit import AuditedAdmin

SHOWN = (
    "reported_at", "reason", "note", "reporter", "author", "reported_message", "sent_at",
    "where", "hidden", "reviewed_at", "reviewed_by",
)  # fmt: skip


@admin.register(Report)
class ReportAdmin(AuditedAdmin, ReadOnlyAdmin):
    list_display = (
        "reported_at", "reason", "reporter", "author", "reported_message", "hidden", "reviewed_at"
    )  # fmt: skip
    list_filter = (
        ("reviewed_at", admin.EmptyFieldListFilter), "reason",
        ("message__hidden_at", admin.EmptyFieldListFilter),
    )  # fmt: skip
    list_select_related = ("reporter", "message__author", "message__thread", "reviewed_by")
    # People only: searching the texts would open every message to staff.
    search_fields = ("reporter__email", "message__author__email")
    date_hierarchy = "reported_at"
    fields = SHOWN
    readonly_fields = SHOWN
    actions = ["hide", "show_again", "keep"]

    def has_moderate_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(MODERATE)

    @admin.display(description="written by")
    def author(self, report: Report) -> User:
        return report.message.author

    @admin.display(description="the reported message")
    def reported_message(self, report: Report) -> str:
        return report.message.text

    @admin.display(description="sent")
    def sent_at(self, report: Report) -> object:
        return report.message.sent_at

    @admin.display(description="in the conversation of")
    def where(self, report: Report) -> str:
        thread = report.message.thread
        if thread.ask_id:
            return f"ask {thread.ask_id} (it may have become a mentorship)"
        return f"mentorship {thread.mentorship_id}"

    @admin.display(boolean=True, description="hidden")
    def hidden(self, report: Report) -> bool:
        return report.message.is_hidden

    def _messages(self, reports: QuerySet[Report]) -> QuerySet[Message]:
        return Message.objects.filter(reports__in=reports).distinct()

    @admin.action(description="Hide the reported messages", permissions=["moderate"])
    def hide(self, request: AuthedHttpRequest, reports: QuerySet[Report]) -> None:
        hidden = messages_hide(
            messages=self._messages(reports),
            staff=request.user,
            now=timezone.now(),
        )
        self.message_user(request, f"Hidden: {hidden}. Both sides now see that it was hidden.")

    @admin.action(description="Show the messages again", permissions=["moderate"])
    def show_again(self, request: AuthedHttpRequest, reports: QuerySet[Report]) -> None:
        shown = messages_show(messages=self._messages(reports), staff=request.user)
        self.message_user(request, f"Shown again: {shown}.")

    @admin.action(description="Leave the messages as they are", permissions=["moderate"])
    def keep(self, request: AuthedHttpRequest, reports: QuerySet[Report]) -> None:
        kept = reports_keep(reports=reports, staff=request.user, now=timezone.now())
        self.message_user(request, f"Looked at and left as they are: {kept}.")
