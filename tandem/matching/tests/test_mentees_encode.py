"""Several mentees encoded at once (a mentor's inbox, a program's round): each one's skills
wanted, languages and competitors come from one query whose SQL is made once per process,
each list in id order, and the profiles need only the columns encoding reads."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db.models.sql.compiler import SQLCompiler

from tandem.matching.encode import MENTEE_FIELDS, mentees_encode
from tandem.matching.index import mentor_index
from tandem.profiles.models import Profile
from tandem.profiles.tests.factories import (
    MentorProfileFactory,
    OrganizationFactory,
    ProfileFactory,
    offer,
    speak,
)
from tandem.skills.models import Skill


@pytest.fixture
def mentees():
    """Two mentees with lists of their own (added out of id order) and one with none."""
    skills = list(Skill.objects.order_by("id")[:4])
    first = ProfileFactory(goals="Lead a data team")
    first.skills_wanted.add(skills[2])
    first.skills_wanted.add(skills[0])  # a later row, a lower id
    speak(first, "fr", "en")
    alpha, zeta = OrganizationFactory(name="Alpha"), OrganizationFactory(name="Zeta")
    first.competitors.add(zeta)
    first.competitors.add(alpha)
    second = ProfileFactory(headline="Designer")
    second.skills_wanted.add(skills[3])
    speak(second, "de")
    bare = ProfileFactory()
    offer(MentorProfileFactory(), skills[0].slug)
    return [second, bare, first]


def _through_ids(profile: Profile, manager: str, column: str) -> list[int]:
    through = getattr(Profile, manager).through
    return list(
        through.objects.filter(profile=profile).order_by(column).values_list(column, flat=True)
    )


@pytest.mark.django_db
class TestMenteesEncode:
    def test_each_mentee_gets_their_own_lists_in_id_order_in_the_profiles_order(self, mentees):
        index = mentor_index()
        codes = index.vocabulary
        encoded = mentees_encode(mentees, index)
        assert encoded.ids == tuple(f"p{p.pk:09d}" for p in mentees)
        for row, mentee in enumerate(mentees):
            wanted = [
                codes.skill_index[pk] for pk in _through_ids(mentee, "skills_wanted", "skill_id")
            ]
            assert encoded.skills[row, : len(wanted)].tolist() == wanted
            assert encoded.skill_count()[row] == len(wanted)
            spoken = _through_ids(mentee, "languages", "language_id")
            assert int(encoded.languages[row]) == sum(1 << codes.language_bit[pk] for pk in spoken)
            competitors = _through_ids(mentee, "competitors", "organization_id")
            assert encoded.competitors[row, : len(competitors)].tolist() == competitors
        assert encoded.skill_count()[1] == 0  # the one with no lists

    def test_profiles_with_only_the_fields_it_reads_encode_as_whole_ones_in_one_query(
        self, mentees, django_assert_num_queries
    ):
        index = mentor_index()
        ids = [p.pk for p in mentees]
        few = sorted(
            Profile.objects.filter(pk__in=ids).only(*MENTEE_FIELDS), key=lambda p: ids.index(p.pk)
        )
        whole = mentees_encode(mentees, index)
        with django_assert_num_queries(1):  # the lists: no deferred column is read
            encoded = mentees_encode(few, index)
        for name in ("skills", "languages", "competitors", "text", "industry", "level", "person"):
            assert getattr(encoded, name).tolist() == getattr(whole, name).tolist()

    def test_a_second_call_compiles_no_sql_whatever_the_number_of_mentees(self, mentees):
        index = mentor_index()
        first = mentees_encode(mentees[:1], index)
        with mock.patch.object(SQLCompiler, "as_sql", autospec=True) as as_sql:
            second = mentees_encode(mentees, index)
        assert as_sql.call_count == 0
        assert second.skills[0].tolist() == first.skills[0].tolist()

    def test_no_mentees_cost_no_query(self, mentees, django_assert_num_queries):
        index = mentor_index()
        with django_assert_num_queries(0):
            assert len(mentees_encode([], index)) == 0
