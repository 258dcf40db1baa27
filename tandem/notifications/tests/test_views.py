import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from tandem.accounts.tests.factories import UserFactory
from tandem.notifications.kinds import Delivery, Kind
from tandem.notifications.models import Notification, Preference
from tandem.notifications.tests.factories import NOW, NotificationFactory

LIST = reverse("notifications:list")
BADGE = reverse("notifications:badge")
SETTINGS = reverse("notifications:settings")
READ_ALL = reverse("notifications:read_all")


def _open(notification) -> str:
    return reverse("notifications:open", args=[notification.pk])


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client


@pytest.mark.django_db
class TestCentre:
    def test_lists_only_your_own_notifications_newest_first(self, user_client, user):
        NotificationFactory(recipient=user, title="Older news", created_at=NOW.replace(hour=8))
        NotificationFactory(recipient=user, title="Newer news")
        NotificationFactory(title="Someone else's news")
        body = user_client.get(LIST).content.decode()
        assert "Someone else's news" not in body
        assert body.index("Newer news") < body.index("Older news")

    def test_unread_ones_say_new_and_link_to_open(self, user_client, user):
        unread = NotificationFactory(recipient=user, title="Unread one")
        NotificationFactory(recipient=user, title="Read one", read_at=NOW)
        response = user_client.get(LIST)
        body = response.content.decode()
        assert body.count('<span class="new-label">New</span>') == 1
        # A form, not a link: only a person's click (a POST) marks it read.
        assert f'<form method="post" action="{_open(unread)}"' in body
        assert f'href="{_open(unread)}"' not in body
        assert "Mark all as read" in body
        assert reverse("notifications:settings") in body

    def test_says_so_when_there_is_nothing(self, user_client):
        body = user_client.get(LIST).content.decode()
        assert "Nothing here yet" in body
        assert "Mark all as read" not in body

    def test_shows_25_a_page(self, user_client, user):
        NotificationFactory.create_batch(30, recipient=user)
        first = user_client.get(LIST)
        assert len(first.context["page"].object_list) == 25
        assert len(user_client.get(LIST, {"page": 2}).context["page"].object_list) == 5

    def test_a_switched_off_kind_still_shows(self, user_client, user):
        Preference.objects.create(user=user, kind=Kind.ASK_RECEIVED, delivery=Delivery.OFF)
        from tandem.notifications.services import notify

        notify(
            recipient=user, kind=Kind.ASK_RECEIVED, cause="ask:1:received",
            title="Quietly arrived", body="", url="/asks/1/", now=NOW,
        )  # fmt: skip
        assert "Quietly arrived" in user_client.get(LIST).content.decode()

    def test_the_query_count_does_not_grow_with_the_notifications(
        self, user_client, user, django_assert_max_num_queries
    ):
        NotificationFactory(recipient=user)
        with CaptureQueriesContext(connection) as one:
            user_client.get(LIST)
        NotificationFactory.create_batch(29, recipient=user)
        with django_assert_max_num_queries(len(one.captured_queries)):
            response = user_client.get(LIST)
        assert len(response.context["page"].object_list) == 25


@pytest.mark.django_db
class TestOpen:
    def test_marks_it_read_and_goes_to_the_thing(self, user_client, user):
        notification = NotificationFactory(recipient=user, url="/asks/12/")
        response = user_client.post(_open(notification))
        assert response.status_code == 302
        assert response["Location"] == "/asks/12/"
        notification.refresh_from_db()
        assert notification.read_at is not None

    def test_a_get_goes_there_and_changes_nothing(self, user_client, user):
        """A prefetching browser or a mail link scanner fetching the link reads nothing."""
        notification = NotificationFactory(recipient=user, url="/asks/12/")
        response = user_client.get(_open(notification))
        assert response.status_code == 302
        assert response["Location"] == "/asks/12/"
        notification.refresh_from_db()
        assert notification.read_at is None
        assert user_client.head(_open(notification)).status_code == 405
        notification.refresh_from_db()
        assert notification.read_at is None

    def test_the_post_needs_the_csrf_token(self, user):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        notification = NotificationFactory(recipient=user)
        assert client.post(_open(notification)).status_code == 403
        notification.refresh_from_db()
        assert notification.read_at is None

    def test_opening_again_keeps_the_first_read_time(self, user_client, user):
        notification = NotificationFactory(recipient=user, read_at=NOW)
        user_client.post(_open(notification))
        notification.refresh_from_db()
        assert notification.read_at == NOW

    def test_someone_elses_is_not_found_and_stays_unread(self, user_client):
        theirs = NotificationFactory()
        assert user_client.get(_open(theirs)).status_code == 404
        assert user_client.post(_open(theirs)).status_code == 404
        theirs.refresh_from_db()
        assert theirs.read_at is None

    @pytest.mark.parametrize(
        "url", ["https://elsewhere.example/", "//elsewhere.example/", "/\\elsewhere.example"]
    )
    def test_never_sends_anyone_to_another_site(self, user_client, user, url):
        notification = NotificationFactory(recipient=user, url=url)
        response = user_client.get(_open(notification))
        assert response.status_code == 302
        assert response["Location"] == LIST


