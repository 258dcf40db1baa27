"""Fixed vocabularies of a profile (PRODUCT.md F2)."""

from django.db import models


class Level(models.IntegerChoices):
    """Org-chart level: 1 = entry … 10 = C-suite. Matching scores the gap between levels."""

    ENTRY = 1, "1 · Entry level / student"
    JUNIOR = 2, "2 · Junior"
    INTERMEDIATE = 3, "3 · Intermediate"
    SENIOR = 4, "4 · Senior"
    LEAD = 5, "5 · Lead / principal"
    MANAGER = 6, "6 · Manager"
    SENIOR_MANAGER = 7, "7 · Senior manager"
    DIRECTOR = 8, "8 · Director"
    VP = 9, "9 · Vice president"
    C_SUITE = 10, "10 · C-suite / founder"


class Proficiency(models.IntegerChoices):
    """How well a mentor knows a skill they offer."""

    FAMILIAR = 1, "Familiar"
    WORKING = 2, "Working knowledge"
    ADVANCED = 3, "Advanced"
    EXPERT = 4, "Expert"


class FocusArea(models.TextChoices):
    """What a conversation is about."""

    CAREER_ADVICE = "career_advice", "Career advice"
    CAREER_CHANGE = "career_change", "Changing careers"
    PROMOTION = "promotion", "Getting promoted"
    SKILL_BUILDING = "skill_building", "Building a skill"
    LEADERSHIP = "leadership", "Leadership"
    WORKPLACE_RELATIONSHIPS = "workplace_relationships", "Workplace relationships"
    OBSTACLES = "obstacles", "Getting past obstacles"
    VISIBILITY = "visibility", "Visibility and networking"
    JOB_SEARCH = "job_search", "Job search and interviews"
    ENTREPRENEURSHIP = "entrepreneurship", "Starting something"
    WORK_LIFE = "work_life", "Work–life balance"
    CONFIDENCE = "confidence", "Confidence and presence"


class MentoringType(models.TextChoices):
    """Kinds of mentoring a person offers or seeks."""

    DEVELOPMENTAL = "developmental", "Developmental"
    SPONSORSHIP = "sponsorship", "Sponsorship"
    EXPERTISE = "expertise", "Expertise (a specific skill)"
    CAREER_LIFE = "career_life", "Career and life"
    PEER = "peer", "Peer"
    REVERSE = "reverse", "Reverse / generational"
    LINE_MANAGER = "line_manager", "Line manager"


class MeetingMode(models.TextChoices):
    """How a person likes to meet."""

    VIRTUAL = "virtual", "Virtual"
    IN_PERSON = "in_person", "In person"
    EITHER = "either", "Either"


class ContactChannel(models.TextChoices):
    """Preferred way to be reached once an ask is accepted."""

    EMAIL = "email", "Email"
    VIDEO = "video", "Video call"
    PHONE = "phone", "Phone"
    CHAT = "chat", "Chat (Slack, Teams, …)"


class Visibility(models.TextChoices):
    """Who can find a profile in the directory and open it."""

    MEMBERS = "members", "Everyone on Tandem"
    ORGANIZATION = "organization", "Only people with an email at my organization"
    HIDDEN = "hidden", "Nobody but Tandem staff (hidden from the directory)"


class SkillSide(models.TextChoices):
    """The two skill lists on a profile."""

    WANTED = "wanted", "Wants to learn"
    OFFERED = "offered", "Offers"
