from django.contrib import admin

from tandem.skills.models import Skill, SkillAlias, SkillCategory


class SkillAliasInline(admin.TabularInline):
    model = SkillAlias
    extra = 1
    fields = ("alias",)


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ("name", "category", "slug")
    list_filter = ("category",)
    search_fields = ("name", "aliases__alias", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [SkillAliasInline]


@admin.register(SkillCategory)
class SkillCategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "position")
    search_fields = ("name",)


@admin.register(SkillAlias)
class SkillAliasAdmin(admin.ModelAdmin):
    list_display = ("alias", "skill")
    search_fields = ("alias", "skill__name")
    autocomplete_fields = ("skill",)