@pytest.mark.django_db
class TestReadAll:
    def test_marks_every_one_of_yours_read(self, user_client, user):
        NotificationFactory.create_batch(3, recipient=user)
        theirs = NotificationFactory()
        response = user_client.post(READ_ALL, follow=True)
        assert response.redirect_chain == [(LIST, 302)]
        assert "everything is marked as read" in response.content.decode()
        assert not Notification.objects.filter(recipient=user, read_at=None).exists()
        theirs.refresh_from_db()
        assert theirs.read_at is None

    def test_needs_a_post(self, user_client, user):
        NotificationFactory(recipient=user)
        assert user_client.get(READ_ALL).status_code == 405
        assert Notification.objects.filter(read_at=None).count() == 1


@pytest.mark.django_db
class TestBadge:
    def test_counts_your_unread_notifications(self, user_client, user):
        NotificationFactory.create_batch(3, recipient=user)
        NotificationFactory(recipient=user, read_at=NOW)
        NotificationFactory()
        body = user_client.get(BADGE, HTTP_HX_REQUEST="true").content.decode()
        assert body.lstrip().startswith('<a href="/notifications/"')
        assert 'hx-get="/notifications/badge/"' in body
        assert 'hx-trigger="every 60s"' in body
        assert '<span class="badge" aria-hidden="true">3</span>' in body
        assert ", 3 unread" in body

    def test_shows_no_number_when_all_is_read(self, user_client, user):
        NotificationFactory(recipient=user, read_at=NOW)
        body = user_client.get(BADGE).content.decode()
        assert "Notifications" in body
        assert 'class="badge"' not in body

    def test_every_page_shows_it_in_the_navigation(self, client, mentee):
        NotificationFactory.create_batch(2, recipient=mentee.user)
        client.force_login(mentee.user)
        body = client.get(reverse("profiles:directory")).content.decode()
        assert 'id="nav-notifications"' in body
        assert ", 2 unread" in body

    def test_a_signed_out_poll_keeps_the_badge_as_it_is(self, client):
        response = client.get(BADGE, HTTP_HX_REQUEST="true")
        assert response.status_code == 204


@pytest.mark.django_db
class TestSettings:
    def test_shows_a_radio_group_for_every_kind_defaulting_to_immediately(self, user_client):
        body = user_client.get(SETTINGS).content.decode()
        assert body.count("<fieldset") == len(Kind)
        for kind in Kind:
            assert f"<legend>{escape(kind.label)}</legend>" in body
            assert f'name="{kind.value}" value="immediate" ' in body
        assert body.count("checked") == len(Kind)

    def test_saves_the_choices(self, user_client, user):
        data: dict[str, str] = {kind.value: Delivery.IMMEDIATE for kind in Kind}
        data[Kind.ASK_FOLLOW_UP] = Delivery.DIGEST
        data[Kind.MENTORSHIP_CHANGED] = Delivery.OFF
        response = user_client.post(SETTINGS, data, follow=True)
        assert "Your notification settings are saved." in response.content.decode()
        chosen = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
        assert chosen[Kind.ASK_FOLLOW_UP] == "digest"
        assert chosen[Kind.MENTORSHIP_CHANGED] == "off"
        assert chosen[Kind.ASK_RECEIVED] == "immediate"
        form = user_client.get(SETTINGS).context["form"]
        assert form.initial[Kind.ASK_FOLLOW_UP] == "digest"

    def test_a_bad_value_is_refused_and_nothing_is_saved(self, user_client, user):
        data: dict[str, str] = {kind.value: Delivery.OFF for kind in Kind}
        data[Kind.ASK_EXPIRED] = "weekly"
        response = user_client.post(SETTINGS, data)
        body = response.content.decode()
        assert response.status_code == 200
        assert "nothing was saved" in body
        assert "Choose Immediately, Daily digest or Off." in body
        assert not Preference.objects.filter(user=user).exists()

    def test_a_missing_choice_is_refused(self, user_client, user):
        response = user_client.post(SETTINGS, {Kind.ASK_RECEIVED: "off"})
        assert "Choose how you&#x27;d like to hear about this." in response.content.decode()
        assert not Preference.objects.filter(user=user).exists()


@pytest.mark.django_db
class TestSignedOut:
    @pytest.mark.parametrize(
        ("method", "name", "args"),
        [
            ("get", "notifications:list", []),
            ("get", "notifications:open", [1]),
            ("post", "notifications:read_all", []),
            ("get", "notifications:badge", []),
            ("get", "notifications:settings", []),
            ("post", "notifications:settings", []),
        ],
    )
    def test_are_sent_to_log_in(self, client, method, name, args):
        url = reverse(name, args=args)
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))

    def test_the_navigation_has_no_badge(self, client):
        assert "nav-notifications" not in client.get(reverse("account_login")).content.decode()


def test_every_email_link_is_absolute(settings):
    from tandem.notifications.links import absolute_url

    settings.SITE_URL = "https://tandem.example.org"
    assert absolute_url("/asks/1/") == "https://tandem.example.org/asks/1/"


def test_a_fresh_user_has_nothing_unread(db):
    from tandem.notifications.selectors import notification_unread_count

    assert notification_unread_count(user=UserFactory()) == 0
