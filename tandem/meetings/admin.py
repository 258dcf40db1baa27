"""Meetings and what follows them, for staff: read-only lists with search and filters.

A private note belongs to its author alone, forever: staff see that one exists, never its
text, and search never looks into note texts. The calendar feed's token is a secret key to a
person's calendar, so it is not shown either.
"""

from __future__ import annotations

from django.contrib import admin

from tandem.core.admin import ReadOnlyAdmin, ReadOnlyInline
from tandem.meetings.models import (
    ActionItem,
    AgendaItem,
    CalendarFeed,
    Meeting,
    MeetingFeedback,
    MeetingTransition,
    Note,
    Slot,
    ThankYou,
)
from tandem.moderation.audit import AuditedAdmin

PEOPLE = (
    "mentorship__mentee__user__email", "mentorship__mentee__user__first_name",
    "mentorship__mentee__user__last_name", "mentorship__mentor__user__email",
    "mentorship__mentor__user__first_name", "mentorship__mentor__user__last_name",
)  # fmt: skip
PRIVATE = "Private note: only its author can read it."


class SlotInline(ReadOnlyInline):
    model = Slot
    fields = ("starts_at", "round")


class TransitionInline(ReadOnlyInline):
    model = MeetingTransition
    fields = ("at", "actor", "from_state", "to_state", "reason")


class AgendaInline(ReadOnlyInline):
    model = AgendaItem
    fields = ("text", "author", "created_at")


@admin.register(Meeting)
class MeetingAdmin(AuditedAdmin, ReadOnlyAdmin):
    list_display = ("id", "mentorship", "state", "starts_at", "minutes", "sequence")
    list_filter = ("state", "minutes", "starts_at")
    search_fields = PEOPLE
    date_hierarchy = "starts_at"
    inlines = [SlotInline, AgendaInline, TransitionInline]


@admin.register(Note)
class NoteAdmin(AuditedAdmin, ReadOnlyAdmin):
    list_display = ("id", "meeting", "author", "is_private", "shown_text", "created_at")
    list_filter = ("is_private", "created_at")
    list_select_related = ("author",)
    # Authors and people only: searching texts would reveal a private note by its words.
    search_fields = ("author__email", "author__first_name", "author__last_name")
    exclude = ("text",)
    readonly_fields = ("shown_text",)

    @admin.display(description="text")
    def shown_text(self, note: Note) -> str:
        return PRIVATE if note.is_private else note.text


@admin.register(ActionItem)
class ActionItemAdmin(AuditedAdmin, ReadOnlyAdmin):
    list_display = ("text", "mentorship", "owner", "status", "due_on", "closed_at")
    list_filter = ("status", "due_on")
    list_select_related = ("owner",)
    search_fields = ("text", "owner__email", "owner__first_name", "owner__last_name")


@admin.register(ThankYou)
class ThankYouAdmin(AuditedAdmin, ReadOnlyAdmin):
    list_display = ("meeting", "author", "created_at")
    list_select_related = ("author",)
    search_fields = ("author__email", "author__first_name", "author__last_name")


@admin.register(MeetingFeedback)
class MeetingFeedbackAdmin(AuditedAdmin, ReadOnlyAdmin):
    list_display = ("meeting", "author", "rating", "created_at")
    list_filter = ("rating",)
    list_select_related = ("author",)
    search_fields = ("author__email", "author__first_name", "author__last_name")


@admin.register(CalendarFeed)
class CalendarFeedAdmin(AuditedAdmin, ReadOnlyAdmin):
    list_display = ("user", "created_at")
    list_select_related = ("user",)
    search_fields = ("user__email",)
    exclude = ("token",)
