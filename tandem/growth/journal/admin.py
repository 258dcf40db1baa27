"""Journal entries for staff: that a person has entries, and when, never what they say.

The journal is private to its owner, so the admin shows no text (neither what happened nor
the fresh-eyes answer), nor what kind of change it was, and search looks at owners only.
"""

from __future__ import annotations

from django.contrib import admin

from tandem.core.admin import ReadOnlyAdmin
from tandem.growth.journal.models import JournalEntry
from tandem.moderation.audit import AuditedAdmin


@admin.register(JournalEntry)
class JournalEntryAdmin(AuditedAdmin, ReadOnlyAdmin):
    list_display = ("id", "owner", "happened_on", "created_at")
    list_select_related = ("owner",)
    search_fields = ("owner__email", "owner__first_name", "owner__last_name")
    fields = ("owner", "happened_on", "created_at", "updated_at")
    readonly_fields = fields
