"""The demo world: places, organizations, and what each job function does and is called.

Everything here is invented for the demo (organizations use `.example` domains); it is
plain data, read by the generator.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.text import slugify

from tandem.organizations.choices import Industry, JobFunction
from tandem.organizations.models import Organization


@dataclass(frozen=True)
class Place:
    """A city people live in, with the names and languages common there."""

    city: str
    country: str
    timezone: str
    locale: str  # the Faker locale used for names of people living here
    # Local languages besides English, each with the share of people who speak it.
    languages: tuple[tuple[str, float], ...] = ()


PLACES: dict[str, Place] = {
    "london": Place("London", "United Kingdom", "Europe/London", "en_GB", (("fr", 0.08),)),
    "manchester": Place("Manchester", "United Kingdom", "Europe/London", "en_GB", (("ur", 0.06),)),
    "edinburgh": Place("Edinburgh", "United Kingdom", "Europe/London", "en_GB"),
    "dublin": Place("Dublin", "Ireland", "Europe/Dublin", "en_IE", (("ga", 0.15),)),
    "berlin": Place("Berlin", "Germany", "Europe/Berlin", "de_DE", (("de", 0.9), ("tr", 0.06))),
    "munich": Place("Munich", "Germany", "Europe/Berlin", "de_DE", (("de", 0.95),)),
    "paris": Place("Paris", "France", "Europe/Paris", "fr_FR", (("fr", 0.95),)),
    "amsterdam": Place(
        "Amsterdam", "Netherlands", "Europe/Amsterdam", "nl_NL", (("nl", 0.85), ("de", 0.2))
    ),
    "madrid": Place("Madrid", "Spain", "Europe/Madrid", "es_ES", (("es", 0.95),)),
    "barcelona": Place(
        "Barcelona", "Spain", "Europe/Madrid", "es_ES", (("es", 0.95), ("ca", 0.6))
    ),
    "lisbon": Place("Lisbon", "Portugal", "Europe/Lisbon", "pt_PT", (("pt", 0.95),)),
    "stockholm": Place("Stockholm", "Sweden", "Europe/Stockholm", "sv_SE", (("sv", 0.95),)),
    "oslo": Place("Oslo", "Norway", "Europe/Oslo", "no_NO", (("no", 0.95),)),
    "copenhagen": Place("Copenhagen", "Denmark", "Europe/Copenhagen", "da_DK", (("da", 0.95),)),
    "warsaw": Place("Warsaw", "Poland", "Europe/Warsaw", "pl_PL", (("pl", 0.95),)),
    "new_york": Place("New York", "United States", "America/New_York", "en_US", (("es", 0.15),)),
    "boston": Place("Boston", "United States", "America/New_York", "en_US", (("pt", 0.05),)),
    "chicago": Place(
        "Chicago", "United States", "America/Chicago", "en_US", (("es", 0.12), ("pl", 0.05))
    ),
    "austin": Place("Austin", "United States", "America/Chicago", "en_US", (("es", 0.2),)),
    "san_francisco": Place(
        "San Francisco", "United States", "America/Los_Angeles", "en_US",
        (("zh", 0.1), ("es", 0.1)),
    ),
    "los_angeles": Place(
        "Los Angeles", "United States", "America/Los_Angeles", "en_US", (("es", 0.25),)
    ),
    "toronto": Place("Toronto", "Canada", "America/Toronto", "en_CA", (("fr", 0.25),)),
    "mexico_city": Place(
        "Mexico City", "Mexico", "America/Mexico_City", "es_MX", (("es", 0.98),)
    ),
    "sao_paulo": Place(
        "São Paulo", "Brazil", "America/Sao_Paulo", "pt_BR", (("pt", 0.98), ("es", 0.2))
    ),
    "bengaluru": Place(
        "Bengaluru", "India", "Asia/Kolkata", "en_IN", (("hi", 0.6), ("ta", 0.15), ("te", 0.15))
    ),
    "mumbai": Place(
        "Mumbai", "India", "Asia/Kolkata", "en_IN", (("hi", 0.8), ("mr", 0.4), ("gu", 0.15))
    ),
    "singapore": Place(
        "Singapore", "Singapore", "Asia/Singapore", "en_US",
        (("zh", 0.45), ("ms", 0.2), ("ta", 0.08)),
    ),
    "sydney": Place("Sydney", "Australia", "Australia/Sydney", "en_AU", (("zh", 0.06),)),
    "melbourne": Place(
        "Melbourne", "Australia", "Australia/Melbourne", "en_AU", (("el", 0.05), ("it", 0.05))
    ),
    "nairobi": Place("Nairobi", "Kenya", "Africa/Nairobi", "en_KE", (("sw", 0.9),)),
    "lagos": Place("Lagos", "Nigeria", "Africa/Lagos", "en_NG", (("yo", 0.6),)),
    "cape_town": Place(
        "Cape Town", "South Africa", "Africa/Johannesburg", "zu_ZA", (("zu", 0.4),)
    ),
}  # fmt: skip

# Languages people pick up besides the local ones, and how often someone has one.
SECOND_LANGUAGES: tuple[str, ...] = ("es", "fr", "de", "it", "pt", "zh", "ja", "ar")
SECOND_LANGUAGE_SHARE = 0.15


@dataclass(frozen=True)
class OrganizationSpec:
    """An invented organization: where its people sit and how big it is relative to others."""

    name: str
    industry: str
    kind: str
    places: tuple[str, ...]
    weight: int

    @property
    def domain(self) -> str:
        """The email domain of its people; `.example` never delivers mail."""
        return f"{slugify(self.name.replace('&', 'and'))}.example"


_C, _U, _P, _N = (
    Organization.Kind.COMPANY,
    Organization.Kind.UNIVERSITY,
    Organization.Kind.PUBLIC_BODY,
    Organization.Kind.NONPROFIT,
)
ORGANIZATIONS: tuple[OrganizationSpec, ...] = (
    OrganizationSpec("Brightloom Software", Industry.TECHNOLOGY, _C, ("london", "berlin", "lisbon"), 11),
    OrganizationSpec("Kestrelway Cloud", Industry.TECHNOLOGY, _C, ("san_francisco", "austin", "toronto"), 10),
    OrganizationSpec("Quillstack", Industry.TECHNOLOGY, _C, ("bengaluru", "singapore", "amsterdam"), 7),
    OrganizationSpec("Harbourvine Bank", Industry.FINANCE, _C, ("london", "edinburgh", "dublin"), 9),
    OrganizationSpec("Halden & Crane Capital", Industry.FINANCE, _C, ("new_york", "chicago", "toronto"), 6),
    OrganizationSpec("Riverside Health Partners", Industry.HEALTHCARE, _C, ("manchester", "london"), 7),
    OrganizationSpec("Solvia Therapeutics", Industry.PHARMA, _C, ("boston", "munich", "paris"), 5),
    OrganizationSpec("Pennant Retail Group", Industry.RETAIL, _C, ("manchester", "london", "dublin"), 6),
    OrganizationSpec("Cartwheel Commerce", Industry.RETAIL, _C, ("madrid", "barcelona", "mexico_city"), 5),
    OrganizationSpec("Fjordlight Energy", Industry.ENERGY, _C, ("oslo", "stockholm", "copenhagen"), 4),
    OrganizationSpec("Ridgewell Consulting", Industry.CONSULTING, _C, ("london", "new_york", "singapore"), 6),
    OrganizationSpec("Clearwater Advisory", Industry.CONSULTING, _C, ("sydney", "melbourne"), 4),
    OrganizationSpec("Eastmoor University", Industry.EDUCATION, _U, ("edinburgh", "manchester"), 6),
    OrganizationSpec("Tallow Lane Logistics", Industry.LOGISTICS, _C, ("warsaw", "amsterdam", "mexico_city"), 4),
    OrganizationSpec("Greenharvest Cooperative", Industry.AGRICULTURE, _C, ("nairobi", "lagos", "cape_town"), 3),
    OrganizationSpec("Westbridge City Council", Industry.PUBLIC_SECTOR, _P, ("london",), 3),
    OrganizationSpec("Open Doors Housing Trust", Industry.NONPROFIT, _N, ("dublin", "london"), 2),
    OrganizationSpec("Pixelfold Media", Industry.MEDIA, _C, ("los_angeles", "berlin", "paris"), 4),
    OrganizationSpec("Ironmere Manufacturing", Industry.MANUFACTURING, _C, ("munich", "sao_paulo", "warsaw"), 4),
    OrganizationSpec("Tidewater Telecom", Industry.TELECOM, _C, ("mumbai", "bengaluru", "nairobi"), 5),
)  # fmt: skip

_F = JobFunction
# What people do in each industry (relative weights).
INDUSTRY_FUNCTIONS: dict[str, dict[str, int]] = {
    Industry.TECHNOLOGY: {_F.ENGINEERING: 32, _F.DATA: 12, _F.PRODUCT: 10, _F.DESIGN: 8, _F.MARKETING: 7, _F.SALES: 9, _F.CUSTOMER_SUCCESS: 7, _F.HR: 4, _F.FINANCE: 3, _F.OPERATIONS: 3, _F.LEGAL: 2, _F.STRATEGY: 1, _F.GENERAL_MANAGEMENT: 2},
    Industry.FINANCE: {_F.FINANCE: 22, _F.DATA: 14, _F.ENGINEERING: 14, _F.SALES: 8, _F.CUSTOMER_SUCCESS: 8, _F.LEGAL: 8, _F.OPERATIONS: 10, _F.HR: 4, _F.MARKETING: 4, _F.STRATEGY: 5, _F.PRODUCT: 3, _F.GENERAL_MANAGEMENT: 2},
    Industry.HEALTHCARE: {_F.CLINICAL: 45, _F.OPERATIONS: 14, _F.RESEARCH: 8, _F.DATA: 6, _F.HR: 7, _F.FINANCE: 6, _F.ENGINEERING: 4, _F.GENERAL_MANAGEMENT: 5, _F.TEACHING: 3, _F.LEGAL: 2},
    Industry.PHARMA: {_F.RESEARCH: 30, _F.CLINICAL: 10, _F.DATA: 12, _F.OPERATIONS: 12, _F.LEGAL: 8, _F.MARKETING: 8, _F.SALES: 8, _F.FINANCE: 4, _F.HR: 4, _F.GENERAL_MANAGEMENT: 4},
    Industry.RETAIL: {_F.OPERATIONS: 20, _F.SALES: 10, _F.MARKETING: 14, _F.CUSTOMER_SUCCESS: 12, _F.ENGINEERING: 10, _F.DATA: 8, _F.PRODUCT: 6, _F.DESIGN: 5, _F.FINANCE: 6, _F.HR: 5, _F.GENERAL_MANAGEMENT: 4},
    Industry.ENERGY: {_F.OPERATIONS: 25, _F.ENGINEERING: 20, _F.DATA: 10, _F.FINANCE: 10, _F.STRATEGY: 8, _F.LEGAL: 6, _F.HR: 6, _F.SALES: 5, _F.RESEARCH: 5, _F.GENERAL_MANAGEMENT: 5},
    Industry.CONSULTING: {_F.STRATEGY: 40, _F.DATA: 12, _F.FINANCE: 10, _F.ENGINEERING: 8, _F.HR: 6, _F.MARKETING: 5, _F.SALES: 7, _F.OPERATIONS: 5, _F.DESIGN: 4, _F.GENERAL_MANAGEMENT: 3},
    Industry.EDUCATION: {_F.TEACHING: 35, _F.RESEARCH: 25, _F.OPERATIONS: 10, _F.HR: 6, _F.FINANCE: 6, _F.DATA: 6, _F.MARKETING: 5, _F.ENGINEERING: 4, _F.GENERAL_MANAGEMENT: 3},
    Industry.LOGISTICS: {_F.OPERATIONS: 40, _F.ENGINEERING: 10, _F.DATA: 10, _F.SALES: 10, _F.CUSTOMER_SUCCESS: 8, _F.FINANCE: 8, _F.HR: 6, _F.LEGAL: 3, _F.GENERAL_MANAGEMENT: 5},
    Industry.AGRICULTURE: {_F.OPERATIONS: 30, _F.RESEARCH: 15, _F.SALES: 12, _F.FINANCE: 10, _F.MARKETING: 10, _F.DATA: 8, _F.HR: 6, _F.GENERAL_MANAGEMENT: 9},
    Industry.PUBLIC_SECTOR: {_F.OPERATIONS: 25, _F.LEGAL: 12, _F.FINANCE: 12, _F.HR: 10, _F.DATA: 10, _F.ENGINEERING: 8, _F.STRATEGY: 10, _F.GENERAL_MANAGEMENT: 8, _F.CUSTOMER_SUCCESS: 5},
    Industry.NONPROFIT: {_F.OPERATIONS: 20, _F.MARKETING: 18, _F.FINANCE: 15, _F.HR: 10, _F.GENERAL_MANAGEMENT: 12, _F.STRATEGY: 10, _F.DATA: 8, _F.CUSTOMER_SUCCESS: 7},
    Industry.MEDIA: {_F.DESIGN: 20, _F.MARKETING: 20, _F.ENGINEERING: 15, _F.PRODUCT: 10, _F.SALES: 12, _F.DATA: 8, _F.LEGAL: 5, _F.FINANCE: 5, _F.GENERAL_MANAGEMENT: 5},
    Industry.MANUFACTURING: {_F.OPERATIONS: 35, _F.ENGINEERING: 20, _F.RESEARCH: 8, _F.SALES: 10, _F.FINANCE: 8, _F.HR: 6, _F.LEGAL: 3, _F.DATA: 5, _F.GENERAL_MANAGEMENT: 5},
    Industry.TELECOM: {_F.ENGINEERING: 30, _F.CUSTOMER_SUCCESS: 15, _F.SALES: 12, _F.DATA: 10, _F.PRODUCT: 8, _F.MARKETING: 8, _F.OPERATIONS: 8, _F.FINANCE: 4, _F.HR: 3, _F.LEGAL: 2},
}  # fmt: skip


@dataclass(frozen=True)
class FunctionVocab:
    """How a job function reads in titles and sentences, and where its skills live."""

    area: str  # "a career in {area}"
    roles: tuple[str, ...]  # individual-contributor role nouns, lower case
    team: str  # "Head of {team}"
    primary: tuple[str, ...]  # taxonomy category slugs of the function's own skills
    secondary: tuple[str, ...]  # neighbouring categories
    core: tuple[str, ...] = ()  # hallmark skill slugs, picked more often
    titles: dict[int, tuple[str, ...]] = field(default_factory=dict)  # per-level overrides


_LEAD, _COMM, _CAREER, _STRAT = (
    "leadership-management",
    "communication-influence",
    "career-skills",
    "strategy-consulting-entrepreneurship",
)
FUNCTIONS: dict[str, FunctionVocab] = {
    _F.ENGINEERING: FunctionVocab(
        "software engineering",
        ("software engineer", "backend engineer", "frontend engineer", "platform engineer"),
        "engineering", ("software-engineering",), ("data-analytics", "product-management"),
        ("python", "system-design", "sql", "devops", "javascript"),
        {5: ("Staff engineer", "Principal engineer"), 6: ("Engineering manager",),
         7: ("Senior engineering manager", "Head of engineering"),
         10: ("Chief Technology Officer",)},
    ),
    _F.DATA: FunctionVocab(
        "data and analytics",
        ("data analyst", "data scientist", "analytics engineer", "data engineer"),
        "data", ("data-analytics",), ("software-engineering", _STRAT),
        ("data-analysis", "sql", "python", "statistics", "machine-learning"),
        {6: ("Analytics manager", "Data science manager"), 10: ("Chief Data Officer",)},
    ),
    _F.PRODUCT: FunctionVocab(
        "product management", ("product manager",), "product",
        ("product-management",), ("design-ux", "data-analytics", _COMM),
        ("product-strategy", "product-discovery", "stakeholder-management", "prioritisation"),
        {1: ("Associate product manager",), 2: ("Associate product manager",),
         5: ("Lead product manager", "Principal product manager"),
         6: ("Group product manager",), 7: ("Head of product",),
         10: ("Chief Product Officer",)},
    ),
    _F.DESIGN: FunctionVocab(
        "design and UX", ("product designer", "UX designer", "UX researcher", "content designer"),
        "design", ("design-ux",), ("product-management", _COMM),
        ("user-experience-design", "figma", "user-research", "design-systems"),
        {6: ("Design manager",), 10: ("Chief Design Officer",)},
    ),
    _F.MARKETING: FunctionVocab(
        "marketing",
        ("marketing specialist", "content marketer", "growth marketer", "brand marketer"),
        "marketing", ("marketing",), (_COMM, "data-analytics"),
        ("content-marketing", "brand-management", "marketing-analytics", "copywriting"),
        {1: ("Marketing assistant",), 10: ("Chief Marketing Officer",)},
    ),
    _F.SALES: FunctionVocab(
        "sales", ("account executive", "account manager", "business development manager"),
        "sales", ("sales-business-development",), (_COMM, _CAREER),
        ("b2b-sales", "sales-negotiation", "account-management", "prospecting"),
        {1: ("Sales development representative",), 2: ("Business development representative",),
         10: ("Chief Revenue Officer",)},
    ),
    _F.CUSTOMER_SUCCESS: FunctionVocab(
        "customer success", ("customer success manager", "support specialist"),
        "customer success", ("sales-business-development", _COMM), (_LEAD, "operations-supply-chain"),
        ("customer-success", "account-management", "active-listening", "relationship-building"),
        {1: ("Customer support associate",), 2: ("Customer support specialist",),
         6: ("Customer success team manager", "Support manager"),
         10: ("Chief Customer Officer",)},
    ),
    _F.FINANCE: FunctionVocab(
        "finance", ("financial analyst", "accountant", "FP&A analyst"), "finance",
        ("finance-accounting",), ("data-analytics", _STRAT),
        ("financial-modelling", "financial-planning-and-analysis", "microsoft-excel", "valuation"),
        {1: ("Finance graduate", "Accounts assistant"), 6: ("Finance manager",),
         7: ("Financial controller", "Head of finance"), 8: ("Finance director",),
         10: ("Chief Financial Officer",)},
    ),
    _F.HR: FunctionVocab(
        "people and HR", ("HR advisor", "talent partner", "people partner", "L&D specialist"),
        "people", ("people-hr",), (_LEAD, _COMM),
        ("talent-acquisition", "learning-and-development", "employee-relations", "coaching"),
        {1: ("HR assistant", "People coordinator"), 6: ("HR manager", "Talent acquisition manager"),
         7: ("Head of people", "Head of talent"), 8: ("People director", "HR director"),
         10: ("Chief People Officer",)},
    ),
    _F.OPERATIONS: FunctionVocab(
        "operations",
        ("operations analyst", "supply chain planner", "project manager", "logistics coordinator"),
        "operations", ("operations-supply-chain",), ("data-analytics", _LEAD),
        ("project-management", "process-improvement", "supply-chain-management"),
        {10: ("Chief Operating Officer",)},
    ),
    _F.LEGAL: FunctionVocab(
        "legal and compliance", ("legal counsel", "compliance analyst", "paralegal"), "legal",
        ("legal-compliance",), (_COMM, "finance-accounting"),
        ("contract-law", "regulatory-compliance", "data-protection", "corporate-governance"),
        {1: ("Trainee solicitor", "Legal assistant"), 5: ("Principal counsel", "Compliance lead"),
         6: ("Legal manager", "Compliance manager"), 7: ("Head of legal", "Head of compliance"),
         8: ("Deputy general counsel",), 9: ("General counsel",),
         10: ("Chief Legal Officer",)},
    ),
    _F.RESEARCH: FunctionVocab(
        "research", ("research scientist", "research associate", "researcher"), "research",
        ("education-research", "healthcare-life-sciences"), ("data-analytics", _COMM),
        ("research-methods", "clinical-research", "statistics", "grant-writing"),
        {1: ("Research assistant", "Laboratory technician"), 6: ("Research group leader",),
         7: ("Head of research",), 10: ("Chief Scientific Officer",)},
    ),
    _F.CLINICAL: FunctionVocab(
        "clinical care", ("nurse", "physiotherapist", "pharmacist"), "clinical services",
        ("healthcare-life-sciences",), (_COMM, _LEAD),
        ("patient-care", "nursing", "healthcare-management", "mental-health-support"),
        {1: ("Newly qualified nurse", "Healthcare assistant"), 2: ("Staff nurse", "Junior doctor"),
         3: ("Staff nurse", "Physiotherapist", "Pharmacist"),
         4: ("Senior staff nurse", "Senior physiotherapist", "Specialty doctor"),
         5: ("Clinical nurse specialist", "Advanced nurse practitioner"),
         6: ("Ward manager", "Clinical team lead"), 7: ("Matron", "Consultant physician"),
         8: ("Clinical director",), 9: ("Director of nursing", "Deputy medical director"),
         10: ("Chief Medical Officer", "Chief Nursing Officer")},
    ),
    _F.TEACHING: FunctionVocab(
        "teaching and training", ("lecturer", "trainer", "learning designer"), "education",
        ("education-research",), (_COMM, "people-hr"),
        ("teaching", "curriculum-design", "instructional-design", "facilitation"),
        {1: ("Teaching assistant",), 2: ("Graduate teaching assistant", "Trainee teacher"),
         3: ("Lecturer", "Trainer"), 4: ("Senior lecturer", "Senior trainer"),
         5: ("Principal lecturer", "Learning design lead"),
         6: ("Programme director", "Head of learning"), 7: ("Head of department",),
         8: ("Dean", "Director of education"), 9: ("Pro-vice-chancellor", "Deputy principal"),
         10: ("Vice-chancellor", "Principal")},
    ),
    _F.STRATEGY: FunctionVocab(
        "strategy and consulting", ("consultant", "strategy analyst", "business analyst"),
        "strategy", (_STRAT,), ("finance-accounting", _COMM),
        ("business-strategy", "problem-solving", "management-consulting", "market-sizing"),
        {1: ("Analyst", "Graduate consultant"), 2: ("Associate consultant", "Business analyst"),
         3: ("Consultant",), 4: ("Senior consultant",),
         5: ("Engagement manager", "Strategy lead"), 6: ("Senior manager", "Strategy manager"),
         7: ("Associate director", "Head of strategy"), 8: ("Director", "Partner"),
         9: ("Managing director", "Senior partner"),
         10: ("Chief Strategy Officer", "Managing partner")},
    ),
    _F.GENERAL_MANAGEMENT: FunctionVocab(
        "general management", ("business manager",), "the business", (_LEAD, _STRAT),
        ("finance-accounting", _COMM),
        ("team-leadership", "business-strategy", "decision-making", "change-management"),
        {1: ("Management trainee",), 2: ("Assistant manager",),
         3: ("Team supervisor", "Business coordinator"), 4: ("Team leader",),
         5: ("Business unit lead",), 6: ("General manager", "Branch manager"),
         7: ("Regional manager", "Senior general manager"),
         8: ("Managing director", "Country director"),
         9: ("Executive vice president", "Divisional president"),
         10: ("Chief Executive Officer", "Founder and CEO")},
    ),
}  # fmt: skip

# Job titles by level when a function doesn't override them; {role} and {team} filled in.
TITLE_PATTERNS: dict[int, tuple[str, ...]] = {
    1: ("Graduate {role}", "Junior {role}"),
    2: ("Junior {role}", "Associate {role}"),
    3: ("{role}",),
    4: ("Senior {role}",),
    5: ("Lead {role}", "Principal {role}"),
    6: ("{team} manager",),
    7: ("Senior {team} manager", "Head of {team}"),
    8: ("Director of {team}",),
    9: ("VP of {team}",),
    10: ("Chief Executive Officer",),
}

# Where people move when they change function (mentees who want a new direction).
CAREER_MOVES: dict[str, tuple[str, ...]] = {
    _F.ENGINEERING: (_F.PRODUCT, _F.DATA, _F.GENERAL_MANAGEMENT),
    _F.DATA: (_F.PRODUCT, _F.ENGINEERING, _F.STRATEGY),
    _F.PRODUCT: (_F.GENERAL_MANAGEMENT, _F.STRATEGY, _F.DESIGN),
    _F.DESIGN: (_F.PRODUCT, _F.MARKETING),
    _F.MARKETING: (_F.PRODUCT, _F.SALES, _F.STRATEGY),
    _F.SALES: (_F.CUSTOMER_SUCCESS, _F.MARKETING, _F.GENERAL_MANAGEMENT),
    _F.CUSTOMER_SUCCESS: (_F.PRODUCT, _F.SALES, _F.OPERATIONS),
    _F.FINANCE: (_F.STRATEGY, _F.DATA, _F.GENERAL_MANAGEMENT),
    _F.HR: (_F.GENERAL_MANAGEMENT, _F.STRATEGY, _F.TEACHING),
    _F.OPERATIONS: (_F.GENERAL_MANAGEMENT, _F.STRATEGY, _F.DATA),
    _F.LEGAL: (_F.STRATEGY, _F.GENERAL_MANAGEMENT),
    _F.RESEARCH: (_F.DATA, _F.TEACHING, _F.STRATEGY),
    _F.CLINICAL: (_F.RESEARCH, _F.GENERAL_MANAGEMENT, _F.TEACHING),
    _F.TEACHING: (_F.HR, _F.DESIGN, _F.RESEARCH),
    _F.STRATEGY: (_F.GENERAL_MANAGEMENT, _F.PRODUCT),
    _F.GENERAL_MANAGEMENT: (_F.STRATEGY,),
}

# Relative weights of levels 1..10 for each role; mentors sit higher.
LEVEL_WEIGHTS: dict[str, tuple[int, ...]] = {
    "mentee": (16, 22, 20, 14, 10, 7, 5, 3, 2, 1),
    "both": (1, 4, 10, 18, 20, 18, 13, 9, 5, 2),
    "mentor": (2, 3, 6, 12, 15, 16, 16, 14, 10, 6),
}
# Plausible years of experience for each level.
YEARS_BY_LEVEL: dict[int, tuple[int, int]] = {
    1: (0, 2), 2: (1, 3), 3: (2, 5), 4: (4, 8), 5: (6, 12),
    6: (7, 14), 7: (9, 18), 8: (11, 22), 9: (14, 26), 10: (16, 32),
}  # fmt: skip

# Skills written with their capitals even mid-sentence.
PROPER_NOUN_SKILLS = frozenset(
    {"python", "java", "go", "react", "django", "kubernetes", "figma", "salesforce",
     "microsoft-excel", "lean-six-sigma"}
)  # fmt: skip
