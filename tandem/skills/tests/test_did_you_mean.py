"""The closest skills to text that names none: what "did you mean" offers."""

import pytest

from tandem.skills.selectors import skill_closest


def _names(text: str, limit: int = 5) -> list[str]:
    return [skill.name for skill in skill_closest(text=text, limit=limit)]


@pytest.mark.django_db
class TestSkillClosest:
    @pytest.mark.parametrize(
        ("typed", "meant"),
        [
            ("pyhton", "Python"),
            ("product managment", "Product management"),
            ("machine lerning", "Machine learning"),
            ("negociation", "Negotiation"),
            ("enginering manager", "Engineering management"),
        ],
    )
    def test_a_typo_finds_the_skill_first(self, typed, meant):
        assert _names(typed)[0] == meant

    def test_a_half_typed_word_finds_the_skills_containing_it(self):
        assert "Python" in _names("pyth")

    def test_a_phrase_finds_skills_sharing_its_words(self):
        assert {"Growth marketing", "Product-led growth"} <= set(_names("growth loops"))

    def test_a_typo_inside_a_phrase_is_corrected_word_by_word(self):
        assert "Leadership development" in _names("leadrship coaching")

    def test_nonsense_finds_nothing(self):
        assert _names("zzqx") == []
        assert _names("   ") == []

    def test_the_limit_is_kept(self):
        assert len(_names("management", limit=3)) == 3
