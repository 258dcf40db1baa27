"""Asks and mentorships for staff: read-only lists with search and filters (core/admin.py).

A mentor's reason for declining is private to them (the page says "only you see this"), so the
admin shows only whether there is one.
"""

from __future__ import annotations

from django.contrib import admin

from tandem.core.admin import ReadOnlyAdmin, ReadOnlyInline
from tandem.mentorships.models import Agreement, Ask, Feedback, Goal, Mentorship, Transition
from tandem.moderation.audit import AuditedAdmin

PEOPLE = (
    "mentee__user__email", "mentee__user__first_name", "mentee__user__last_name",
    "mentor__user__email", "mentor__user__first_name", "mentor__user__last_name",
)  # fmt: skip


class TransitionInline(ReadOnlyInline):
    """A mentorship's moves, with the note each came with (it was told to the other side)."""

    model = Transition
    fields = ["at", "actor", "from_state", "to_state", "reason"]


class AskTransitionInline(TransitionInline):
    """An ask's moves, without their reason: a decline's is the mentor's private one."""

    fields = ["at", "actor", "from_state", "to_state"]


@admin.register(Ask)
class AskAdmin(AuditedAdmin, ReadOnlyAdmin):
    list_display = ("id", "mentee", "mentor", "state", "intro_minutes", "sent_at", "decided_at")
    list_filter = ("state", "intro_minutes", "sent_at")
    list_select_related = ("mentee__user", "mentor__user")
    search_fields = PEOPLE
    date_hierarchy = "sent_at"
    exclude = ("decline_reason",)
    readonly_fields = ("has_private_reason",)
    inlines = [AskTransitionInline]

    @admin.display(boolean=True, description="the mentor wrote a private reason")
    def has_private_reason(self, ask: Ask) -> bool:
        return bool(ask.decline_reason)


class AgreementInline(ReadOnlyInline):
    model = Agreement
    fields = (
        "version", "state", "proposed_by", "goals", "cadence", "meeting_minutes",
        "term_months", "starts_on", "ends_on",
    )  # fmt: skip


class GoalInline(ReadOnlyInline):
    model = Goal
    fields = ("text", "owner", "is_learning_goal", "agreement_version", "status")


@admin.register(Mentorship)
class MentorshipAdmin(AuditedAdmin, ReadOnlyAdmin):
    list_display = ("id", "mentee", "mentor", "state", "created_at", "updated_at")
    list_filter = ("state", "created_at")
    list_select_related = ("mentee__user", "mentor__user")
    search_fields = PEOPLE
    date_hierarchy = "created_at"
    inlines = [AgreementInline, GoalInline, TransitionInline]


@admin.register(Feedback)
class FeedbackAdmin(AuditedAdmin, ReadOnlyAdmin):
    """Feedback is written to be shown to the other side, so staff may read it too."""

    list_display = ("mentorship", "author", "occasion", "rating", "created_at")
    list_filter = ("occasion", "rating")
    list_select_related = ("author",)
    search_fields = ("author__email", "author__first_name", "author__last_name")
