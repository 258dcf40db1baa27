"""The journal's pages for the phone walk: each person's own journal with an entry in it, a
new entry, the entry's page (with its fresh-eyes prompt) and the page that shares a question
from it into a meeting."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from tandem.growth.journal.models import JournalEntry
from tandem.growth.journal.services import journal_entry_add
from tests.e2e.site_pages import ONBOARDED, Args, Page, Viewer


def _own_entry(viewer: Viewer) -> JournalEntry:
    """The viewer's first entry, written now if they have none (a long one, to test wrapping)."""
    entry = JournalEntry.objects.filter(owner=viewer.user).order_by("id").first()
    if entry is not None:
        return entry
    now = timezone.now()
    return journal_entry_add(
        owner=viewer.user, happened_on=timezone.localdate(now), kind="reorganization", now=now,
        text="Our two product teams became one under a new director. The roadmap review moved "
        "to Thursdays. https://intranet.example.org/announcements/2026/reorganisation-of-teams",
    )  # fmt: skip


def _with_an_entry(viewer: Viewer) -> Iterable[tuple[str, Args]]:
    _own_entry(viewer)
    yield "with an entry", {}


def _entry(viewer: Viewer) -> Iterable[tuple[str, Args]]:
    yield "", {"entry_id": _own_entry(viewer).pk}


PAGES: dict[str, Page] = {
    "growth:growth_journal:journal": Page(ONBOARDED, _with_an_entry),
    "growth:growth_journal:add": Page(ONBOARDED),
    "growth:growth_journal:edit": Page(ONBOARDED, _entry),
    "growth:growth_journal:share": Page(ONBOARDED, _entry),
}
NOT_PAGES: dict[str, str] = {
    "growth:growth_journal:delete": "POST-only: deletes one's own entry, then shows the journal",
}
