"""The mentor index is maintained, not rebuilt in a request (issue 14, item 3): a mentor who
changes is patched into the next use's index with no full build, by one cheap query a use.
Accepts, suspensions and deletions (apps above matching) are in
tests/test_mentor_index_maintenance.py."""

from __future__ import annotations

import gc
import importlib.util
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import DatabaseError, connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tandem.matching.index import build, current, mentor_index
from tandem.matching.selectors import pair_reasons, recommendations_for_mentee
from tandem.profiles.models import Profile
from tandem.profiles.services import profile_skill_offered_add, profile_update
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory, offer, speak
from tandem.skills.models import Skill


def _mentee():
    mentee = ProfileFactory(level=3)
    mentee.skills_wanted.add(Skill.objects.get(slug="python"))
    speak(mentee, "en")
    return mentee


def _mentor(name: str, **kwargs):
    mentor = MentorProfileFactory(user__first_name=name, level=6, **kwargs)
    offer(mentor, "python")
    speak(mentor, "en")
    return mentor


def _names(mentee) -> set[str]:
    return {p.profile.user.first_name for p in recommendations_for_mentee(profile=mentee)}


def _reasons(mentee, mentor) -> list[str]:
    picks = recommendations_for_mentee(profile=mentee)
    return next(p.reasons for p in picks if p.profile == mentor)


def _listed_row(mentor) -> bool:
    index = mentor_index()
    return bool(index.listed[index.rows[mentor.pk]])


@pytest.mark.django_db
class TestAChangedMentorIsReflectedWithoutARebuild:
    def test_a_new_mentor_is_appended_and_one_who_comes_back_is_listed_again(
        self, mentor_index_builds
    ):
        mentee = _mentee()
        _mentor("Ada")
        assert _names(mentee) == {"Ada"}
        newcomer = _mentor("Neo")
        assert _names(mentee) == {"Ada", "Neo"}
        profile_update(profile=newcomer, fields={"visibility": "hidden"})
        assert _names(mentee) == {"Ada"}
        profile_update(profile=newcomer, fields={"visibility": "members"})
        assert _names(mentee) == {"Ada", "Neo"}
        assert len(mentor_index_builds) == 1

    def test_a_profile_deleted_outright_is_tolerated_until_a_build_drops_it(
        self, mentor_index_builds
    ):
        mentee = _mentee()
        keep, gone = _mentor("Kim"), _mentor("Gus")
        assert _names(mentee) == {"Kim", "Gus"}
        Profile.objects.filter(pk=gone.pk).delete()  # no stamp is left to notice
        assert [p.profile for p in recommendations_for_mentee(profile=mentee)] == [keep]
        assert pair_reasons(mentee=mentee, mentor=keep)
        current._rebuild(current._current.generation)  # the periodic background build
        assert gone.pk not in mentor_index().rows
        assert len(mentor_index_builds) == 2

    def test_a_change_to_a_mentee_patches_nothing(self):
        mentee = _mentee()
        _mentor("Ada")
        before = mentor_index()
        profile_update(profile=mentee, fields={"goals": "Lead a data team"})
        ProfileFactory()  # a new mentee
        with CaptureQueriesContext(connection) as used:
            assert mentor_index() is before
        assert len(used.captured_queries) == 1  # the look; no mentor to read

    def test_a_city_no_mentor_had_grows_the_vocabulary_in_place(self, mentor_index_builds):
        _mentee()
        mentor = _mentor("Ada")
        assert "lyon" not in mentor_index().vocabulary.cities
        profile_update(profile=mentor, fields={"city": "Lyon"})
        index = mentor_index()
        assert index.labels.cities[index.mentors.city[index.rows[mentor.pk]]] == "Lyon"
        assert len(mentor_index_builds) == 1


