"""The journal: dated notes on what changed around a person, each with a fresh-eyes answer.

Private to its owner. Nothing here is ever shown to anyone else; the owner may write a short
question from an entry onto a meeting's agenda (growth.sharing), and only that question goes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from tandem.core.models import BaseModel

TEXT_MAX = 2000


class EntryKind(models.TextChoices):
    """What changed around the person."""

    NEW_MANAGER = "new_manager", "A new manager"
    NEW_PROJECT = "new_project", "A new project (or one ending)"
    REORGANIZATION = "reorganization", "A reorganization"
    NEW_COLLEAGUE = "new_colleague", "A new colleague"
    ROLE_CHANGE = "role_change", "A change in my role"
    OTHER = "other", "Something else"


class JournalEntry(BaseModel):
    """Something that changed around the owner on a day, and how it looks with fresh eyes."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_entries"
    )
    happened_on = models.DateField("when it happened")
    kind = models.CharField("what changed", max_length=20, choices=EntryKind.choices)
    text = models.TextField("what happened", max_length=TEXT_MAX)
    fresh_eyes = models.TextField("with fresh eyes", max_length=TEXT_MAX, blank=True)

    class Meta:
        ordering = ("-happened_on", "-id")
        verbose_name_plural = "journal entries"
        indexes = [
            # The journal page: one person's entries, newest first.
            models.Index(fields=["owner", "-happened_on", "-id"], name="journal_owner_newest_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=EntryKind.values), name="journal_kind_known"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="journal_text_not_empty"),
        ]

    def __str__(self) -> str:
        return f"Journal entry {self.pk} of user {self.owner_id}"

    def get_absolute_url(self) -> str:
        return reverse("growth:growth_journal:edit", kwargs={"entry_id": self.pk})
