"""The import's pages read through a page selector, and the preview, a GET that plans the
whole kept file again (up to 20,000 rows) on every load, is rate-limited per person."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.core.errors import NotFound
from tandem.profiles.tests.factories import OrganizationFactory
from tandem.programs.imports import views
from tandem.programs.selectors.programs import import_page_for
from tandem.programs.services.questions import question_add
from tandem.programs.tests.factories import ProgramFactory, manager_of
from tandem.programs.tests.import_files import ANA, BEN, csv_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def program():
    return ProgramFactory(organization=OrganizationFactory(name="Acme Limits"), name="Autumn")


def test_the_preview_is_rate_limited_per_person(client, program, monkeypatch) -> None:
    monkeypatch.setattr("time.time", lambda: 1_800_000_000.0)
    manager = manager_of(program.organization)
    client.force_login(manager)
    url = reverse("programs:import", kwargs={"slug": program.slug})
    uploaded = client.post(url, {"file": SimpleUploadedFile("hr.csv", csv_file([ANA, BEN]))})
    preview = uploaded["Location"]
    planned = []
    real = views.plan_build

    def plan_build(**kwargs):
        planned.append(kwargs["program"])
        return real(**kwargs)

    monkeypatch.setattr(views, "plan_build", plan_build)
    limit = int(views.PREVIEWS[1].split("/")[0])
    assert views.PREVIEWS[1] == "20/m"
    statuses = [client.get(preview).status_code for _ in range(limit + 1)]
    assert statuses == [200] * limit + [429]
    assert len(planned) == limit  # the refused load planned nothing
    other = manager_of(program.organization)  # counted apart: their own allowance
    client.force_login(other)
    assert client.get(preview).status_code != 429
    monkeypatch.setattr("time.time", lambda: 1_800_000_061.0)
    client.force_login(manager)
    assert client.get(preview).status_code == 200  # more than a minute since the first


def test_the_upload_page_reads_through_its_selector(client, program, monkeypatch) -> None:
    question_add(program=program, text="Which office?")
    manager = manager_of(program.organization)
    page = import_page_for(slug=program.slug, user=manager)
    assert (page.program, [q.text for q in page.questions]) == (program, ["Which office?"])
    with pytest.raises(NotFound):
        import_page_for(slug=program.slug, user=manager_of(OrganizationFactory()))
    called = []

    def spy(**kwargs):
        called.append(kwargs)
        return import_page_for(**kwargs)

    monkeypatch.setattr(views, "import_page_for", spy)
    client.force_login(manager)
    response = client.get(reverse("programs:import", kwargs={"slug": program.slug}))
    assert response.status_code == 200
    assert "Which office?" in response.content.decode()
    assert called == [{"slug": program.slug, "user": manager}]
