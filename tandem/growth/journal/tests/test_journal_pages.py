"""Journal pages: one's own entries only (anyone else's is a 404 and stays as it was), the
fresh-eyes prompt after writing, field messages for bad input, and the page's query count."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.tests.factories import UserFactory
from tandem.growth.journal.models import JournalEntry
from tandem.growth.journal.prompts import FRESH_EYES
from tandem.growth.journal.selectors import PAGE_SIZE
from tandem.growth.journal.tests.factories import JournalEntryFactory

DAY = timedelta(days=1)
JOURNAL = reverse("growth:growth_journal:journal")
ADD = reverse("growth:growth_journal:add")


def _entry(owner, **fields):
    """An entry written by the real clock (the pages read it)."""
    return JournalEntryFactory(owner=owner, now=timezone.now(), **fields)


def _form(entry=None, **changes):
    today = timezone.localdate()
    data = {"happened_on": today.isoformat(), "kind": "new_project",
            "text": "The billing rewrite starts Monday.", "fresh_eyes": ""}  # fmt: skip
    return {**data, **changes}


@pytest.mark.django_db
class TestTheJournal:
    def test_it_lists_only_my_entries_newest_first(self, client, user):
        today = timezone.localdate()
        _entry(user, happened_on=today - 9 * DAY, text="Older change")
        _entry(user, happened_on=today - DAY, text="Newer change")
        _entry(UserFactory(), text="Someone else's change")
        client.force_login(user)
        page = client.get(JOURNAL).content.decode()
        assert page.index("Newer change") < page.index("Older change")
        assert "Someone else" not in page

    def test_it_pages_through_many_entries(self, client, user):
        for _ in range(PAGE_SIZE + 1):
            _entry(user)
        client.force_login(user)
        assert "Page 1 of 2" in client.get(JOURNAL).content.decode()
        assert client.get(JOURNAL, {"page": "2"}).context["page"].object_list.count() == 1
        assert client.get(JOURNAL, {"page": "abc"}).status_code == 200

    def test_an_empty_journal_says_how_to_start(self, client, user):
        client.force_login(user)
        assert "Nothing here yet" in client.get(JOURNAL).content.decode()

    def test_the_page_costs_the_same_with_one_entry_or_a_full_page(
        self, client, user, django_assert_num_queries
    ):
        client.force_login(user)
        _entry(user)
        client.get(JOURNAL)  # the session and the timezone settle on the first visit
        with django_assert_num_queries(7) as one:
            client.get(JOURNAL)
        for _ in range(PAGE_SIZE):
            _entry(user)
        with django_assert_num_queries(len(one.captured_queries)):
            client.get(JOURNAL)

    def test_signed_out_visitors_are_sent_to_sign_in(self, client):
        response = client.get(JOURNAL)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
class TestWritingFromThePage:
    def test_saving_leads_to_the_entry_with_its_fresh_eyes_prompt(self, client, user):
        client.force_login(user)
        response = client.post(ADD, _form(kind="new_manager"), follow=True)
        entry = JournalEntry.objects.get(owner=user)
        assert response.redirect_chain[-1][0] == entry.get_absolute_url()
        assert FRESH_EYES["new_manager"] in response.content.decode()

    def test_a_day_in_the_future_is_a_field_message_and_nothing_is_saved(self, client, user):
        client.force_login(user)
        tomorrow = (timezone.localdate() + 2 * DAY).isoformat()
        response = client.post(ADD, _form(happened_on=tomorrow))
        assert response.status_code == 400
        assert "Pick today or a day before" in response.content.decode()
        assert not JournalEntry.objects.exists()

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [("happened_on", "31/31/2026", "Pick a day, like"), ("kind", "promotion", "Choose one"),
         ("text", "", "Write a line or two"), ("text", "x" * 2001, "at most 2000")],
    )  # fmt: skip
    def test_bad_input_is_named_at_its_field(self, client, user, field, value, message):
        client.force_login(user)
        response = client.post(ADD, _form(**{field: value}))
        assert response.status_code == 400
        assert message in response.content.decode()
        assert not JournalEntry.objects.exists()

    def test_the_entry_page_shows_the_entry_ready_to_change(self, client, user):
        entry = _entry(user, kind="role_change")
        client.force_login(user)
        page = client.get(entry.get_absolute_url()).content.decode()
        assert f'value="{entry.happened_on.isoformat()}"' in page  # what a date input reads
        assert re.search(r'<input[^>]*value="role_change"[^>]*checked', page)
        assert FRESH_EYES["role_change"] in page

    def test_answering_the_prompt_on_the_entry_page(self, client, user):
        entry = _entry(user)
        client.force_login(user)
        data = _form(kind=entry.kind, text=entry.text, fresh_eyes="Offer her a weekly note.")
        response = client.post(entry.get_absolute_url(), data)
        assert response.status_code == 302
        entry.refresh_from_db()
        assert entry.fresh_eyes == "Offer her a weekly note."

    def test_deleting_from_the_entry_page(self, client, user):
        entry = _entry(user)
        client.force_login(user)
        delete = reverse("growth:growth_journal:delete", args=[entry.pk])
        assert client.get(delete).status_code == 405
        assert client.post(delete)["Location"] == JOURNAL
        assert not JournalEntry.objects.exists()


@pytest.mark.django_db
class TestSomeoneElsesEntry:
    @pytest.mark.parametrize("name", ["edit", "share"])
    def test_opening_it_is_a_404_that_shows_nothing(self, client, user, name):
        entry = _entry(user, text="Private words about my manager")
        client.force_login(UserFactory())
        response = client.get(reverse(f"growth:growth_journal:{name}", args=[entry.pk]))
        assert response.status_code == 404
        assert "Private words" not in response.content.decode()

    @pytest.mark.parametrize("name", ["edit", "delete", "share"])
    def test_posting_to_it_is_a_404_and_changes_nothing(self, client, user, name):
        entry = _entry(user, text="Private words about my manager")
        client.force_login(UserFactory())
        response = client.post(reverse(f"growth:growth_journal:{name}", args=[entry.pk]),
                               _form(text="Taken over"))  # fmt: skip
        assert response.status_code == 404
        entry.refresh_from_db()
        assert entry.text == "Private words about my manager"

    def test_an_id_too_big_to_exist_is_a_plain_404(self, client, user):
        client.force_login(user)
        assert client.get(f"{JOURNAL}{2**63}/").status_code == 404
