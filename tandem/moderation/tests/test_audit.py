"""The staff audit log: opening a list or a person's record, changing, adding or deleting one,
and running an action are each recorded with who, what, which and from where; superusers
alone read the log, and nobody edits it."""

from __future__ import annotations

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission

from tandem.accounts.models import User
from tandem.accounts.tests.factories import UserFactory
from tandem.moderation.models import AuditEntry
from tandem.moderation.tests.factories import ReportFactory

USERS = "/admin/accounts/user/"
LOG = "/admin/moderation/auditentry/"


def entries():
    return list(AuditEntry.objects.order_by("id").values_list("verb", "object_id", "object_repr"))


@pytest.mark.django_db
class TestRecorded:
    def test_opening_a_persons_record_is_recorded_with_who_and_where(
        self, admin_client, admin_user
    ):
        person = UserFactory()
        response = admin_client.get(f"{USERS}{person.pk}/change/", REMOTE_ADDR="203.0.113.9")
        assert response.status_code == 200
        entry = AuditEntry.objects.get()
        assert (entry.staff, entry.staff_email, entry.verb) == (
            admin_user,
            admin_user.email,
            "view",
        )
        assert (entry.object_id, entry.object_repr) == (str(person.pk), str(person))
        assert entry.content_type.model_class() is User
        assert entry.address == "203.0.113.9"

    def test_a_list_and_its_search_are_recorded(self, admin_client):
        admin_client.get(USERS, {"q": "sam@example.com"})
        entry = AuditEntry.objects.get()
        assert (entry.verb, entry.object_id, entry.detail) == ("view", "", "q=sam%40example.com")

    def test_a_change_is_recorded_with_the_fields_changed(self, admin_client):
        person = UserFactory(first_name="Sam")
        data = {
            "email": person.email, "first_name": "Samira", "last_name": person.last_name,
            "is_active": "on", "date_joined_0": "2026-01-01", "date_joined_1": "10:00:00",
        }  # fmt: skip
        response = admin_client.post(f"{USERS}{person.pk}/change/", data)
        assert response.status_code == 302, response.content.decode()[:2000]
        change = AuditEntry.objects.get(verb="change")
        assert change.object_id == str(person.pk)
        assert "First name" in change.detail

    def test_a_deletion_is_recorded(self, admin_client):
        person = UserFactory()
        admin_client.post(f"{USERS}{person.pk}/delete/", {"post": "yes"})
        assert not User.objects.filter(pk=person.pk).exists()
        assert ("delete", str(person.pk), str(person)) in entries()

    def test_an_action_on_a_selection_is_recorded(self, admin_client):
        report = ReportFactory()
        admin_client.post(
            "/admin/moderation/report/",
            {"action": "dismiss", ACTION_CHECKBOX_NAME: [report.pk]},
        )
        action = AuditEntry.objects.get(verb="action")
        assert action.detail == f"dismiss on 1: {report.pk}"

    def test_a_page_refused_to_staff_is_not_recorded_as_seen(self, client):
        staff = UserFactory(is_staff=True)
        client.force_login(staff)
        assert client.get(f"{USERS}{staff.pk}/change/").status_code == 403
        assert not AuditEntry.objects.exists()


@pytest.mark.django_db
class TestReadingTheLog:
    def test_superusers_read_it_and_cannot_change_or_delete_it(self, admin_client):
        admin_client.get(USERS)
        entry = AuditEntry.objects.get()
        assert admin_client.get(LOG).status_code == 200
        assert admin_client.get(f"{LOG}{entry.pk}/change/").status_code == 200
        assert admin_client.post(f"{LOG}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
        assert admin_client.get(f"{LOG}add/").status_code == 403
        assert AuditEntry.objects.filter(pk=entry.pk).exists()

    def test_other_staff_cannot_read_it_even_with_the_permission(self, client):
        staff = UserFactory(is_staff=True)
        staff.user_permissions.add(
            Permission.objects.get(codename="view_auditentry", content_type__app_label="moderation")
        )
        client.force_login(staff)
        assert client.get(LOG).status_code == 403
