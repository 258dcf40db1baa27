from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from tandem.moderation.audit import AuditedAdmin
from tandem.profiles.models import Language, Profile, SkillOffered, SkillRequest
from tandem.profiles.services import skill_request_map, skill_requests_map_resolved


class SkillOfferedInline(admin.TabularInline):
    model = SkillOffered
    extra = 0
    autocomplete_fields = ("skill",)


@admin.register(Profile)
class ProfileAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = (
        "user", "is_mentee", "is_mentor", "organization", "level", "capacity", "is_paused",
        "visibility", "onboarded_at",
    )  # fmt: skip
    list_filter = ("is_mentee", "is_mentor", "is_paused", "visibility", "industry", "function")
    list_select_related = ("user", "organization")
    search_fields = ("user__email", "user__first_name", "user__last_name", "headline")
    autocomplete_fields = ("user", "organization", "skills_wanted", "competitors")
    filter_horizontal = ("languages",)
    inlines = [SkillOfferedInline]
    readonly_fields = ("created_at", "updated_at")


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ("name", "code")
    search_fields = ("name", "code")


class WaitingFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("waiting", "Waiting to be mapped"), ("mapped", "Mapped")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "waiting":
            return queryset.filter(mapped_to__isnull=True)
        if self.value() == "mapped":
            return queryset.filter(mapped_to__isnull=False)
        return queryset


@admin.register(SkillRequest)
class SkillRequestAdmin(AuditedAdmin, admin.ModelAdmin):
    """Skills people typed in their own words: staff pick the skill each one means.

    Saving a skill on a waiting row goes through `skill_request_map`, which gives the person
    that skill on the same side. To teach Tandem the words for next time, add them as an alias
    of the skill, then use "Map to the skill the words now name" on the waiting rows.
    """

    list_display = ("text", "side", "profile", "requested_at", "mapped_to", "mapped_at")
    list_filter = (WaitingFilter, "side")
    list_select_related = ("profile__user", "mapped_to")
    search_fields = ("text", "profile__user__email", "mapped_to__name")
    ordering = ("mapped_to", "-requested_at", "-id")
    autocomplete_fields = ("mapped_to",)
    fields = ("profile", "side", "text", "proficiency", "requested_at", "mapped_to", "mapped_at")
    actions = ("map_to_resolved",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Only the skill a waiting row means is staff's to choose; a mapped row is the record.
        fixed = ("profile", "side", "text", "proficiency", "requested_at", "mapped_at")
        return (*fixed, "mapped_to") if obj is not None and not obj.is_pending else fixed

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if obj.mapped_to is not None and "mapped_to" in form.changed_data:
            skill_request_map(skill_request_id=obj.pk, skill=obj.mapped_to, now=timezone.now())

    @admin.action(description="Map to the skill the words now name (after adding an alias)")
    def map_to_resolved(self, request: HttpRequest, queryset: QuerySet[SkillRequest]) -> None:
        ids = list(queryset.values_list("id", flat=True))
        mapped = skill_requests_map_resolved(skill_request_ids=ids, now=timezone.now())
        left = len(ids) - mapped
        self.message_user(
            request,
            f"Mapped {mapped}; {left} still name no skill (or were mapped already).",
            messages.SUCCESS if mapped else messages.WARNING,
        )
