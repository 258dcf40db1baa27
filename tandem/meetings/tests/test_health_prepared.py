"""The health reads are compiled once per shape and give the same facts whatever the shape."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from unittest import mock

import pytest
from django.db.models.sql.compiler import SQLCompiler

from tandem.meetings.health.selectors import health_rows_for
from tandem.meetings.models import Meeting
from tandem.meetings.tests.factories import meeting_row
from tandem.mentorships.models import Mentorship
from tandem.mentorships.services.mentorships import mentorship_move
from tandem.mentorships.tests.factories import ActiveMentorshipFactory

START = datetime(2026, 3, 2, 9, tzinfo=UTC)
TODAY = date(2026, 5, 4)
DAY = timedelta(days=1)


def _mentorships() -> list[Mentorship]:
    held, quiet, closed = ActiveMentorshipFactory.create_batch(3, now=START, asked_at=START - DAY)
    meeting_row(held, Meeting.State.HELD, START + 7 * DAY)
    meeting_row(held, Meeting.State.SCHEDULED, START + 70 * DAY)
    meeting_row(quiet, Meeting.State.NO_SHOW, START + 40 * DAY)
    mentorship_move(mentorship=closed, actor=closed.mentor.user, to_state="closed", now=START)
    return [held, quiet, closed]


@pytest.mark.django_db
class TestHealthReads:
    def test_they_cost_six_queries_for_any_number_of_mentorships(self, django_assert_num_queries):
        ids = [m.pk for m in _mentorships()]
        with django_assert_num_queries(6):
            health_rows_for(mentorship_ids=ids[:1], today=TODAY)
        with django_assert_num_queries(6):
            health_rows_for(mentorship_ids=ids, today=TODAY)
        with django_assert_num_queries(6):
            health_rows_for(mentorship_ids=None, today=TODAY)

    def test_a_second_call_compiles_no_sql(self):
        ids = [m.pk for m in _mentorships()]
        health_rows_for(mentorship_ids=ids, today=TODAY)
        with mock.patch.object(SQLCompiler, "as_sql", autospec=True) as as_sql:
            rows = health_rows_for(mentorship_ids=ids[:2], today=TODAY + DAY)
        assert as_sql.call_count == 0
        assert set(rows) == set(ids[:2])

    def test_the_facts_are_the_same_for_a_list_a_queryset_and_every_mentorship(self):
        ids = [m.pk for m in _mentorships()]
        as_list = health_rows_for(mentorship_ids=ids, today=TODAY)
        as_queryset = health_rows_for(
            mentorship_ids=Mentorship.objects.filter(pk__in=ids).values("pk"), today=TODAY
        )
        every = health_rows_for(mentorship_ids=None, today=TODAY)
        assert as_list == as_queryset
        assert every == {pk: row for pk, row in as_list.items() if pk != ids[2]}
        held, quiet = as_list[ids[0]].facts, as_list[ids[1]].facts
        assert held.last_held_on == (START + 7 * DAY).date()
        assert held.next_meeting_on == (START + 70 * DAY).date()
        assert (quiet.no_shows_90d, quiet.cadence_days) == (1, held.cadence_days)
        assert as_list[ids[2]].facts.state == "closed"

    def test_each_call_reads_its_own_days(self):
        ids = [m.pk for m in _mentorships()]
        before = health_rows_for(mentorship_ids=ids, today=(START + 60 * DAY).date())
        after = health_rows_for(mentorship_ids=ids, today=(START + 80 * DAY).date())
        assert before[ids[0]].facts.next_meeting_on == (START + 70 * DAY).date()
        assert after[ids[0]].facts.next_meeting_on is None
        assert after[ids[0]].facts.last_held_on == (START + 70 * DAY).date()

    def test_any_number_of_ids_goes_as_one_value(self):
        ids = [m.pk for m in _mentorships()]
        many = [*ids, *range(10**6, 10**6 + 70_000)]  # past the protocol's 65,535 values
        assert set(health_rows_for(mentorship_ids=many, today=TODAY)) == set(ids)
