"""Stuck checks for staff: that a check exists, whose and when, read-only. The answers, the
scores and which suggestions were taken are the owner's alone and are never shown here (the
fields are left out of the list and the record, and search looks at the owner only)."""

from __future__ import annotations

from django.contrib import admin

from tandem.core.admin import ReadOnlyAdmin
from tandem.growth.stuck.models import StuckCheck, StuckStep
from tandem.moderation.audit import AuditedAdmin

OWNER = ("owner__email", "owner__first_name", "owner__last_name")


@admin.register(StuckCheck)
class StuckCheckAdmin(AuditedAdmin, ReadOnlyAdmin):
    list_display = ("id", "owner", "taken_at")
    list_select_related = ("owner",)
    search_fields = OWNER
    fields = ("owner", "taken_at")


@admin.register(StuckStep)
class StuckStepAdmin(AuditedAdmin, ReadOnlyAdmin):
    list_display = ("id", "kind", "taken_at")
    list_filter = ("kind",)
    search_fields = tuple(f"stuck_check__{name}" for name in OWNER)
    fields = ("kind", "taken_at")
