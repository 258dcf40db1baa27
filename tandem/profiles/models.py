"""A person's mentoring profile: the mentee side, the mentor side, or both (PRODUCT.md F2)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from tandem.core.models import BaseModel
from tandem.organizations.choices import Industry, JobFunction
from tandem.organizations.models import Organization
from tandem.profiles.choices import (
    ContactChannel,
    FocusArea,
    Level,
    MeetingMode,
    MentoringType,
    Proficiency,
    SkillSide,
    Visibility,
)
from tandem.skills.models import Skill

MAX_CAPACITY = 20
# A mentor who can be asked now: the one place this rule is written for queries.
ACCEPTING_REQUESTS = Q(is_mentor=True, is_paused=False, capacity__gt=F("places_taken"))
MAX_HOURS_PER_MONTH = 40


class Language(models.Model):
    """A language people can hold a conversation in."""

    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=60)

    class Meta:
        ordering = ("name", "id")

    def __str__(self) -> str:
        return self.name


class Profile(BaseModel):
    """One per user. `is_mentee` / `is_mentor` say which sides the person holds."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    is_mentee = models.BooleanField("I want a mentor", default=False)
    is_mentor = models.BooleanField("I want to mentor", default=False)

    # Who they are now.
    headline = models.CharField(max_length=160, blank=True)
    job_title = models.CharField("current role", max_length=120, blank=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.SET_NULL, null=True, blank=True, related_name="members"
    )
    industry = models.CharField(max_length=30, choices=Industry.choices, blank=True)
    function = models.CharField(max_length=30, choices=JobFunction.choices, blank=True)
    level = models.PositiveSmallIntegerField(choices=Level.choices, default=Level.INTERMEDIATE)
    years_experience = models.PositiveSmallIntegerField("years of experience", default=0)
    bio = models.TextField("about me and my expertise", max_length=2000, blank=True)

    # The mentee side: where they want to go.
    goals = models.TextField("what I want to learn or achieve", max_length=2000, blank=True)
    target_industry = models.CharField(max_length=30, choices=Industry.choices, blank=True)
    target_function = models.CharField(max_length=30, choices=JobFunction.choices, blank=True)
    target_level = models.PositiveSmallIntegerField(choices=Level.choices, null=True, blank=True)
    skills_wanted = models.ManyToManyField(Skill, blank=True, related_name="wanted_by")
    focus_areas_sought = models.JSONField(default=list, blank=True)
    mentoring_types_sought = models.JSONField(default=list, blank=True)

    # The mentor side: what they give and how much time they have.
    focus_areas_offered = models.JSONField(default=list, blank=True)
    mentoring_types_offered = models.JSONField(default=list, blank=True)
    hours_per_month = models.PositiveSmallIntegerField(default=2)
    capacity = models.PositiveSmallIntegerField("maximum active mentees", default=2)
    is_paused = models.BooleanField("pause new requests", default=False)
    # Mentorships holding one of this mentor's places; kept by the mentorship services under
    # the mentor's row lock, so the directory and matching can filter on it without a join.
    places_taken = models.PositiveSmallIntegerField(default=0, editable=False)

    # Practicalities.
    languages = models.ManyToManyField(Language, blank=True, related_name="speakers")
    timezone = models.CharField(max_length=64, default="UTC")
    city = models.CharField(max_length=100, blank=True)
    country = models.CharField(max_length=100, blank=True)
    meeting_mode = models.CharField(
        max_length=12, choices=MeetingMode.choices, default=MeetingMode.VIRTUAL
    )
    contact_channel = models.CharField(
        max_length=12, choices=ContactChannel.choices, default=ContactChannel.EMAIL
    )
    # Shown to the other side only once an ask is accepted.
    contact_detail = models.CharField(max_length=200, blank=True)
    # An email, not an account: the manager need not be on Tandem, and typing an address
    # must not reveal whether someone has an account. Matching resolves it when it needs to.
    manager_email = models.EmailField("your manager's email", blank=True)
    competitors = models.ManyToManyField(Organization, blank=True, related_name="+")
    visibility = models.CharField(
        max_length=14, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    onboarded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("id",)
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=10), name="profiles_level_1_to_10"
            ),
            models.CheckConstraint(
                condition=Q(target_level__isnull=True)
                | Q(target_level__gte=1, target_level__lte=10),
                name="profiles_target_level_1_to_10",
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=0, capacity__lte=MAX_CAPACITY),
                name="profiles_capacity_in_range",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_month__gte=0, hours_per_month__lte=MAX_HOURS_PER_MONTH),
                name="profiles_hours_in_range",
            ),
            models.CheckConstraint(
                condition=Q(years_experience__lte=70), name="profiles_years_experience_sane"
            ),
        ]
        indexes = [
            models.Index(fields=["is_mentor", "visibility"], name="profiles_directory_idx"),
            # Each process's mentor index asks for the profiles changed since it last looked.
            models.Index(fields=["updated_at"], name="profiles_updated_idx"),
            # The directory picks a page, and counts its mentors, from these columns alone
            # (an index-only scan on PostgreSQL, which alone keeps the included columns): the
            # whole rows, ~1 KB each, are read only for the page's mentors.
            models.Index(
                fields=["user"],
                include=[
                    "id",
                    "is_mentor",
                    "visibility",
                    "organization",
                    "capacity",
                    "places_taken",
                    "is_paused",
                ],
                condition=Q(is_mentor=True, onboarded_at__isnull=False),
                name="profiles_listed_mentors_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    def get_absolute_url(self) -> str:
        return reverse("profiles:detail", kwargs={"profile_id": self.pk})

    @property
    def is_onboarded(self) -> bool:
        """Has the person finished the onboarding steps."""
        return self.onboarded_at is not None

    @property
    def roles(self) -> list[str]:
        """The sides this profile holds, for the navigation and the profile page."""
        return [
            name for name, held in (("Mentee", self.is_mentee), ("Mentor", self.is_mentor)) if held
        ]

    @property
    def location(self) -> str:
        """City and country, as far as given."""
        return ", ".join(part for part in (self.city, self.country) if part)

    @property
    def focus_areas_sought_labels(self) -> list[str]:
        return focus_area_labels(self.focus_areas_sought)

    @property
    def focus_areas_offered_labels(self) -> list[str]:
        return focus_area_labels(self.focus_areas_offered)

    @property
    def mentoring_types_sought_labels(self) -> list[str]:
        return mentoring_type_labels(self.mentoring_types_sought)

    @property
    def mentoring_types_offered_labels(self) -> list[str]:
        return mentoring_type_labels(self.mentoring_types_offered)

    @property
    def accepts_requests(self) -> bool:
        """A mentor who is not paused and has a free place."""
        return self.is_mentor and not self.is_paused and self.capacity > self.places_taken

    @property
    def skill_requests_waiting(self) -> dict[str, list[SkillRequest]]:
        """Skills in the person's own words not yet mapped, by side (uses a prefetch if any)."""
        waiting: dict[str, list[SkillRequest]] = {side: [] for side in SkillSide.values}
        for request in self.skill_requests.all():
            if request.is_pending:
                waiting[request.side].append(request)
        return waiting


class SkillOffered(models.Model):
    """A skill a mentor offers, with how well they know it."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="skills_offered")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="offered_by")
    proficiency = models.PositiveSmallIntegerField(
        choices=Proficiency.choices, default=Proficiency.ADVANCED
    )

    class Meta:
        ordering = ("-proficiency", "skill__name", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "skill"], name="profiles_skill_offered_once"
            ),
            models.CheckConstraint(
                condition=Q(proficiency__gte=1, proficiency__lte=4),
                name="profiles_proficiency_1_to_4",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill} ({self.get_proficiency_display()})"


class SkillRequest(models.Model):
    """A skill in a person's own words that the taxonomy lacks, kept until staff map it.

    Mapping gives the person the real skill on the same side; the row stays as the record
    of what was asked for and what it became, so staff can see which words to add as aliases.
    """

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="skill_requests")
    side = models.CharField(max_length=8, choices=SkillSide.choices)
    text = models.CharField("in their words", max_length=120)
    normalized = models.CharField(max_length=120, editable=False)
    # For the offered side: how well they said they know it, carried over when mapped.
    proficiency = models.PositiveSmallIntegerField(
        choices=Proficiency.choices, default=Proficiency.ADVANCED
    )
    requested_at = models.DateTimeField()
    mapped_to = models.ForeignKey(
        Skill, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    mapped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("requested_at", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "side", "normalized"],
                condition=Q(mapped_to__isnull=True),
                name="profiles_skill_request_pending_once",
            ),
            models.CheckConstraint(
                condition=Q(mapped_to__isnull=True, mapped_at__isnull=True)
                | Q(mapped_to__isnull=False, mapped_at__isnull=False),
                name="profiles_skill_request_mapped_with_time",
            ),
            models.CheckConstraint(
                condition=Q(proficiency__gte=1, proficiency__lte=4),
                name="profiles_skill_request_proficiency_1_to_4",
            ),
        ]

    def __str__(self) -> str:
        return f"“{self.text}” ({self.get_side_display()})"

    @property
    def is_pending(self) -> bool:
        """Not yet mapped to a skill."""
        return self.mapped_to_id is None


def _labels(values: list[str], choices: type[models.TextChoices]) -> list[str]:
    mapping = dict(choices.choices)
    return [str(mapping[v]) for v in values if v in mapping]


def focus_area_labels(values: list[str]) -> list[str]:
    """Display names for stored focus-area values."""
    return _labels(values, FocusArea)


def mentoring_type_labels(values: list[str]) -> list[str]:
    """Display names for stored mentoring-type values."""
    return _labels(values, MentoringType)
