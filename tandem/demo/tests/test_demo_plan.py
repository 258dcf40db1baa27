"""The demo plan built in memory: its vocabulary and the people it draws."""

import re
from collections import Counter
from zoneinfo import available_timezones

import pytest

from tandem.demo.generator import DEFAULT_PEOPLE, DEFAULT_SEED, MIN_PEOPLE, demo_plan_build
from tandem.demo.logins import NAMED_PEOPLE
from tandem.demo.places import PLACES
from tandem.demo.plan import DemoError, DemoPlan
from tandem.demo.traits import skill_phrase, taxonomy
from tandem.demo.vocab import FUNCTIONS, INDUSTRY_FUNCTIONS, ORGANIZATIONS
from tandem.organizations.choices import JobFunction
from tandem.profiles.choices import Proficiency
from tandem.profiles.languages import LANGUAGES

SMALL = 50
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


@pytest.fixture(scope="module")
def plan() -> DemoPlan:
    """The default plan, built once for the pure tests."""
    return demo_plan_build(people=DEFAULT_PEOPLE, seed=DEFAULT_SEED)


def generated(plan: DemoPlan):
    """The people drawn at random (not the five hand-written logins)."""
    return plan.people[len(NAMED_PEOPLE) :]


class TestDemoVocabulary:
    def test_every_job_function_has_titles_and_skills(self):
        assert set(FUNCTIONS) == set(JobFunction.values)

    def test_industry_weights_name_real_job_functions(self):
        for weights in INDUSTRY_FUNCTIONS.values():
            assert set(weights) <= set(JobFunction.values)

    def test_every_organization_has_its_industry_weighted_and_known_places(self):
        for org in ORGANIZATIONS:
            assert org.industry in INDUSTRY_FUNCTIONS
            assert set(org.places) <= set(PLACES)

    def test_places_use_real_timezones_and_known_languages(self):
        codes = {code for code, _ in LANGUAGES}
        for place in PLACES.values():
            assert place.timezone in available_timezones()
            assert {code for code, _ in place.languages} <= codes

    def test_skill_categories_and_core_skills_exist_in_the_taxonomy(self):
        by_category, names = taxonomy()
        for vocab in FUNCTIONS.values():
            assert set(vocab.primary) | set(vocab.secondary) <= set(by_category)
            assert set(vocab.core) <= set(names)


class TestDemoPlanBuild:
    def test_the_same_seed_gives_the_same_plan(self, plan):
        assert demo_plan_build(people=DEFAULT_PEOPLE, seed=DEFAULT_SEED) == plan

    def test_another_seed_gives_other_people(self, plan):
        other = demo_plan_build(people=DEFAULT_PEOPLE, seed=DEFAULT_SEED + 1)
        assert [p.email for p in generated(other)] != [p.email for p in generated(plan)]

    def test_the_default_size_has_at_least_200_mentors_and_600_mentees(self, plan):
        assert len(plan.people) == DEFAULT_PEOPLE
        assert plan.mentors >= 200
        assert plan.mentees >= 600
        assert plan.both > 0

    @pytest.mark.parametrize("people", [SMALL, 137])
    def test_smaller_plans_keep_the_role_proportions(self, people):
        small = demo_plan_build(people=people, seed=DEFAULT_SEED)
        assert len(small.people) == people
        assert small.mentors == round(people * 0.3)
        assert small.mentees == people - round(people * 0.2)

    def test_refuses_fewer_people_than_the_minimum(self):
        with pytest.raises(DemoError):
            demo_plan_build(people=MIN_PEOPLE - 1, seed=DEFAULT_SEED)

    def test_emails_are_unique_and_numbered_by_organization(self, plan):
        emails = [p.email for p in plan.people]
        assert len(set(emails)) == len(emails)
        assert all(re.fullmatch(r"[a-z0-9-]+\.[a-z0-9-]+\.\d+@[a-z0-9-]+\.example", e)
                   for e in emails[len(NAMED_PEOPLE) :])  # fmt: skip

    def test_a_later_load_continues_the_numbering_without_the_named_logins(self):
        later = demo_plan_build(people=SMALL, seed=DEFAULT_SEED, first_number=801, named=())
        numbers = [int(p.email.split("@")[0].rsplit(".", 1)[1]) for p in later.people]
        assert numbers == list(range(801, 801 + SMALL))
        assert not {p.email for p in later.people} & {p.email for p in NAMED_PEOPLE}

    def test_mentors_offer_three_to_eight_skills_mostly_advanced_or_expert(self, plan):
        offered = [p.skills_offered for p in plan.people if p.is_mentor]
        assert all(3 <= len(skills) <= 8 for skills in offered)
        levels = Counter(level for skills in offered for _, level in skills)
        strong = levels[Proficiency.ADVANCED] + levels[Proficiency.EXPERT]
        assert strong / sum(levels.values()) > 0.8

    def test_mentees_want_two_to_five_skills_they_do_not_already_offer(self, plan):
        for p in plan.people:
            if p.is_mentee:
                assert 2 <= len(p.skills_wanted) <= 5
                assert not set(p.skills_wanted) & {slug for slug, _ in p.skills_offered}
            else:
                assert p.skills_wanted == ()

    def test_offered_skills_come_mostly_from_the_persons_own_function(self, plan):
        by_category, _ = taxonomy()
        own = total = 0
        for p in generated(plan):
            vocab = FUNCTIONS[p.function]
            home = set(vocab.core) | {s for c in vocab.primary for s in by_category[c]}
            own += sum(slug in home for slug, _ in p.skills_offered)
            total += len(p.skills_offered)
        assert own / total > 0.6

    def test_goals_name_the_wanted_skills_and_bios_the_offered_ones(self, plan):
        for p in plan.people:
            if p.is_mentee:
                assert skill_phrase(p.skills_wanted[0]) in p.goals
            if p.is_mentor:
                assert skill_phrase(p.skills_offered[0][0]) in p.bio

    def test_career_changers_name_the_field_they_aim_for(self, plan):
        changers = [p for p in plan.people if p.is_mentee and p.target_function != p.function]
        assert changers
        for p in changers:
            assert FUNCTIONS[p.target_function].area in p.goals

    def test_texts_are_filled_in_and_fit_their_fields(self, plan):
        for p in plan.people:
            assert 0 < len(p.headline) <= 160
            assert 0 < len(p.bio) <= 2000
            assert len(p.goals) <= 2000
            assert (p.goals != "") == p.is_mentee
            for text in (p.headline, p.bio, p.goals):
                assert not PLACEHOLDER.search(text)
                assert "lorem" not in text.lower()

    def test_mentees_aim_at_or_above_their_level(self, plan):
        for p in plan.people:
            if p.is_mentee:
                assert p.target_level is not None
                assert p.level <= p.target_level <= 10

    def test_managers_are_more_senior_colleagues_in_the_same_organization(self, plan):
        people = plan.people
        with_manager = [(i, p) for i, p in enumerate(people) if p.manager is not None]
        assert with_manager
        for i, p in with_manager:
            boss = people[p.manager]
            assert p.manager != i
            assert boss.organization == p.organization != ""
            assert boss.level > p.level

    def test_competitors_are_other_organizations_in_the_same_industry(self, plan):
        industry = {o.name: o.industry for o in plan.organizations}
        with_competitors = [p for p in plan.people if p.competitors]
        assert with_competitors
        for p in with_competitors:
            assert p.organization not in p.competitors
            assert all(industry[name] == p.industry for name in p.competitors)
