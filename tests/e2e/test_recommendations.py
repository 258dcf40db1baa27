"""A mentee opens their home page and sees mentors recommended for them, with the reasons."""

import pytest
from playwright.sync_api import expect

from tandem.accounts.tests.factories import PASSWORD
from tandem.matching.index import mentor_index_clear
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory, offer, speak
from tandem.skills.models import Skill

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def market(transactional_db):
    mentor_index_clear()
    mentee = ProfileFactory(
        user__first_name="Noor", level=2, goals="Grow into a data team lead", function="data"
    )
    mentee.skills_wanted.add(Skill.objects.get(slug="python"), Skill.objects.get(slug="sql"))
    speak(mentee, "en")
    fit = MentorProfileFactory(
        user__first_name="Ines", user__last_name="Carvalho", level=5, function="data"
    )
    offer(fit, "python", proficiency=4)
    offer(fit, "sql", proficiency=3)
    speak(fit, "en")
    paused = MentorProfileFactory(
        user__first_name="Paolo", user__last_name="Resting", level=5, is_paused=True
    )
    offer(paused, "python", proficiency=4)
    speak(paused, "en")
    yield mentee
    mentor_index_clear()


class TestRecommendationsOnHome:
    def test_a_mentee_sees_recommended_mentors_with_reasons(
        self, page, market, log_in, assert_accessible
    ):
        log_in(page, market.user.email, PASSWORD)
        section = page.get_by_role("region", name="Recommended for you")
        card = section.get_by_role("article").filter(has_text="Ines Carvalho")
        expect(card).to_be_visible()
        reasons = card.get_by_role("list", name="Why Ines Carvalho")
        expect(reasons).to_contain_text("Knows Python at expert level, which you want to learn")
        expect(reasons).to_contain_text("3 levels above you")
        expect(section).not_to_contain_text("Paolo Resting")
        assert_accessible(page)

        card.get_by_role("link", name="Ines Carvalho").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Ines Carvalho")
