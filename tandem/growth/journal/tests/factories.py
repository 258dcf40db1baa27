"""Factories for the journal: entries written through the service, as a person would."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import factory

from tandem.accounts.tests.factories import UserFactory
from tandem.core.tests.clock import NOW
from tandem.growth.journal.models import EntryKind, JournalEntry
from tandem.growth.journal.services import journal_entry_add


class JournalEntryFactory(factory.django.DjangoModelFactory[JournalEntry]):
    """An entry of `owner`'s about a new manager, written at `now`, a week after it happened."""

    class Meta:
        model = JournalEntry

    owner = factory.SubFactory(UserFactory)
    now: datetime = NOW
    happened_on = factory.LazyAttribute(lambda o: o.now.date() - timedelta(days=7))
    kind = EntryKind.NEW_MANAGER
    text = "Priya took over the team today and asked everyone for a one-page summary."
    fresh_eyes = ""

    @classmethod
    def _create(cls, model_class: type[JournalEntry], *args: Any, **kwargs: Any) -> JournalEntry:
        return journal_entry_add(**kwargs)
