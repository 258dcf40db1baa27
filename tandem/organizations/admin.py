from django.contrib import admin

from tandem.organizations.models import Organization


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "industry", "created_at")
    list_filter = ("kind", "industry")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
