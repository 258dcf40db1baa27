"""What the mentee reads right after sending an ask: that it went, and what happens next,
each said once."""

import pytest
from django.urls import reverse

NOTE = "I'm a support lead moving into product; could I ask you about your first PM year?"


@pytest.mark.django_db
class TestAfterSending:
    def test_the_page_says_once_that_the_mentor_has_been_told(self, client, mentee, mentor):
        client.force_login(mentee.user)
        response = client.post(
            reverse("mentorships:ask_new", args=[mentor.pk]),
            {"focus_areas": ["career_change"], "note": NOTE, "intro_minutes": "20"},
            follow=True,
        )
        body = response.content.decode()
        assert "Your request is on its way." in body
        assert body.count("has been told") == 1
        assert "Most mentors answer within a week" in body
