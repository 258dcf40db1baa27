"""The directory's cards: a face beside the name, and only the facts there are."""

import re

import pytest
from django.urls import reverse

from tandem.profiles.tests.factories import MentorProfileFactory

STRAY_DOT = re.compile(r">\s*·|·\s*</|·\s*·")  # a dot with nothing on one side


@pytest.mark.django_db
class TestDirectoryCards:
    def test_a_mentor_without_a_job_title_or_organization_leaves_no_stray_dots(self, mentee_client):
        MentorProfileFactory(job_title="", organization=None, level=2)
        body = mentee_client.get(reverse("profiles:directory")).content.decode()
        assert '<p class="muted">2 · Junior</p>' in body
        assert not STRAY_DOT.search(body)

    def test_each_card_shows_the_mentors_initials_beside_their_name(self, mentee_client):
        MentorProfileFactory(user__first_name="Grace", user__last_name="Okafor")
        body = mentee_client.get(reverse("profiles:directory")).content.decode()
        assert 'aria-hidden="true">GO</span>' in body
        assert "Grace Okafor" in body


def _results(client) -> str:
    """The directory's results section (the cards), as the client is shown it."""
    body = client.get(reverse("profiles:directory")).content.decode()
    return body[body.index('<section id="directory-results"') : body.index("</section>")]


@pytest.mark.django_db
class TestCardsKeptWhileTheyStayTheSame:
    def test_a_change_to_what_a_card_shows_is_on_the_next_page_not_a_kept_card(self, mentee_client):
        mentor = MentorProfileFactory(user__first_name="Grace", user__last_name="Okafor")
        first = _results(mentee_client)
        assert "Taking requests" in first
        assert _results(mentee_client) == first  # the kept card: the same
        mentor.is_paused = True
        mentor.save()
        mentor.user.first_name = "Gracie"
        mentor.user.save()
        shown = _results(mentee_client)
        assert "Not taking requests" in shown
        assert "Gracie Okafor" in shown
        assert "Grace Okafor" not in shown

    def test_a_kept_card_is_the_html_the_partial_renders(self, mentee_client, settings):
        MentorProfileFactory(user__first_name="Grace", user__last_name="Okafor")
        kept = _results(mentee_client)
        settings.DEBUG = True  # templates reload as they change: every card rendered afresh
        assert _results(mentee_client) == kept
