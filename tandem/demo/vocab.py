"""The demo world: organizations, and what each job function does and is called.

Everything here is invented for the demo (organizations use `.example` domains); it is
plain data, read by the generator.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.text import slugify

from tandem.organizations.choices import Industry, JobFunction
from tandem.organizations.models import Organization


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


def _org(
    name: str, industry: str, places: str, weight: int, kind: str = Organization.Kind.COMPANY
) -> OrganizationSpec:
    return OrganizationSpec(name, industry, kind, tuple(places.split()), weight)


def _weights(spec: str) -> dict[str, int]:
    """'engineering 32, data 12' → {'engineering': 32, 'data': 12}."""
    return {name: int(weight) for name, weight in (item.split() for item in spec.split(","))}


_I, _KIND = Industry, Organization.Kind
ORGANIZATIONS: tuple[OrganizationSpec, ...] = (
    _org("Brightloom Software", _I.TECHNOLOGY, "london berlin lisbon", 11),
    _org("Kestrelway Cloud", _I.TECHNOLOGY, "san_francisco austin toronto", 10),
    _org("Quillstack", _I.TECHNOLOGY, "bengaluru singapore amsterdam", 7),
    _org("Harbourvine Bank", _I.FINANCE, "london edinburgh dublin", 9),
    _org("Halden & Crane Capital", _I.FINANCE, "new_york chicago toronto", 6),
    _org("Riverside Health Partners", _I.HEALTHCARE, "manchester london", 7),
    _org("Solvia Therapeutics", _I.PHARMA, "boston munich paris", 5),
    _org("Pennant Retail Group", _I.RETAIL, "manchester london dublin", 6),
    _org("Cartwheel Commerce", _I.RETAIL, "madrid barcelona mexico_city", 5),
    _org("Fjordlight Energy", _I.ENERGY, "oslo stockholm copenhagen", 4),
    _org("Ridgewell Consulting", _I.CONSULTING, "london new_york singapore", 6),
    _org("Clearwater Advisory", _I.CONSULTING, "sydney melbourne", 4),
    _org("Eastmoor University", _I.EDUCATION, "edinburgh manchester", 6, _KIND.UNIVERSITY),
    _org("Tallow Lane Logistics", _I.LOGISTICS, "warsaw amsterdam mexico_city", 4),
    _org("Greenharvest Cooperative", _I.AGRICULTURE, "nairobi lagos cape_town", 3),
    _org("Westbridge City Council", _I.PUBLIC_SECTOR, "london", 3, _KIND.PUBLIC_BODY),
    _org("Open Doors Housing Trust", _I.NONPROFIT, "dublin london", 2, _KIND.NONPROFIT),
    _org("Pixelfold Media", _I.MEDIA, "los_angeles berlin paris", 4),
    _org("Ironmere Manufacturing", _I.MANUFACTURING, "munich sao_paulo warsaw", 4),
    _org("Tidewater Telecom", _I.TELECOM, "mumbai bengaluru nairobi", 5),
)

_F = JobFunction
# What people do in each industry (relative weights of JobFunction values).
INDUSTRY_FUNCTIONS: dict[str, dict[str, int]] = {
    _I.TECHNOLOGY: _weights(
        "engineering 32, data 12, product 10, design 8, marketing 7, sales 9, "
        "customer_success 7, hr 4, finance 3, operations 3, legal 2, strategy 1, "
        "general_management 2"
    ),
    _I.FINANCE: _weights(
        "finance 22, data 14, engineering 14, sales 8, customer_success 8, legal 8, "
        "operations 10, hr 4, marketing 4, strategy 5, product 3, general_management 2"
    ),
    _I.HEALTHCARE: _weights(
        "clinical 45, operations 14, research 8, data 6, hr 7, finance 6, engineering 4, "
        "general_management 5, teaching 3, legal 2"
    ),
    _I.PHARMA: _weights(
        "research 30, clinical 10, data 12, operations 12, legal 8, marketing 8, sales 8, "
        "finance 4, hr 4, general_management 4"
    ),
    _I.RETAIL: _weights(
        "operations 20, sales 10, marketing 14, customer_success 12, engineering 10, data 8, "
        "product 6, design 5, finance 6, hr 5, general_management 4"
    ),
    _I.ENERGY: _weights(
        "operations 25, engineering 20, data 10, finance 10, strategy 8, legal 6, hr 6, "
        "sales 5, research 5, general_management 5"
    ),
    _I.CONSULTING: _weights(
        "strategy 40, data 12, finance 10, engineering 8, hr 6, marketing 5, sales 7, "
        "operations 5, design 4, general_management 3"
    ),
    _I.EDUCATION: _weights(
        "teaching 35, research 25, operations 10, hr 6, finance 6, data 6, marketing 5, "
        "engineering 4, general_management 3"
    ),
    _I.LOGISTICS: _weights(
        "operations 40, engineering 10, data 10, sales 10, customer_success 8, finance 8, "
        "hr 6, legal 3, general_management 5"
    ),
    _I.AGRICULTURE: _weights(
        "operations 30, research 15, sales 12, finance 10, marketing 10, data 8, hr 6, "
        "general_management 9"
    ),
    _I.PUBLIC_SECTOR: _weights(
        "operations 25, legal 12, finance 12, hr 10, data 10, engineering 8, strategy 10, "
        "general_management 8, customer_success 5"
    ),
    _I.NONPROFIT: _weights(
        "operations 20, marketing 18, finance 15, hr 10, general_management 12, strategy 10, "
        "data 8, customer_success 7"
    ),
    _I.MEDIA: _weights(
        "design 20, marketing 20, engineering 15, product 10, sales 12, data 8, legal 5, "
        "finance 5, general_management 5"
    ),
    _I.MANUFACTURING: _weights(
        "operations 35, engineering 20, research 8, sales 10, finance 8, hr 6, legal 3, data 5, "
        "general_management 5"
    ),
    _I.TELECOM: _weights(
        "engineering 30, customer_success 15, sales 12, data 10, product 8, marketing 8, "
        "operations 8, finance 4, hr 3, legal 2"
    ),
}


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
        "customer success", ("sales-business-development", _COMM),
        (_LEAD, "operations-supply-chain"),
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
        ("education-research",), ("data-analytics", _COMM),
        ("research-methods", "statistics", "quantitative-research", "qualitative-research",
         "grant-writing", "academic-writing"),
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
        # The consulting half of its category; the founders' skills there fit others less.
        "strategy", (), ("finance-accounting", _COMM, "data-analytics"),
        ("business-strategy", "problem-solving", "management-consulting", "market-sizing",
         "business-analysis", "competitive-strategy", "digital-transformation",
         "business-case-development", "client-management", "scenario-planning",
         "sustainability-strategy", "innovation-management", "case-interviews"),
        {1: ("Analyst", "Graduate consultant"), 2: ("Associate consultant", "Business analyst"),
         3: ("Consultant",), 4: ("Senior consultant",),
         5: ("Engagement manager", "Strategy lead"), 6: ("Senior manager", "Strategy manager"),
         7: ("Associate director", "Head of strategy"), 8: ("Director", "Partner"),
         9: ("Managing director", "Senior partner"),
         10: ("Chief Strategy Officer", "Managing partner")},
    ),
    _F.GENERAL_MANAGEMENT: FunctionVocab(
        "general management", ("business manager",), "the business", (_LEAD,),
        ("finance-accounting", _COMM),
        ("team-leadership", "business-strategy", "decision-making", "change-management",
         "strategic-thinking", "competitive-strategy", "small-business-management",
         "digital-transformation", "startup-scaling"),
        {1: ("Management trainee",), 2: ("Assistant manager",),
         3: ("Team supervisor", "Business coordinator"), 4: ("Team leader",),
         5: ("Business unit lead",), 6: ("General manager", "Branch manager"),
         7: ("Regional manager", "Senior general manager"),
         8: ("Managing director", "Country director"),
         9: ("Executive vice president", "Divisional president"),
         10: ("Chief Executive Officer", "Founder and CEO")},
    ),
}  # fmt: skip

# What anyone in an industry may know a little of, whatever their function.
INDUSTRY_SKILLS: dict[str, tuple[str, ...]] = {
    _I.HEALTHCARE: ("healthcare-life-sciences",),
    _I.PHARMA: ("healthcare-life-sciences",),
    _I.FINANCE: ("finance-accounting",),
    _I.EDUCATION: ("education-research",),
    _I.ENERGY: ("operations-supply-chain",),
    _I.LOGISTICS: ("operations-supply-chain",),
    _I.MANUFACTURING: ("operations-supply-chain",),
}

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
    {"python", "java", "go", "csharp", "react", "django", "kubernetes", "figma", "salesforce"}
)  # fmt: skip
