"""Promotion plans, for staff: that a person has one, when it changed and how many rows it
holds. Nothing a person wrote in it is shown (not the role they aim for, not a name on their
map), and search looks only at the owner's email."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from tandem.core.admin import ReadOnlyAdmin
from tandem.growth.promotion.models import PromotionPlan
from tandem.moderation.audit import AuditedAdmin

KINDS = ("skills", "visibility", "deciders", "opportunities")  # the plan's related names


@admin.register(PromotionPlan)
class PromotionPlanAdmin(AuditedAdmin, ReadOnlyAdmin):
    list_display = ("id", "owner", "rows", "created_at", "updated_at")
    list_select_related = ("owner",)
    search_fields = ("owner__email",)
    fields = ("owner", "rows", "created_at", "updated_at")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[PromotionPlan]:
        counts = {f"n_{name}": Count(name, distinct=True) for name in KINDS}
        return super().get_queryset(request).annotate(**counts)

    @admin.display(description="rows")
    def rows(self, plan: PromotionPlan) -> str:
        n = {name: getattr(plan, f"n_{name}", 0) for name in KINDS}
        return (
            f"{n['skills']} skills, {n['visibility']} visibility actions, "
            f"{n['deciders']} deciders, {n['opportunities']} openings"
        )
