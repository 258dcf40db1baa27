"""The short forms people type resolve to the skill they mean (issue 10: "PM" found nothing)."""

import pytest

from tandem.skills.selectors import skill_resolve

# (typed, the skill it must name). Where a short form has two common readings, the one our
# members mean most often wins, and the other reading keeps its spelled-out alias:
# TPM is a technical *program* manager ("technical product manager" spells the other one),
# CV is the résumé (computer vision has no short form), AI is machine learning.
ABBREVIATIONS = [
    ("PM", "Product management"),
    ("PdM", "Product management"),
    ("APM", "Product management"),
    ("CPO", "Product leadership"),
    ("PMM", "Product marketing"),
    ("PgM", "Programme management"),
    ("TPM", "Programme management"),
    ("PjM", "Project management"),
    ("PMP", "Project management"),
    ("PMO", "Programme management"),
    ("EM", "Engineering management"),
    ("SWE", "Software engineering"),
    ("SDE", "Software engineering"),
    ("CTO", "Technical leadership"),
    ("FE", "Front-end development"),
    ("DSA", "Data structures and algorithms"),
    ("SRE", "Site reliability engineering"),
    ("QA", "Software testing"),
    ("k8s", "Kubernetes"),
    ("JS", "JavaScript"),
    ("UX", "User experience design"),
    ("UI", "User interface design"),
    ("UXR", "User research"),
    ("IxD", "Interaction design"),
    ("a11y", "Accessibility"),
    ("ML", "Machine learning"),
    ("AI", "Machine learning"),
    ("NLP", "Natural language processing"),
    ("LLM", "Generative AI"),
    ("BI", "Business intelligence"),
    ("EDA", "Data analysis"),
    ("GTM", "Go-to-market strategy"),
    ("PLG", "Product-led growth"),
    ("PMF", "Product-market fit"),
    ("MVP", "Lean startup"),
    ("SEO", "Search engine optimisation"),
    ("PPC", "Paid search"),
    ("CRO", "Conversion rate optimisation"),
    ("ABM", "Account-based marketing"),
    ("SDR", "Prospecting"),
    ("BDR", "Prospecting"),
    ("AE", "B2B sales"),
    ("CSM", "Customer success"),
    ("CX", "Customer experience"),
    ("RevOps", "Sales operations"),
    ("P&L", "P&L management"),
    ("PnL", "P&L management"),
    ("FP&A", "Financial planning and analysis"),
    ("M&A", "Mergers and acquisitions"),
    ("VC", "Venture capital"),
    ("PE", "Private equity"),
    ("IB", "Investment banking"),
    ("CFA", "Investment analysis"),
    ("HR", "Human resources management"),
    ("HRBP", "HR business partnering"),
    ("TA", "Talent acquisition"),
    ("L&D", "Learning and development"),
    ("DEI", "Diversity, equity and inclusion"),
    ("OKRs", "Performance management"),
    ("1:1s", "Team leadership"),
    ("BizOps", "Operations management"),
    ("S&OP", "Demand planning"),
    ("CoS", "Chief of staff"),
    ("BA", "Business analysis"),
    ("CV", "CV writing"),
]


@pytest.mark.django_db
class TestAbbreviations:
    def test_the_list_covers_at_least_thirty_short_forms(self):
        assert len({typed.lower() for typed, _ in ABBREVIATIONS}) >= 30

    @pytest.mark.parametrize(("typed", "expected"), ABBREVIATIONS)
    def test_each_short_form_resolves_to_the_skill_people_mean(self, typed, expected):
        skill = skill_resolve(text=typed)
        assert skill is not None, f"{typed!r} names no skill"
        assert skill.name == expected

    @pytest.mark.parametrize("typed", ["pm", " PM ", "Pm"])
    def test_pm_is_product_management_however_it_is_typed(self, typed):
        skill = skill_resolve(text=typed)
        assert skill is not None
        assert skill.name == "Product management"

    @pytest.mark.parametrize(
        ("typed", "expected"),
        [
            ("product manager", "Product management"),
            ("associate product manager", "Product management"),
            ("engineering manager", "Engineering management"),
            ("software engineer", "Software engineering"),
            ("profit and loss", "P&L management"),
            ("technical product manager", "Technical product management"),
            ("technical program manager", "Programme management"),
            ("new manager", "First-time management"),
            ("job search", "Job searching"),
        ],
    )
    def test_the_job_title_people_type_names_its_skill(self, typed, expected):
        skill = skill_resolve(text=typed)
        assert skill is not None
        assert skill.name == expected
