"""The staff audit log: which member of staff looked at or changed whose data in the admin.

`AuditedAdmin` is mixed into the admin of every model that holds people's data (accounts'
User is wrapped in `moderation/admin.py`, since accounts sits below this app). It writes one
`AuditEntry` for each list or record opened, each add, change and deletion, and each action
run on a selection, with the address the request came from (`core/proxies.client_address`:
the peer's, or a trusted proxy's word for it).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from tandem.core.proxies import client_address
from tandem.moderation.models import AuditEntry

REPR_MAX = 200


def audit_record(
    request: HttpRequest, *, verb: str, model: type[Model], obj: Model | None = None,
    object_id: str = "", detail: str = "",
) -> AuditEntry:  # fmt: skip
    """Write one entry for what `request.user` (staff) just did."""
    staff = request.user
    return AuditEntry.objects.create(
        staff=staff if staff.is_authenticated else None,
        staff_email=getattr(staff, "email", ""),
        verb=verb,
        content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
        object_id=str(obj.pk) if obj is not None else object_id,
        object_repr=str(obj)[:REPR_MAX] if obj is not None else "",
        detail=detail,
        address=client_address(request) or None,
        at=timezone.now(),
    )


def _message(message: Any) -> str:
    """The admin's change message (a list of dicts, or text) as one line of field names."""
    if isinstance(message, list):
        fields: list[str] = []
        for part in message:
            for change in part.values():
                fields.extend(change.get("fields", []) if isinstance(change, dict) else [])
        return ("fields: " + ", ".join(fields)) if fields else ""
    return str(message or "")


class AuditedAdmin(admin.ModelAdmin):
    """Mix in first: `class ProfileAdmin(AuditedAdmin, admin.ModelAdmin)`."""

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        if request.method == "GET" and response.status_code == 200:
            detail = request.GET.urlencode()
            audit_record(request, verb=AuditEntry.Verb.VIEW, model=self.model, detail=detail)
        return response

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "",
        extra_context: Any = None,
    ) -> HttpResponse:  # fmt: skip
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            original = getattr(response, "context_data", {}).get("original")
            audit_record(
                request, verb=AuditEntry.Verb.VIEW, model=self.model, obj=original,
                object_id=str(object_id),
            )  # fmt: skip
        return response

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        audit_record(
            request, verb=AuditEntry.Verb.ADD, model=self.model, obj=obj, detail=_message(message)
        )
        return super().log_addition(request, obj, message)

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        audit_record(
            request, verb=AuditEntry.Verb.CHANGE, model=self.model, obj=obj,
            detail=_message(message),
        )  # fmt: skip
        return super().log_change(request, obj, message)

    def log_deletions(self, request: HttpRequest, queryset: QuerySet[Any]) -> Any:
        for obj in queryset:
            audit_record(request, verb=AuditEntry.Verb.DELETE, model=self.model, obj=obj)
        return super().log_deletions(request, queryset)

    def response_action(self, request: HttpRequest, queryset: Any) -> HttpResponse | None:
        ids = request.POST.getlist(ACTION_CHECKBOX_NAME)
        names = request.POST.getlist("action")
        response = super().response_action(request, queryset)
        name = names[0] if names else ""
        if ids and name in self.get_actions(request):
            detail = f"{name} on {len(ids)}: {', '.join(ids[:50])}"
            audit_record(request, verb=AuditEntry.Verb.ACTION, model=self.model, detail=detail)
        return response
