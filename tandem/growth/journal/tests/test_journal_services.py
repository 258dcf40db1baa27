"""Journal services: writing, changing and deleting one's own entries; the dates, lengths and
the cap they keep; and that nobody touches another person's entry."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.accounts.tests.factories import UserFactory
from tandem.core.errors import NotFound, RuleBroken
from tandem.core.tests.clock import NOW
from tandem.core.text import clean_text
from tandem.growth.journal import services
from tandem.growth.journal.models import TEXT_MAX, EntryKind, JournalEntry
from tandem.growth.journal.prompts import FRESH_EYES, QUESTION_DRAFT, fresh_eyes_prompt
from tandem.growth.journal.tests.factories import JournalEntryFactory
from tandem.meetings.models import TEXT_SHORT

DAY = timedelta(days=1)
TODAY = NOW.date()


def _add(owner, **changes):
    fields = {"happened_on": TODAY, "kind": EntryKind.REORGANIZATION,
              "text": "Two teams merged into one.", "now": NOW, **changes}  # fmt: skip
    return services.journal_entry_add(owner=owner, **fields)


@pytest.mark.django_db
class TestWritingAnEntry:
    def test_an_entry_is_kept_with_its_day_kind_and_words_trimmed(self, user):
        entry = _add(user, text="  Two teams merged into one.\r\nNew lead: Sam.  ")
        entry.refresh_from_db()
        assert (entry.owner, entry.happened_on, entry.kind) == (user, TODAY, "reorganization")
        assert entry.text == "Two teams merged into one.\nNew lead: Sam."
        assert entry.fresh_eyes == ""

    def test_today_is_fine_and_tomorrow_is_refused(self, user):
        _add(user, happened_on=TODAY)
        with pytest.raises(RuleBroken) as refused:
            _add(user, happened_on=TODAY + DAY)
        assert refused.value.field == "happened_on"
        assert JournalEntry.objects.count() == 1

    def test_a_date_from_another_century_is_refused_as_a_typo(self, user):
        with pytest.raises(RuleBroken) as refused:
            _add(user, happened_on=TODAY.replace(year=1926))
        assert refused.value.field == "happened_on"
        assert not JournalEntry.objects.exists()

    @pytest.mark.parametrize("text", ["", "   ", "\x00\x01"])
    def test_an_empty_text_is_refused_at_its_field(self, user, text):
        with pytest.raises(RuleBroken) as refused:
            _add(user, text=text)
        assert refused.value.field == "text"
        assert not JournalEntry.objects.exists()

    def test_the_text_and_the_answer_each_keep_to_the_limit(self, user):
        _add(user, text="x" * TEXT_MAX, fresh_eyes="y" * TEXT_MAX)
        with pytest.raises(RuleBroken) as refused:
            _add(user, text="x" * (TEXT_MAX + 1))
        assert refused.value.field == "text"
        with pytest.raises(RuleBroken) as refused:
            _add(user, fresh_eyes="y" * (TEXT_MAX + 1))
        assert refused.value.field == "fresh_eyes"
        assert JournalEntry.objects.count() == 1

    def test_an_unknown_kind_is_refused(self, user):
        with pytest.raises(RuleBroken) as refused:
            _add(user, kind="a_promotion")
        assert refused.value.field == "kind"

    def test_the_journal_holds_up_to_its_cap(self, user, monkeypatch):
        monkeypatch.setattr(services, "MAX_ENTRIES", 3)
        for _ in range(3):
            _add(user)
        with pytest.raises(RuleBroken, match="up to 3 entries"):
            _add(user)
        assert JournalEntry.objects.filter(owner=user).count() == 3
        _add(UserFactory())  # someone else's journal has its own room

    @settings(max_examples=50, deadline=None)  # database writes on a busy machine
    @given(text=st.text(max_size=2100))
    def test_whatever_is_typed_is_either_kept_clean_or_refused_with_a_field(self, text):
        owner = UserFactory()
        fits = 0 < len(clean_text(text)) <= TEXT_MAX  # the one cleaning path, core's
        if not fits:
            with pytest.raises(RuleBroken) as refused:
                _add(owner, text=text)
            assert refused.value.field == "text"
            return
        entry = _add(owner, text=text)
        assert entry.text
        assert len(entry.text) <= TEXT_MAX
        assert "\x00" not in entry.text
        assert "\r" not in entry.text


@pytest.mark.django_db
class TestChangingAndDeleting:
    def test_the_owner_answers_the_fresh_eyes_prompt_later(self, user):
        entry = JournalEntryFactory(owner=user)
        services.journal_entry_edit(
            owner=user, entry_id=entry.pk, happened_on=entry.happened_on, kind=entry.kind,
            text=entry.text, fresh_eyes="She wants fewer meetings; I can offer a weekly note.",
            now=NOW + DAY,
        )  # fmt: skip
        entry.refresh_from_db()
        assert entry.fresh_eyes == "She wants fewer meetings; I can offer a weekly note."

    def test_a_bad_change_leaves_the_entry_as_it_was(self, user):
        entry = JournalEntryFactory(owner=user)
        with pytest.raises(RuleBroken):
            services.journal_entry_edit(
                owner=user, entry_id=entry.pk, happened_on=TODAY + 3 * DAY, kind=entry.kind,
                text="Changed", fresh_eyes="", now=NOW,
            )  # fmt: skip
        entry.refresh_from_db()
        assert entry.text.startswith("Priya took over")

    def test_someone_else_can_neither_change_nor_delete_an_entry(self, user):
        entry = JournalEntryFactory(owner=user)
        stranger = UserFactory()
        with pytest.raises(NotFound):
            services.journal_entry_edit(
                owner=stranger, entry_id=entry.pk, happened_on=TODAY, kind="other",
                text="Taken over", fresh_eyes="", now=NOW,
            )  # fmt: skip
        with pytest.raises(NotFound):
            services.journal_entry_delete(owner=stranger, entry_id=entry.pk)
        entry.refresh_from_db()
        assert entry.text.startswith("Priya took over")

    def test_the_owner_deletes_an_entry_for_good(self, user):
        entry = JournalEntryFactory(owner=user)
        services.journal_entry_delete(owner=user, entry_id=entry.pk)
        assert not JournalEntry.objects.exists()
        with pytest.raises(NotFound):
            services.journal_entry_delete(owner=user, entry_id=entry.pk)

    def test_deleting_everything_of_a_person_leaves_others_alone(self, user):
        JournalEntryFactory.create_batch(2, owner=user)
        other = JournalEntryFactory()
        assert services.journal_delete_all(owner=user) == 2
        assert list(JournalEntry.objects.all()) == [other]


class TestPrompts:
    def test_every_kind_has_a_fresh_eyes_prompt_and_a_short_question_draft(self):
        assert set(FRESH_EYES) == set(EntryKind.values) == set(QUESTION_DRAFT)
        assert all(len(draft) <= TEXT_SHORT for draft in QUESTION_DRAFT.values())

    def test_a_new_manager_asks_what_a_newcomer_would_notice(self):
        assert "new manager" in fresh_eyes_prompt(EntryKind.NEW_MANAGER)
        assert fresh_eyes_prompt("unknown") == FRESH_EYES[EntryKind.OTHER]
