"""Blocks and mutes between two people, and reports of inappropriate content for staff."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Block(models.Model):
    """`owner` keeps `other` away. A block stops asks, suggestions and notices both ways a
    person would notice; a mute only silences `other`'s notices to `owner`."""

    class Kind(models.TextChoices):
        BLOCK = "block", "Blocked"
        MUTE = "mute", "Muted"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made"
    )
    other = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_received"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.BLOCK)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("owner", "other"), name="moderation_block_once"),
            models.CheckConstraint(
                condition=~models.Q(owner=models.F("other")), name="moderation_block_not_self"
            ),
        ]
        indexes = [models.Index(fields=("other", "owner"))]

    def __str__(self) -> str:
        return f"{self.owner_id} {self.kind} {self.other_id}"


class Report(models.Model):
    """Someone says a piece of content (or a person's profile) is inappropriate.

    `context` is a snapshot of what the reporter saw, so staff can judge it even after the
    content changes or goes; `target_kind` + `target_id` point at the live object and
    `person` at whose it is."""

    class TargetKind(models.TextChoices):
        ASK = "ask", "An ask"
        MESSAGE = "message", "A message"
        PROFILE = "profile", "A profile"
        NOTE = "note", "A meeting note"

    class Reason(models.TextChoices):
        HARASSMENT = "harassment", "Harassment or abuse"
        SPAM = "spam", "Spam or selling"
        INAPPROPRIATE = "inappropriate", "Inappropriate or offensive"
        FAKE = "fake", "Fake or impersonating someone"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ACTIONED = "actioned", "Acted on"
        DISMISSED = "dismissed", "Dismissed"

    class Action(models.TextChoices):
        NONE = "", "None"
        WARN = "warn", "Warned"
        SUSPEND = "suspend", "Suspended"
        REMOVE = "remove", "Content removed"

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="moderation_reports_made",
    )
    # The person whose content (or profile) it is.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="moderation_reports_about",
    )
    target_kind = models.CharField(max_length=16, choices=TargetKind.choices)
    target_id = models.BigIntegerField()
    reason = models.CharField(max_length=16, choices=Reason.choices)
    details = models.TextField(blank=True, max_length=2000)
    context = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    action = models.CharField(max_length=12, choices=Action.choices, default="", blank=True)
    staff_note = models.TextField(blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderation_reports_handled",
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = [
            # One open report per person per thing: reporting twice does not pile up.
            models.UniqueConstraint(
                fields=("reporter", "target_kind", "target_id"),
                condition=models.Q(status="open"),
                name="moderation_report_open_once",
            ),
        ]
        indexes = [models.Index(fields=("status", "-created_at"))]

    def __str__(self) -> str:
        return f"{self.get_target_kind_display()} #{self.target_id} ({self.get_reason_display()})"


class AuditEntry(models.Model):
    """One thing a member of staff did with people's data in the admin: opened a list or a
    record, added, changed or deleted one, or ran an action. Written by `audit.AuditedAdmin`;
    read-only, and only superusers read it."""

    class Verb(models.TextChoices):
        VIEW = "view", "Viewed"
        ADD = "add", "Added"
        CHANGE = "change", "Changed"
        DELETE = "delete", "Deleted"
        ACTION = "action", "Ran an action"

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as written, so the entry still says who it was after their account is gone.
    staff_email = models.CharField(max_length=254)
    verb = models.CharField(max_length=8, choices=Verb.choices)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Blank for a list; the admin's object id otherwise (text, as the admin's URLs carry it).
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    detail = models.TextField(blank=True)  # what changed, which action, which search
    address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ("-at", "-id")
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=("content_type", "object_id", "-at"))]

    def __str__(self) -> str:
        return f"{self.staff_email} {self.verb} {self.object_repr or self.content_type_id}"
