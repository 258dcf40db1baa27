from django.contrib import admin

from tandem.moderation.audit import AuditedAdmin
from tandem.organizations.models import Membership, Organization


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "organization"
    extra = 0
    raw_id_fields = ("user", "granted_by")


@admin.register(Organization)
class OrganizationAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ("name", "kind", "industry", "created_at")
    list_filter = ("kind", "industry", "named_on_profile")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    inlines = (MembershipInline,)