@pytest.mark.django_db
class TestStamps:
    def test_a_write_stamped_just_before_the_newest_seen_is_still_picked_up(self):
        mentee = _mentee()
        first, late = _mentor("Ada"), _mentor("Lee")
        assert _names(mentee) == {"Ada", "Lee"}
        profile_update(profile=first, fields={"headline": "Data lead"})
        assert _names(mentee) == {"Ada", "Lee"}  # the newest stamp seen is now Ada's
        # A transaction that stamped its row a second earlier commits only now.
        Profile.objects.filter(pk=late.pk).update(
            is_paused=True, updated_at=timezone.now() - timedelta(seconds=1)
        )
        assert _names(mentee) == {"Ada"}

    def test_a_mentor_changed_while_the_build_ran_is_picked_up(self, monkeypatch):
        import time

        _mentee()
        busy = _mentor("Bo")
        real = build.mentor_index_build

        def slow_build(**kwargs):
            index = real(**kwargs)  # Bo read as taking requests...
            Profile.objects.filter(pk=busy.pk).update(is_paused=True, updated_at=timezone.now())
            time.sleep(0.01)  # ...and paused before the build ends
            return index

        monkeypatch.setattr(build, "mentor_index_build", slow_build)
        monkeypatch.setattr(current, "MARGIN", timedelta(0))  # no margin to hide a slip
        mentor_index()
        index = mentor_index()
        assert not index.mentors.available[index.rows[busy.pk]]

    def test_a_stamp_from_a_clock_ahead_hides_no_later_change(self):
        mentee = _mentee()
        ahead, other = _mentor("Ada"), _mentor("Bo")
        assert _names(mentee) == {"Ada", "Bo"}
        Profile.objects.filter(pk=ahead.pk).update(updated_at=timezone.now() + timedelta(hours=1))
        assert _names(mentee) == {"Ada", "Bo"}
        profile_update(profile=other, fields={"is_paused": True})
        assert _names(mentee) == {"Ada"}


@pytest.mark.django_db
class TestFullBuildsHappenOffTheRequest:
    def test_patches_piling_up_call_for_one_background_build(
        self, mentor_index_builds, monkeypatch
    ):
        monkeypatch.setattr(current, "REBUILD_FLOOR", 1)
        mentee = _mentee()
        one, two = _mentor("Ada"), _mentor("Bo")
        assert _names(mentee) == {"Ada", "Bo"}
        profile_update(profile=one, fields={"headline": "Data lead"})
        _names(mentee)
        assert len(mentor_index_builds) == 1  # one patched row: not more than the floor
        profile_update(profile=two, fields={"headline": "Staff engineer"})
        _names(mentee)
        assert len(mentor_index_builds) == 2

    def test_a_skill_the_vocabulary_lacks_calls_for_a_build(self, mentor_index_builds):
        mentee = _mentee()
        mentor = _mentor("Ada")
        assert _names(mentee) == {"Ada"}
        python = Skill.objects.get(slug="python")
        skill = Skill.objects.create(
            name="Quantum widgets", slug="quantum-widgets", category=python.category
        )
        profile_skill_offered_add(profile=mentor, text="Quantum widgets")
        mentor_index()
        assert len(mentor_index_builds) == 2
        index = mentor_index()
        assert skill.pk in index.vocabulary.skill_index

    def test_requests_keep_the_index_they_have_while_a_build_runs(self, monkeypatch):
        import threading

        mentee = _mentee()
        _mentor("Ada")
        held = mentor_index()
        release, started = threading.Event(), threading.Event()
        threads: list[threading.Thread] = []

        def slow_build(**kwargs):
            started.set()
            release.wait(timeout=30)
            return held

        def in_thread(job):
            threads.append(threading.Thread(target=job))
            threads[-1].start()

        monkeypatch.setattr(build, "mentor_index_build", slow_build)
        monkeypatch.setattr(current, "background", in_thread)
        monkeypatch.setattr(current, "REBUILD_EVERY", 0.0)
        assert mentor_index() is held  # asks for a build, does not wait for it
        assert started.wait(timeout=30)
        assert _names(mentee) == {"Ada"}  # still served while the build runs
        assert len(threads) == 1  # a second use does not start a second build
        release.set()
        threads[0].join(timeout=30)
        assert not current._current.rebuilding


