"""Staff see asks, mentorships and feedback in the admin: lists, search, filters, read-only;
a mentor's private reason for declining is never shown there."""

from __future__ import annotations

import pytest

from tandem.mentorships.models import Ask, Mentorship
from tandem.mentorships.services.asks import ask_decline
from tandem.mentorships.tests.factories import ActiveMentorshipFactory, AskFactory

REASON = "Too junior for me, honestly"


@pytest.mark.django_db
class TestStaffLists:
    @pytest.mark.parametrize(
        "url",
        [
            "/admin/mentorships/ask/",
            "/admin/mentorships/mentorship/",
            "/admin/mentorships/feedback/",
        ],
    )
    def test_staff_can_open_each_list(self, admin_client, now, url):
        ActiveMentorshipFactory(now=now)
        assert admin_client.get(url).status_code == 200

    def test_search_and_filters_find_the_pair(self, admin_client, now):
        mentorship = ActiveMentorshipFactory(now=now)
        url = "/admin/mentorships/mentorship/"
        found = admin_client.get(url, {"q": mentorship.mentee.user.email})
        assert found.context["cl"].result_count == 1
        assert (
            admin_client.get(url, {"q": "nobody@nowhere.example"}).context["cl"].result_count == 0
        )
        assert admin_client.get(url, {"state__exact": "active"}).context["cl"].result_count == 1
        assert admin_client.get(url, {"state__exact": "closed"}).context["cl"].result_count == 0

    def test_rows_open_read_only_and_nothing_can_be_added_or_deleted(self, admin_client, now):
        mentorship = ActiveMentorshipFactory(now=now)
        page = admin_client.get(f"/admin/mentorships/mentorship/{mentorship.pk}/change/")
        assert page.status_code == 200
        assert b'name="_save"' not in page.content
        assert admin_client.get("/admin/mentorships/ask/add/").status_code == 403
        url = f"/admin/mentorships/mentorship/{mentorship.pk}/delete/"
        assert admin_client.post(url, {"post": "yes"}).status_code == 403
        assert Mentorship.objects.filter(pk=mentorship.pk).exists()

    def test_people_who_are_not_staff_are_kept_out(self, client, now):
        mentorship = ActiveMentorshipFactory(now=now)
        client.force_login(mentorship.mentor.user)
        assert client.get("/admin/mentorships/ask/")["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_a_decline_reason_is_only_said_to_exist(admin_client, now):
    ask = AskFactory(now=now)
    ask_decline(ask=ask, actor=ask.mentor.user, now=now, reason=REASON)
    for url in ("/admin/mentorships/ask/", f"/admin/mentorships/ask/{ask.pk}/change/"):
        page = admin_client.get(url).content.decode()
        assert REASON not in page  # not on the ask, nor on its audit row
    assert "wrote a private reason" in page
    assert Ask.objects.get(pk=ask.pk).decline_reason == REASON
