"""The journal stays its owner's: staff's admin shows that entries exist, never their words;
the data download holds the person's own entries and nobody else's."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.accounts.tests.factories import UserFactory
from tandem.growth.journal.selectors import export_for
from tandem.growth.journal.tests.factories import JournalEntryFactory

WORDS = "My new manager cancelled our one-to-one again"
ANSWER = "A newcomer would see I never push back"


@pytest.mark.django_db
class TestTheAdmin:
    def test_staff_see_no_words_of_an_entry_in_the_list_or_the_record(self, client):
        entry = JournalEntryFactory(text=WORDS, fresh_eyes=ANSWER)
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        listing = client.get(reverse("admin:growth_journal_journalentry_changelist"))
        record = client.get(reverse("admin:growth_journal_journalentry_change", args=[entry.pk]))
        for response in (listing, record):
            assert response.status_code == 200
            body = response.content.decode()
            assert WORDS not in body
            assert ANSWER not in body

    def test_searching_the_admin_by_words_finds_nothing(self, client):
        JournalEntryFactory(text=WORDS)
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        response = client.get(
            reverse("admin:growth_journal_journalentry_changelist"), {"q": "cancelled"}
        )
        assert "0 journal entries" in response.content.decode()


@pytest.mark.django_db
class TestTheDataDownload:
    def test_it_holds_my_entries_with_their_answers_and_no_one_elses(self, user):
        JournalEntryFactory(owner=user, text=WORDS, fresh_eyes=ANSWER)
        JournalEntryFactory(text="Someone else's entry")
        [row] = export_for(user)["journal_entries"]
        assert (row["kind"], row["what_happened"], row["with_fresh_eyes"]) == (
            "new_manager", WORDS, ANSWER,
        )  # fmt: skip

    def test_a_person_without_entries_gets_an_empty_list(self, user):
        assert export_for(user) == {"journal_entries": []}
