import json

import pytest

from tandem.skills.models import Skill, SkillAlias, SkillCategory
from tandem.skills.normalize import normalize
from tandem.skills.selectors import skill_resolve, skill_suggest
from tandem.skills.services import taxonomy_load
from tandem.skills.taxonomy import TAXONOMY_FILE, read_taxonomy


class TestTaxonomyFile:
    def test_holds_at_least_150_skills_in_categories_each_with_synonyms(self):
        data = read_taxonomy()
        skills = [s for c in data["categories"] for s in c["skills"]]
        assert len(skills) >= 150
        assert len(data["categories"]) >= 10
        with_aliases = [s for s in skills if s["aliases"]]
        assert len(with_aliases) / len(skills) > 0.9

    def test_rejects_an_alias_that_names_two_skills(self, tmp_path):
        data = json.loads(TAXONOMY_FILE.read_text())
        data["categories"][0]["skills"][1]["aliases"].append("JS")
        broken = tmp_path / "taxonomy.json"
        broken.write_text(json.dumps(data))
        with pytest.raises(ValueError, match="names both"):
            read_taxonomy(broken)


@pytest.mark.django_db
class TestTaxonomyLoad:
    def test_the_migration_loaded_every_skill_and_alias_of_the_file(self):
        data = read_taxonomy()
        skills = [s for c in data["categories"] for s in c["skills"]]
        assert Skill.objects.count() == len(skills)
        assert SkillAlias.objects.count() == sum(len(s["aliases"]) for s in skills)
        assert SkillCategory.objects.count() == len(data["categories"])

    def test_loading_again_changes_nothing(self):
        before = (Skill.objects.count(), SkillAlias.objects.count())
        taxonomy_load()
        assert (Skill.objects.count(), SkillAlias.objects.count()) == before


@pytest.mark.django_db
class TestSkillResolve:
    @pytest.mark.parametrize(
        ("typed", "expected"),
        [
            ("JS", "JavaScript"),
            ("  people   Management ", "Team leadership"),
            ("k8s", "Kubernetes"),
            ("SEO", "Search engine optimisation"),
            ("python", "Python"),
        ],
    )
    def test_a_name_or_synonym_resolves_to_its_skill(self, typed, expected):
        skill = skill_resolve(text=typed)
        assert skill is not None
        assert skill.name == expected

    def test_unknown_text_resolves_to_nothing(self):
        assert skill_resolve(text="underwater basket weaving") is None
        assert skill_resolve(text="   ") is None


@pytest.mark.django_db
class TestSkillSuggest:
    def test_an_exact_synonym_comes_first(self):
        suggestions = skill_suggest(query="js")
        assert suggestions[0].name == "JavaScript"

    def test_matches_inside_names_and_aliases(self):
        names = [s.name for s in skill_suggest(query="leadership", limit=20)]
        assert "Team leadership" in names

    def test_empty_query_suggests_nothing(self):
        assert skill_suggest(query=" ") == []

    def test_limit_is_respected(self):
        assert len(skill_suggest(query="a", limit=5)) == 5


def test_normalize_ignores_case_and_spacing():
    assert normalize("  People \t Management ") == "people management"