@pytest.mark.django_db
class TestQueries:
    def test_a_warm_use_is_one_query_and_counts_nothing(self, django_assert_num_queries):
        _mentee()
        for name in ("Ada", "Bo", "Cy"):
            _mentor(name)
        mentor_index()
        with CaptureQueriesContext(connection) as used:
            mentor_index()
        assert len(used.captured_queries) == 1
        sql = used.captured_queries[0]["sql"].upper()
        assert "COUNT(" not in sql
        assert "MAX(" not in sql

    def test_a_warm_recommendations_page_costs_the_same_with_more_mentors(self, client):
        mentee = _mentee()
        client.force_login(mentee.user)
        url = "/mentors/recommended/"
        for name in ("Ada", "Bo"):
            _mentor(name)
        client.get(url)
        with CaptureQueriesContext(connection) as few:
            client.get(url)
        for name in ("Cy", "Di", "Ed", "Flo"):
            _mentor(name)
        client.get(url)  # patches the newcomers in
        with CaptureQueriesContext(connection) as more:
            client.get(url)
        assert len(more.captured_queries) == len(few.captured_queries)
        assert not [q for q in more.captured_queries if "MAX(" in q["sql"].upper()]


def _gunicorn_config():
    path = Path(__file__).resolve().parents[3] / "gunicorn.conf.py"
    spec = importlib.util.spec_from_file_location("gunicorn_conf", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db
class TestWorkerStart:
    def test_a_worker_builds_the_index_before_its_first_request(
        self, mentor_index_builds, monkeypatch
    ):
        _mentor("Ada")
        monkeypatch.setattr(connections, "close_all", lambda: None)  # the test's connection
        _gunicorn_config().post_worker_init(worker=None)
        # What the worker loaded is kept out of the cycle collector's full collections.
        frozen = gc.get_freeze_count()
        gc.unfreeze()
        assert frozen > 0
        assert len(mentor_index_builds) == 1
        with CaptureQueriesContext(connection) as used:
            mentor_index()
        assert len(used.captured_queries) == 1  # the first request only looks

    def test_a_worker_starts_even_when_the_build_fails(self, monkeypatch, caplog):
        def broken(**kwargs):
            raise DatabaseError("the database is away")

        monkeypatch.setattr(build, "mentor_index_build", broken)
        monkeypatch.setattr(connections, "close_all", lambda: None)
        _gunicorn_config().post_worker_init(worker=None)
        gc.unfreeze()
        assert "Could not build the mentor index" in caplog.text


@pytest.mark.django_db
def test_each_full_build_says_where_it_ran(monkeypatch, caplog):
    """A line a build: at start and in the background at INFO, inside a request (a process
    nobody warmed) as a warning; bench/load.py counts the last kind under load."""
    caplog.set_level("INFO", logger="tandem.matching.index.current")
    monkeypatch.setattr(current, "REBUILD_FLOOR", 0)
    mentee = _mentee()
    _mentor("Ada")
    _names(mentee)  # nobody warmed this process: the first use builds in place
    current.mentor_index_clear()
    monkeypatch.setattr(connections, "close_all", lambda: None)
    _gunicorn_config().post_worker_init(worker=None)
    gc.unfreeze()
    profile_update(profile=_mentor("Bo"), fields={"headline": "Data lead"})
    _names(mentee)  # more patched rows than the floor: a background build
    lines = [(r.levelname, r.getMessage()) for r in caplog.records if "Mentor index" in r.msg]
    assert [(level, message.split(" s ")[-1]) for level, message in lines] == [
        ("WARNING", current.WHERE_IN_PLACE),
        ("INFO", current.WHERE_AT_START),
        ("INFO", current.WHERE_BACKGROUND),
    ]
    assert lines[1][1].startswith("Mentor index of 1 built in ")
