from django.contrib import admin

from tandem.moderation.audit import AuditedAdmin
from tandem.notifications.models import DigestSent, Notification, Preference


@admin.register(Notification)
class NotificationAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ("recipient", "kind", "title", "created_at", "read_at", "emailed_at")
    list_filter = ("kind",)
    list_select_related = ("recipient",)
    search_fields = ("recipient__email", "title", "cause")
    autocomplete_fields = ("recipient",)
    date_hierarchy = "created_at"


@admin.register(Preference)
class PreferenceAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ("user", "kind", "delivery")
    list_filter = ("kind", "delivery")
    list_select_related = ("user",)
    search_fields = ("user__email",)
    autocomplete_fields = ("user",)


@admin.register(DigestSent)
class DigestSentAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ("user", "day", "sent_at", "notification_count")
    list_select_related = ("user",)
    search_fields = ("user__email",)
    autocomplete_fields = ("user",)
    date_hierarchy = "day"
