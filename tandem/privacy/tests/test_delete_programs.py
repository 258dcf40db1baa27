"""Deleting an account that took part in programs (issue 13, item 15): the people a program
matched them with stop reading their name in their notifications, and what they told the
program (answers, department, the words of their feedback) goes."""

from __future__ import annotations

import pytest

from tandem.accounts.models import FORMER_MEMBER
from tandem.core.tests.clock import NOW
from tandem.notifications.models import Notification
from tandem.privacy.services import account_delete
from tandem.privacy.tests.program_world import OTHER_NOTE, THEIR_NOTE, matched_pair
from tandem.programs.models import MatchFeedback, Program
from tandem.programs.services.matches import match_feedback_give


def titles_and_bodies(user) -> str:
    notices = Notification.objects.filter(recipient=user).values_list("title", "body")
    return " ".join(f"{title} {body}" for title, body in notices)


@pytest.mark.django_db
class TestProgramPartners:
    @pytest.mark.parametrize("kind", [Program.Kind.COFFEE, Program.Kind.PEER])
    def test_the_partner_reads_a_former_member_not_the_name(self, kind):
        leaving, staying, _ = matched_pair(kind)
        user = leaving.profile.user
        name = user.display_name
        assert name in titles_and_bodies(staying.profile.user)

        account_delete(user=user, now=NOW)

        told = titles_and_bodies(staying.profile.user)
        assert user.first_name not in told
        assert user.last_name not in told
        assert FORMER_MEMBER in told

    def test_answers_department_and_feedback_words_go_the_rating_stays(self):
        leaving, staying, match = matched_pair(Program.Kind.COFFEE)
        for place, note in ((leaving, THEIR_NOTE), (staying, OTHER_NOTE)):
            match_feedback_give(
                slug=match.program.slug, match_id=match.pk, user=place.profile.user, met=True,
                rating=5, note=note, now=NOW,
            )  # fmt: skip

        account_delete(user=leaving.profile.user, now=NOW)

        leaving.refresh_from_db()
        assert (leaving.answers, leaving.department) == ({}, "")
        theirs = MatchFeedback.objects.get(author=leaving)
        assert (theirs.note, theirs.rating) == ("", 5)
        assert MatchFeedback.objects.get(author=staying).note == OTHER_NOTE
