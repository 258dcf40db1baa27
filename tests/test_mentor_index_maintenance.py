"""The mentor index is maintained, not rebuilt in a request (issue 14, item 3): what the
services of the apps above matching change about a mentor (an accept takes a place, a pause,
an offered skill, a suspension, an account deleted) reaches the next recommendations by a
patch of their rows, with no full build."""

from __future__ import annotations

from typing import cast

import pytest

from tandem.accounts.tests.factories import UserFactory
from tandem.core.tests.clock import NOW
from tandem.matching.index import mentor_index
from tandem.matching.selectors import recommendations_for_mentee
from tandem.mentorships.services.asks import ask_accept
from tandem.mentorships.tests.factories import AskFactory
from tandem.moderation.models import Report
from tandem.moderation.reports import reports_suspend
from tandem.moderation.tests.factories import ReportFactory
from tandem.privacy.services import account_delete
from tandem.profiles.services import profile_skill_offered_add, profile_update
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory, offer, speak
from tandem.skills.models import Skill


def _mentee():
    mentee = ProfileFactory(level=3)
    mentee.skills_wanted.add(Skill.objects.get(slug="python"))
    speak(mentee, "en")
    return mentee


def _mentor(name: str, **kwargs):
    mentor = MentorProfileFactory(user__first_name=name, level=6, **kwargs)
    offer(mentor, "python")
    speak(mentor, "en")
    return mentor


def _names(mentee) -> set[str]:
    return {p.profile.user.first_name for p in recommendations_for_mentee(profile=mentee)}


def _reasons(mentee, mentor) -> list[str]:
    picks = recommendations_for_mentee(profile=mentee)
    return next(p.reasons for p in picks if p.profile == mentor)


def _listed_row(mentor) -> bool:
    index = mentor_index()
    return bool(index.listed[index.rows[mentor.pk]])


@pytest.mark.django_db
class TestAChangedMentorIsReflectedWithoutARebuild:
    def test_places_taken_pause_skills_suspension_and_deletion_reach_the_next_use(
        self, mentor_index_builds
    ):
        mentee = _mentee()
        full = _mentor("Fay", capacity=1)
        paused = _mentor("Pia")
        learner = _mentor("Lou")
        learner.skills_offered.all().delete()
        suspended, deleted = _mentor("Sam"), _mentor("Dee")
        assert _names(mentee) == {"Fay", "Pia", "Lou", "Sam", "Dee"}
        assert not [r for r in _reasons(mentee, learner) if "Python" in r]

        ask_accept(ask=AskFactory(mentor=full), actor=full.user, now=NOW)  # her one place
        profile_update(profile=paused, fields={"is_paused": True})
        profile_skill_offered_add(profile=learner, text="Python")
        reports_suspend(
            reports=[cast(Report, ReportFactory(person=suspended.user))],
            staff=UserFactory(is_staff=True), now=NOW,
        )  # fmt: skip
        account_delete(user=deleted.user, now=NOW)

        assert _names(mentee) == {"Lou"}
        assert [r for r in _reasons(mentee, learner) if "Python" in r]
        assert not _listed_row(suspended)
        assert not _listed_row(deleted)
        assert len(mentor_index_builds) == 1  # the first use's, nothing since

    def test_an_accept_copies_only_the_capacity_and_leaves_the_old_index_as_it_was(self):
        _mentee()
        mentor = _mentor("Fay", capacity=1)
        before = mentor_index()
        row = before.rows[mentor.pk]
        ask_accept(ask=AskFactory(mentor=mentor), actor=mentor.user, now=NOW)
        after = mentor_index()
        assert (before.mentors.capacity[row], after.mentors.capacity[row]) == (1, 0)
        assert after.mentors.text is before.mentors.text
        assert after.table is before.table
