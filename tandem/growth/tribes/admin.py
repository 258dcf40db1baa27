"""Tribes for staff: read-only, as they are derived from the taxonomy (`sync_tribes`), and who
is in which. Membership holds no private text: it is what a person chose to show."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from tandem.core.admin import ReadOnlyAdmin
from tandem.growth.tribes.models import Tribe, TribeMembership
from tandem.moderation.audit import AuditedAdmin


@admin.register(Tribe)
class TribeAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "slug", "category", "function", "member_count")
    list_filter = ("kind",)
    search_fields = ("name", "slug")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Tribe]:
        return super().get_queryset(request).annotate(member_count=Count("memberships"))

    @admin.display(description="members", ordering="member_count")
    def member_count(self, tribe: Tribe) -> int:
        return tribe.member_count  # type: ignore[attr-defined]


@admin.register(TribeMembership)
class TribeMembershipAdmin(AuditedAdmin, ReadOnlyAdmin):
    list_display = ("id", "tribe", "profile", "joined_at")
    list_filter = ("tribe__kind", "tribe")
    list_select_related = ("tribe", "profile__user")
    search_fields = (
        "profile__user__email",
        "profile__user__first_name",
        "profile__user__last_name",
    )
