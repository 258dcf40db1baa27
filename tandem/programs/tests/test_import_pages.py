"""The import's pages: upload, preview, confirm, for the program's managers only."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.accounts.models import User
from tandem.accounts.tests.factories import UserFactory
from tandem.profiles.models import Profile
from tandem.profiles.tests.factories import OrganizationFactory, ProfileFactory
from tandem.programs.models import Participant, Program
from tandem.programs.tests.factories import ProgramFactory, manager_of
from tandem.programs.tests.import_files import ANA, BEN, CLEO, csv_file
from tandem.skills.models import Skill

pytestmark = pytest.mark.django_db


@pytest.fixture
def program():
    return ProgramFactory(organization=OrganizationFactory(name="Acme"), name="Spring")


def _upload(client, program: Program, data: bytes, name: str = "hr.csv"):
    url = reverse("programs:import", kwargs={"slug": program.slug})
    return client.post(url, {"file": SimpleUploadedFile(name, data, "text/csv")})


def _signed_in(client, user):
    client.force_login(user)
    return client


def test_upload_preview_confirm(client, program) -> None:
    _signed_in(client, manager_of(program.organization))
    form = client.get(reverse("programs:import", kwargs={"slug": program.slug}))
    assert form.status_code == 200
    assert b'enctype="multipart/form-data"' in form.content
    assert b"csrfmiddlewaretoken" in form.content
    assert b"Separate the items of a list" in form.content

    uploaded = _upload(client, program, csv_file([ANA, BEN, CLEO]))
    assert uploaded.status_code == 302
    preview = client.get(uploaded["Location"])
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "<strong>3</strong> people new to Tandem" in text
    assert "ana@acme.test" in text
    assert "Confirm import" in text
    assert not User.objects.filter(email="ana@acme.test").exists()  # nothing written yet

    done = client.post(uploaded["Location"] + "confirm/")
    assert Participant.objects.filter(program=program).count() == 3
    assert len(mail.outbox) == 3
    if done.status_code == 302:  # the participants page exists
        assert done["Location"] == reverse("programs:participants", kwargs={"slug": program.slug})
    else:
        assert done.status_code == 200
        assert b"<strong>3</strong> people new to Tandem" in done.content
    # The upload is forgotten once imported.
    again = client.get(uploaded["Location"])
    assert again.status_code == 302
    assert again["Location"].endswith("/import/")


def test_bad_rows_are_listed_and_there_is_no_confirm_button(client, program) -> None:
    _signed_in(client, manager_of(program.organization))
    bad = (*ANA[:6], "high", *ANA[7:])
    preview = client.get(_upload(client, program, csv_file([bad, BEN]))["Location"])
    text = preview.content.decode()
    assert "Problems to fix" in text
    assert "Confirm import" not in text
    assert (
        "<td>2</td><td>level</td><td>The level is a whole number from 1 to 10, not “high”</td>"
        in text
    )


def test_a_file_that_is_not_utf8_is_refused_on_the_form(client, program) -> None:
    _signed_in(client, manager_of(program.organization))
    response = _upload(client, program, "email\nzoë@acme.test\n".encode("latin-1"))
    assert response.status_code == 400
    assert b"not UTF-8" in response.content


def test_confirm_checks_again_against_the_database(client, program) -> None:
    _signed_in(client, manager_of(program.organization))
    ana = ProfileFactory(user=UserFactory(email="ana@acme.test"), organization=program.organization)
    ana.skills_wanted.add(*Skill.objects.exclude(name="SQL").order_by("id")[:14])
    data = csv_file([("ana@acme.test", "SQL"), ("ben@acme.test", "")], ("email", "skills_wanted"))
    preview_url = _upload(client, program, data)["Location"]
    assert b"Confirm import" in client.get(preview_url).content
    ana.skills_wanted.add(Skill.objects.exclude(name="SQL").order_by("-id").first())  # now 15
    refused = client.post(preview_url + "confirm/")
    assert refused.status_code == 409
    assert b"Tandem changed since you checked this file" in refused.content
    assert b"the limit is 15" in refused.content
    assert not User.objects.filter(email="ben@acme.test").exists()
    assert not Participant.objects.exists()


def test_a_manager_of_another_organization_gets_404_and_nothing_changes(client, program) -> None:
    manager = manager_of(program.organization)
    _signed_in(client, manager)
    preview_url = _upload(client, program, csv_file([ANA]))["Location"]
    token = preview_url.rstrip("/").rsplit("/", 1)[-1]
    _signed_in(client, manager_of(OrganizationFactory()))
    kwargs = {"slug": program.slug, "token": token}
    assert client.get(reverse("programs:import", kwargs={"slug": program.slug})).status_code == 404
    assert _upload(client, program, csv_file([ANA])).status_code == 404
    assert client.get(reverse("programs:import_preview", kwargs=kwargs)).status_code == 404
    assert client.post(reverse("programs:import_confirm", kwargs=kwargs)).status_code == 404
    assert not User.objects.filter(email="ana@acme.test").exists()
    # Nor can another manager of the same organization use someone else's upload.
    _signed_in(client, manager_of(program.organization))
    response = client.post(reverse("programs:import_confirm", kwargs=kwargs))
    assert response.status_code == 302
    assert response["Location"].endswith("/import/")
    assert Profile.objects.count() == 3
    assert not Participant.objects.exists()


def test_the_preview_says_someone_elses_profile_is_left_alone(client, program) -> None:
    _signed_in(client, manager_of(program.organization))
    elsewhere = ProfileFactory(
        user=UserFactory(email="ana@acme.test", first_name="Ana", last_name="Sousa"),
        organization=OrganizationFactory(name="Globex"), job_title="Designer",
    )  # fmt: skip
    preview_url = _upload(client, program, csv_file([ANA, BEN]))["Location"]
    text = client.get(preview_url).content.decode()
    assert (
        "<td>already on Tandem with their own profile: only their place in this program is set, "
        "joins the program</td>" in text
    )
    assert client.post(preview_url + "confirm/").status_code in (200, 302)
    elsewhere.refresh_from_db()
    elsewhere.user.refresh_from_db()
    assert (elsewhere.user.first_name, elsewhere.user.last_name) == ("Ana", "Sousa")
    assert elsewhere.job_title == "Designer"
    assert Participant.objects.filter(program=program, profile=elsewhere).exists()


def test_anonymous_people_are_sent_to_log_in(client, program) -> None:
    kwargs = {"slug": program.slug, "token": "x"}
    for response in (
        client.get(reverse("programs:import", kwargs={"slug": program.slug})),
        client.get(reverse("programs:import_preview", kwargs=kwargs)),
        client.post(reverse("programs:import_confirm", kwargs=kwargs)),
    ):
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_uploads_are_rate_limited(client, program, settings) -> None:
    _signed_in(client, manager_of(program.organization))
    codes = [_upload(client, program, csv_file([ANA])).status_code for _ in range(31)]
    assert codes[:30] == [302] * 30
    assert codes[30] == 429
