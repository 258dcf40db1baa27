"""The round pages: run a round, follow its progress (which survives a reload), review the
draft, change it and publish it; managers of other organizations find nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.programs.models import Match, PairRule, Round, RoundPair
from tandem.programs.rounds.run import round_run, round_start
from tandem.programs.tests.factories import ProgramFactory, manager_of
from tandem.programs.tests.round_world import person, run

pytestmark = pytest.mark.django_db


@pytest.fixture
def program():
    program = ProgramFactory(mentor_capacity=2)
    for i in range(3):
        person(program, email=f"mentee{i}@acme.test", department="Ops" if i else "Sales")
    person(program, "mentor", email="max@acme.test", department="Ops")
    person(program, "mentor", email="rio@acme.test", department="Sales")
    return program


@pytest.fixture
def manager_client(client, program):
    client.force_login(manager_of(program.organization))
    return client


def _round_url(round_, action=None):
    if action:
        return reverse(
            "programs:round_action",
            kwargs={"slug": round_.program.slug, "number": round_.number, "action": action},
        )
    return round_.get_absolute_url()


def test_running_a_round_from_the_page(manager_client, program) -> None:
    url = reverse("programs:rounds", kwargs={"slug": program.slug})
    page = manager_client.get(url)
    assert page.status_code == 200
    assert b"Run a round" in page.content
    assert b'name="mode"' in page.content
    response = manager_client.post(url, {"mode": "stable"})
    round_ = Round.objects.get(program=program)
    assert response.status_code == 302
    assert response["Location"] == round_.get_absolute_url()
    assert (round_.state, round_.mode) == (Round.State.DRAFT, "stable")  # the test queue ran it
    listing = manager_client.get(url).content.decode()
    assert "Round 1" in listing
    assert "Run round 1 again" in listing
    assert manager_client.post(url, {"mode": "greedy"}).status_code == 400


def test_the_progress_bar_then_the_draft(manager_client, program, now) -> None:
    round_ = round_start(program=program, actor=None, now=now, enqueue=False)
    Round.objects.filter(pk=round_.pk).update(
        state="running", progress=30, step="Finding candidate pairs"
    )
    page = manager_client.get(_round_url(round_)).content.decode()
    assert '<progress id="round-progress-bar" max="100" value="30">' in page
    assert 'hx-trigger="every 2s"' in page
    assert "Finding candidate pairs" in page
    part = manager_client.get(f"{_round_url(round_)}?part=progress", HTTP_HX_REQUEST="true")
    assert part.status_code == 200
    assert b"<progress" in part.content
    assert b"<h1>" not in part.content
    Round.objects.filter(pk=round_.pk).update(state="queued", progress=0)
    round_run(round_.pk, now=now)
    done = manager_client.get(f"{_round_url(round_)}?part=progress", HTTP_HX_REQUEST="true")
    assert done.headers.get("HX-Refresh") == "true"
    page = manager_client.get(_round_url(round_)).content.decode()
    assert "<progress" not in page
    for words in ("How good the matching is", "Mentees matched", "Pairs per score band",
                  'data-spec="chart-spec-round-scores"', "Show as table",
                  "Mentees per mentor", "Best total fit", "Stable", "Most people matched",
                  "Lock", "Forbid", "Add the pair", "Publish 3 pairs", "Discard the draft",
                  "By department"):  # fmt: skip
        assert words in page, words


def test_the_scores_are_a_chart_with_its_table(manager_client, program, now) -> None:
    """The histogram is drawn by Chart.js (core/_chart.html) from a spec; its table holds the
    same ten bands, and the bands add up to the pairs."""
    round_ = run(program, now)
    response = manager_client.get(_round_url(round_))
    page = response.content.decode()
    assert "vendor/chartjs/chart.umd.min.js" in page
    assert "core/charts.js" in page
    chart = response.context["scores"]
    assert chart.kind == "bar"
    assert chart.labels[0] == "0–9"
    assert chart.labels[-1] == "90–100"
    assert list(chart.series[0].values) == round_.histogram
    assert [row[1] for row in chart.table.rows] == round_.histogram
    assert sum(round_.histogram) == 3
    assert chart.summary.startswith("3 pairs")
    assert '<script id="chart-spec-round-scores" type="application/json">' in page
    assert '<th scope="row">0–9</th>' in page
    assert '<th scope="row">90–100</th>' in page


def test_a_round_without_pairs_draws_no_scores(client, now) -> None:
    program = ProgramFactory()
    person(program, email="alone@acme.test")  # a mentee and no mentor: nobody can be matched
    client.force_login(manager_of(program.organization))
    round_ = run(program, now)
    assert sum(round_.histogram) == 0
    response = client.get(_round_url(round_))
    assert response.context["scores"].is_empty
    assert "Pairs per score band" not in response.content.decode()


def test_lock_forbid_add_and_publish_from_the_page(manager_client, program, now) -> None:
    round_ = run(program, now)
    pair = round_.pairs.order_by("id").first()
    assert manager_client.post(_round_url(round_, "lock"), {"pair": pair.pk}).status_code == 302
    assert PairRule.objects.filter(kind="lock").count() == 1
    assert b"Unlock" in manager_client.get(_round_url(round_)).content
    assert manager_client.post(_round_url(round_, "unlock"), {"pair": pair.pk}).status_code == 302
    assert not PairRule.objects.exists()
    response = manager_client.post(_round_url(round_, "forbid"), {"pair": pair.pk}, follow=True)
    assert b"won&#x27;t be paired in this program again" in response.content
    assert not RoundPair.objects.filter(pk=pair.pk).exists()
    taken = set(
        round_.pairs.values_list("first__profile__user__email", "second__profile__user__email")
    )
    taken.add((pair.first.profile.user.email, pair.second.profile.user.email))
    mentee, mentor = next(
        (f"mentee{i}@acme.test", m)
        for i in range(3)
        for m in ("max@acme.test", "rio@acme.test")
        if (f"mentee{i}@acme.test", m) not in taken
    )
    response = manager_client.post(
        _round_url(round_, "add"), {"first": mentee, "second": mentor}, follow=True
    )
    assert b"Added and locked" in response.content
    bad = manager_client.post(_round_url(round_, "add"), {"first": "x", "second": ""})
    assert bad.status_code == 400
    response = manager_client.post(_round_url(round_, "rerun"), {"mode": "optimal"}, follow=True)
    assert b"running again" in response.content
    response = manager_client.post(_round_url(round_, "publish"), follow=True)
    assert b"Published: " in response.content
    assert Match.objects.filter(round=round_).count() == round_.pairs.count() > 0
    assert manager_client.post(_round_url(round_, "discard")).status_code == 409
    assert manager_client.post(_round_url(round_, "lock"), {"pair": 1}).status_code == 409


@pytest.mark.parametrize("data", [{"mode": "fastest"}, {"mode": ""}, {}])
def test_running_again_with_a_bad_mode_is_refused_on_the_field(
    manager_client, program, now, data
) -> None:
    round_ = run(program, now)
    before = Round.objects.filter(pk=round_.pk).values().get()
    pairs = list(round_.pairs.values_list("first_id", "second_id", "score"))
    response = manager_client.post(_round_url(round_, "rerun"), data)
    assert response.status_code == 400
    assert response.context["run_form"].errors["mode"]
    assert 'aria-invalid="true"' in response.content.decode()  # on the mode select
    assert Round.objects.filter(pk=round_.pk).values().get() == before  # not queued, not run
    assert list(round_.pairs.values_list("first_id", "second_id", "score")) == pairs
    assert Round.objects.filter(program=program).count() == 1


def test_a_round_that_stopped_answering_says_so(manager_client, program, now) -> None:
    round_ = round_start(program=program, actor=None, now=now, enqueue=False)
    Round.objects.filter(pk=round_.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    assert b"seems to have stopped" in manager_client.get(_round_url(round_)).content
    listing = manager_client.get(reverse("programs:rounds", kwargs={"slug": program.slug}))
    assert b"Run a round" in listing.content
    assert b"seems to have stopped" in listing.content


def test_a_failed_round_says_why(manager_client, program, now) -> None:
    round_ = Round.objects.create(program=program, number=1, state="failed", error="Out of time.")
    page = manager_client.get(_round_url(round_)).content.decode()
    assert "This round did not finish: Out of time." in page


def test_a_manager_of_another_organization_gets_404_everywhere(client, program, now) -> None:
    round_ = run(program, now)
    pair = round_.pairs.first()
    client.force_login(manager_of(ProgramFactory().organization))
    urls = [reverse("programs:rounds", kwargs={"slug": program.slug}), _round_url(round_)]
    for url in urls:
        assert client.get(url).status_code == 404
    assert client.post(urls[0], {"mode": "optimal"}).status_code == 404
    for action in ("lock", "unlock", "forbid", "add", "rerun", "publish", "discard"):
        data = {"pair": pair.pk, "first": "mentee0@acme.test", "second": "max@acme.test"}
        assert client.post(_round_url(round_, action), data).status_code == 404, action
    round_.refresh_from_db()
    assert round_.state == Round.State.DRAFT
    assert not PairRule.objects.exists()
    assert Round.objects.count() == 1
    assert not Match.objects.exists()


def test_participants_are_not_managers(client, program, now) -> None:
    round_ = run(program, now)
    client.force_login(program.participants.first().profile.user)
    assert client.get(_round_url(round_)).status_code == 404


def test_writes_are_rate_limited(manager_client, program, now, monkeypatch) -> None:
    monkeypatch.setattr("time.time", lambda: 1_800_000_000.0)
    round_ = run(program, now)
    pair = round_.pairs.first()
    from tandem.programs.views import rounds as views

    limit = int(views.WRITES[1].split("/")[0])
    statuses = [
        manager_client.post(_round_url(round_, "lock"), {"pair": pair.pk}).status_code
        for _ in range(limit + 1)
    ]
    assert statuses == [302] * limit + [429]
