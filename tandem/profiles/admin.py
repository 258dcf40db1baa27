from django.contrib import admin

from tandem.profiles.models import Language, Profile, SkillOffered


class SkillOfferedInline(admin.TabularInline):
    model = SkillOffered
    extra = 0
    autocomplete_fields = ("skill",)


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
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
