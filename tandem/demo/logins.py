"""The five named demo accounts everyone can sign in with, and their shared password.

The password is public (it is printed by `tandem demo` and written in the README), which is
why the command refuses to run with DEBUG off unless told otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

from tandem.organizations.choices import Industry, JobFunction
from tandem.profiles.choices import (
    ContactChannel,
    FocusArea,
    MeetingMode,
    MentoringType,
    Proficiency,
    Visibility,
)

DEMO_PASSWORD = "tandem-demo-2026"  # noqa: S105 - public on purpose, see the module docstring
LOGIN_PATH = "/accounts/login/"


@dataclass(frozen=True)
class NamedPerson:
    """A hand-written demo account; the generator fills in the texts around it."""

    role: str
    email: str
    first_name: str
    last_name: str
    organization: str  # an ORGANIZATIONS name, or "" for none
    place: str  # a PLACES key
    function: str
    level: int
    years: int
    job_title: str
    is_mentee: bool
    is_mentor: bool
    offered: tuple[tuple[str, int], ...] = ()  # (skill slug, proficiency)
    wanted: tuple[str, ...] = ()  # skill slugs
    target_function: str = ""
    target_level: int | None = None
    target_industry: str = ""
    focus_sought: tuple[str, ...] = ()
    focus_offered: tuple[str, ...] = ()
    types_sought: tuple[str, ...] = ()
    types_offered: tuple[str, ...] = ()
    languages: tuple[str, ...] = ("en",)
    capacity: int = 2
    hours: int = 2
    meeting_mode: str = MeetingMode.EITHER
    contact_channel: str = ContactChannel.EMAIL
    visibility: str = Visibility.MEMBERS
    is_staff: bool = False
    is_program_manager: bool = False


_EXPERT, _ADVANCED, _WORKING = Proficiency.EXPERT, Proficiency.ADVANCED, Proficiency.WORKING

NAMED_PEOPLE: tuple[NamedPerson, ...] = (
    NamedPerson(
        role="Mentee", email="mentee@demo.tandem.example",
        first_name="Priya", last_name="Raman", organization="Harbourvine Bank", place="london",
        function=JobFunction.DATA, level=2, years=2, job_title="Junior data analyst",
        is_mentee=True, is_mentor=False,
        wanted=("python", "data-analysis", "product-strategy", "stakeholder-management"),
        target_function=JobFunction.PRODUCT, target_level=4, target_industry=Industry.TECHNOLOGY,
        focus_sought=(FocusArea.CAREER_CHANGE, FocusArea.SKILL_BUILDING, FocusArea.CONFIDENCE),
        types_sought=(MentoringType.EXPERTISE, MentoringType.DEVELOPMENTAL),
        languages=("en", "ta"), meeting_mode=MeetingMode.VIRTUAL,
        contact_channel=ContactChannel.VIDEO,
    ),
    NamedPerson(
        role="Mentor", email="mentor@demo.tandem.example",
        first_name="Daniel", last_name="Okafor", organization="Brightloom Software",
        place="london", function=JobFunction.ENGINEERING, level=6, years=12,
        job_title="Engineering manager", is_mentee=False, is_mentor=True,
        offered=(("python", _EXPERT), ("team-leadership", _EXPERT), ("system-design", _ADVANCED),
                 ("sql", _ADVANCED), ("hiring-and-team-building", _ADVANCED),
                 ("coaching", _WORKING)),
        focus_offered=(FocusArea.SKILL_BUILDING, FocusArea.LEADERSHIP, FocusArea.PROMOTION,
                       FocusArea.CAREER_ADVICE),
        types_offered=(MentoringType.EXPERTISE, MentoringType.DEVELOPMENTAL),
        languages=("en", "fr"), capacity=3, hours=6,
    ),
    NamedPerson(
        role="Mentor and mentee", email="both@demo.tandem.example",
        first_name="Sofía", last_name="Márquez", organization="Cartwheel Commerce",
        place="madrid", function=JobFunction.DESIGN, level=4, years=7,
        job_title="Senior product designer", is_mentee=True, is_mentor=True,
        offered=(("figma", _EXPERT), ("design-systems", _EXPERT), ("user-research", _ADVANCED),
                 ("usability-testing", _ADVANCED)),
        wanted=("product-strategy", "stakeholder-management", "executive-presence"),
        target_function=JobFunction.PRODUCT, target_level=6,
        focus_sought=(FocusArea.CAREER_CHANGE, FocusArea.LEADERSHIP),
        focus_offered=(FocusArea.SKILL_BUILDING, FocusArea.JOB_SEARCH, FocusArea.CONFIDENCE),
        types_sought=(MentoringType.DEVELOPMENTAL, MentoringType.SPONSORSHIP),
        types_offered=(MentoringType.EXPERTISE, MentoringType.PEER),
        languages=("en", "es", "pt"), capacity=2, hours=3, contact_channel=ContactChannel.CHAT,
    ),
    NamedPerson(
        role="Program manager", email="manager@demo.tandem.example",
        first_name="Hannah", last_name="Becker", organization="Eastmoor University",
        place="edinburgh", function=JobFunction.HR, level=6, years=11,
        job_title="Careers and mentoring programme manager", is_mentee=False, is_mentor=True,
        offered=(("learning-and-development", _EXPERT), ("coaching", _EXPERT),
                 ("facilitation", _ADVANCED), ("career-transitions", _ADVANCED)),
        focus_offered=(FocusArea.CAREER_ADVICE, FocusArea.JOB_SEARCH, FocusArea.CONFIDENCE),
        types_offered=(MentoringType.CAREER_LIFE, MentoringType.DEVELOPMENTAL),
        languages=("en", "de"), capacity=2, hours=2, is_program_manager=True,
    ),
    NamedPerson(
        role="Staff (admin)", email="staff@demo.tandem.example",
        first_name="Sam", last_name="Whitaker", organization="", place="manchester",
        function=JobFunction.ENGINEERING, level=5, years=9, job_title="Platform operator",
        is_mentee=False, is_mentor=True,
        offered=(("devops", _EXPERT), ("site-reliability-engineering", _EXPERT),
                 ("cloud-architecture", _ADVANCED)),
        focus_offered=(FocusArea.SKILL_BUILDING,), types_offered=(MentoringType.EXPERTISE,),
        capacity=1, hours=1, meeting_mode=MeetingMode.VIRTUAL,
        visibility=Visibility.HIDDEN, is_staff=True,
    ),
)  # fmt: skip

# (what the account is for, email): printed by the command and used by the tests.
DEMO_LOGINS: list[tuple[str, str]] = [(person.role, person.email) for person in NAMED_PEOPLE]
DEMO_MENTEE_EMAIL = NAMED_PEOPLE[0].email
