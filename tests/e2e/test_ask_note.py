"""A note pasted into the ask that is longer than it may be: the browser keeps the first 600
characters, and the page says what happened instead of cutting it silently."""

import pytest
from playwright.sync_api import expect

from tandem.accounts.tests.factories import PASSWORD
from tandem.mentorships.models import NOTE_MAX_LENGTH
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASTED = ("I'd love your advice on moving from analytics into product management. " * 40)[:2000]


class TestAPastedNote:
    def test_a_paste_longer_than_the_note_holds_is_cut_at_the_limit_and_the_page_says_so(
        self, page, log_in, assert_accessible
    ):
        mentee, mentor = ProfileFactory(), MentorProfileFactory()
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        log_in(page, mentee.user.email, PASSWORD)
        page.goto(f"/mentors/{mentor.pk}/ask/")
        note = page.get_by_label("Your note")
        count = page.locator("#note-count")
        expect(count).to_have_text(f"{NOTE_MAX_LENGTH} of {NOTE_MAX_LENGTH} characters left")

        page.evaluate("text => navigator.clipboard.writeText(text)", PASTED)
        note.click()
        page.keyboard.press("Control+V")

        expect(note).to_have_value(PASTED[:NOTE_MAX_LENGTH])
        expect(count).to_contain_text("Your pasted text was 2,000 characters")
        expect(count).to_contain_text(f"only the first {NOTE_MAX_LENGTH} went in")
        expect(count).to_contain_text(f"0 of {NOTE_MAX_LENGTH} characters left")
        assert_accessible(page)

        note.press("End")
        for _ in range(100):
            note.press("Backspace")
        expect(count).to_contain_text(f"100 of {NOTE_MAX_LENGTH} characters left")

    def test_a_paste_that_fits_goes_in_whole_without_a_word(self, page, log_in):
        mentee, mentor = ProfileFactory(), MentorProfileFactory()
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        log_in(page, mentee.user.email, PASSWORD)
        page.goto(f"/mentors/{mentor.pk}/ask/")
        note = page.get_by_label("Your note")
        page.evaluate("text => navigator.clipboard.writeText(text)", PASTED[:200])
        note.click()
        page.keyboard.press("Control+V")
        expect(note).to_have_value(PASTED[:200])
        expect(page.locator("#note-count")).to_have_text(
            f"{NOTE_MAX_LENGTH - 200} of {NOTE_MAX_LENGTH} characters left"
        )
