"""Programs an organization runs (PRODUCT.md F10): who takes part, what they answered, the
matching rounds a manager reviews and publishes, and the pairs those rounds make.

In 1:1 programs (mentoring, reverse) a pair is (mentee, mentor): `first` is the mentee and
`second` the mentor. Peer programs and coffee rounds match one pool to itself: `first` is the
participant with the smaller id.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from tandem.core.models import BaseModel
from tandem.mentorships.models import Agreement, Mentorship
from tandem.organizations.models import Organization
from tandem.profiles.models import Profile

COFFEE_MINUTES = (20, 25, 30)


class Program(BaseModel):
    """A mentoring program, a peer program or recurring coffee rounds."""

    class Kind(models.TextChoices):
        MENTORING = "mentoring", "1:1 mentoring"
        PEER = "peer", "Peer mentoring"
        COFFEE = "coffee", "Coffee rounds"
        REVERSE = "reverse", "Reverse mentoring"

    class Enrollment(models.TextChoices):
        OPEN = "open", "Open: anyone can join from the program page"
        INVITE = "invite", "By invitation: people join from the link in their email"
        APPLY = "apply", "Apply and approve: a manager approves each application"

    class Cycle(models.TextChoices):
        WEEKLY = "1w", "Every week"
        TWO_WEEKS = "2w", "Every two weeks"
        MONTHLY = "1m", "Every month"

    class Publish(models.TextChoices):
        CONFIRM = "confirm", "An intro both people confirm before it starts"
        ACCEPTED = "accepted", "An accepted intro: the mentorship starts right away"

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="programs"
    )
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(max_length=4000, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.MENTORING)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    enrollment = models.CharField(
        max_length=10, choices=Enrollment.choices, default=Enrollment.OPEN
    )
    publish_as = models.CharField(max_length=10, choices=Publish.choices, default=Publish.CONFIRM)
    # Coffee rounds: how often a new round of introductions goes out, and how long each chat is.
    cycle = models.CharField(max_length=2, choices=Cycle.choices, default=Cycle.TWO_WEEKS)
    coffee_minutes = models.PositiveSmallIntegerField(default=30)
    # Matching: factor weights ({} = the defaults in docs/matching.md) and hard rules.
    weights = models.JSONField(default=dict, blank=True)
    rule_outside_department = models.BooleanField(
        "mentor from outside the mentee's department", default=False
    )
    rule_outside_reporting_line = models.BooleanField(
        "never someone in the mentee's reporting line", default=True
    )
    rule_max_timezone_gap = models.PositiveSmallIntegerField(
        "largest timezone gap (hours)", null=True, blank=True
    )
    rule_shared_language = models.BooleanField("a language in common", default=True)
    rule_min_level_gap = models.PositiveSmallIntegerField(
        "smallest level gap", null=True, blank=True
    )
    mentor_capacity = models.PositiveSmallIntegerField(
        "mentees per mentor, unless the import says otherwise", default=1
    )
    # The agreement an intro from this program starts with.
    agreement_cadence = models.CharField(
        max_length=2, choices=Agreement.Cadence.choices, default=Agreement.Cadence.MONTHLY
    )
    agreement_minutes = models.PositiveSmallIntegerField(default=45)
    agreement_term_months = models.PositiveSmallIntegerField(default=6)
    # The one-question pulse behind the program's NPS (reports): days after a pair's intro
    # (None: not sent then), and whether it goes out again when their agreed term ends.
    pulse_after_days = models.PositiveSmallIntegerField(
        "pulse: days after the intro", null=True, blank=True, default=30
    )
    pulse_at_term_end = models.BooleanField("pulse: again when the term ends", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("organization", "name", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(coffee_minutes__in=COFFEE_MINUTES), name="programs_coffee_minutes"
            ),
            models.CheckConstraint(
                condition=Q(agreement_minutes__gte=30, agreement_minutes__lte=60),
                name="programs_agreement_30_to_60_minutes",
            ),
            models.CheckConstraint(
                condition=Q(agreement_term_months__gte=1, agreement_term_months__lte=24),
                name="programs_agreement_term_1_to_24_months",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="programs_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programs:detail", kwargs={"slug": self.slug})

    @property
    def is_pool(self) -> bool:
        """Peer programs and coffee rounds match one pool of people to itself."""
        return self.kind in (self.Kind.PEER, self.Kind.COFFEE)


class Question(BaseModel):
    """An intake question people answer when they join; a choice question can feed matching."""

    class Kind(models.TextChoices):
        TEXT = "text", "Text"
        SINGLE = "single", "Single choice"
        MULTIPLE = "multiple", "Multiple choice"
        SCALE = "scale", "Scale of 1 to 5"

    class Matching(models.TextChoices):
        NONE = "none", "Not used for matching"
        SAME = "same", "Prefer people who answered the same"
        DIFFERENT = "different", "Prefer people who answered differently"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TEXT)
    choices = models.JSONField(default=list, blank=True)  # for single and multiple choice
    matching = models.CharField(max_length=10, choices=Matching.choices, default=Matching.NONE)
    required = models.BooleanField(default=False)

    class Meta:
        ordering = ("program", "position", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(matching="none") | Q(kind__in=["single", "multiple"]),
                name="programs_only_choices_feed_matching",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class Participant(BaseModel):
    """A person in a program, on one side (or both), with what they answered."""

    class Role(models.TextChoices):
        MENTEE = "mentee", "Mentee"
        MENTOR = "mentor", "Mentor"
        BOTH = "both", "Mentee and mentor"
        PEER = "peer", "Participant"

    class State(models.TextChoices):
        APPLIED = "applied", "Waiting for approval"
        ACTIVE = "active", "Taking part"
        DECLINED = "declined", "Not approved"
        LEFT = "left", "Left the program"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="participants")
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="participations")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MENTEE)
    state = models.CharField(max_length=10, choices=State.choices, default=State.ACTIVE)
    department = models.CharField(max_length=120, blank=True)
    capacity = models.PositiveSmallIntegerField(default=1)  # pairs per round (mentors, pools)
    answers = models.JSONField(default=dict, blank=True)  # {question id: answer}
    # Coffee rounds: whether they want an introduction in the coming cycles.
    opted_in = models.BooleanField(default=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("program", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "profile"], name="programs_one_place_per_person"
            ),
        ]
        indexes = [models.Index(fields=["program", "state"], name="programs_participant_idx")]

    def __str__(self) -> str:
        return f"{self.profile_id} in {self.program_id} ({self.role})"

    @property
    def mentors(self) -> bool:
        return self.role in (self.Role.MENTOR, self.Role.BOTH)

    @property
    def is_mentee(self) -> bool:
        return self.role in (self.Role.MENTEE, self.Role.BOTH)


class Round(BaseModel):
    """One matching run a manager reviews: queued → running → draft → published (or discarded).

    A coffee program runs one round per cycle; `cycle_on` is the day that cycle starts.
    """

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to run"
        RUNNING = "running", "Running"
        DRAFT = "draft", "Draft, ready for review"
        PUBLISHED = "published", "Published"
        DISCARDED = "discarded", "Discarded"
        FAILED = "failed", "Failed"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveIntegerField()
    mode = models.CharField(max_length=12, default="optimal")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    step = models.CharField(max_length=120, blank=True)  # what the job is doing now
    quality = models.JSONField(default=dict, blank=True)  # TARGETS.md M5 figures
    histogram = models.JSONField(default=list, blank=True)  # pairs per 10-point score band
    comparison = models.JSONField(default=dict, blank=True)  # {mode: quality} on the same pool
    error = models.TextField(blank=True)
    cycle_on = models.DateField(null=True, blank=True)
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("program", "-number")
        constraints = [
            models.UniqueConstraint(fields=["program", "number"], name="programs_round_number"),
        ]

    def __str__(self) -> str:
        return f"Round {self.number} of {self.program_id} ({self.state})"

    def get_absolute_url(self) -> str:
        return reverse("programs:round", kwargs={"slug": self.program.slug, "number": self.number})


class Origin(models.TextChoices):
    """Where a pair in a round came from."""

    ENGINE = "engine", "Matched"
    LOCKED = "locked", "Locked by a manager"
    MANUAL = "manual", "Added by a manager"


class RoundPair(models.Model):
    """A pair a round proposes; replaced on every re-run of a draft."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="pairs")
    first = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    reasons = models.JSONField(default=list, blank=True)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.ENGINE)
    warning = models.CharField(max_length=300, blank=True)  # a hand-made pair breaking a rule

    class Meta:
        ordering = ("round", "-score", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "first", "second"], name="programs_round_pair_once"
            ),
            models.CheckConstraint(
                condition=~Q(first=F("second")), name="programs_round_pair_two_people"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_id} + {self.second_id} ({self.score:.0f})"


class PairRule(BaseModel):
    """A manager's word on a pair: locked pairs stay through re-runs, forbidden ones never come
    back in this program."""

    class Kind(models.TextChoices):
        LOCK = "lock", "Locked"
        FORBID = "forbid", "Forbidden"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="pair_rules")
    first = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("program", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "first", "second"], name="programs_one_rule_per_pair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.first_id} + {self.second_id}"


class Match(BaseModel):
    """A published pair: both people see it; in 1:1 programs it leads to a mentorship."""

    class State(models.TextChoices):
        PROPOSED = "proposed", "Waiting for both to confirm"
        CONFIRMED = "confirmed", "Confirmed"
        DECLINED = "declined", "Declined"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="matches")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="matches")
    first = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    reasons = models.JSONField(default=list, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PROPOSED)
    first_confirmed_at = models.DateTimeField(null=True, blank=True)
    second_confirmed_at = models.DateTimeField(null=True, blank=True)
    mentorship = models.OneToOneField(
        Mentorship, on_delete=models.SET_NULL, null=True, blank=True, related_name="program_match"
    )

    class Meta:
        ordering = ("program", "-round__number", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "first", "second"], name="programs_match_once"
            ),
            models.CheckConstraint(
                condition=~Q(first=F("second")), name="programs_match_two_people"
            ),
        ]
        indexes = [models.Index(fields=["program", "first", "second"], name="programs_pair_idx")]

    def __str__(self) -> str:
        return f"Match {self.first_id} + {self.second_id} in round {self.round_id}"

    def get_absolute_url(self) -> str:
        return reverse("programs:match", kwargs={"slug": self.program.slug, "match_id": self.pk})


class MatchFeedback(BaseModel):
    """After a coffee chat (or a peer intro): did it happen, how was it, meet again?

    A rating feeds the next round's scores; two "meet again"s let the pair meet again.
    """

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    met = models.BooleanField(default=True)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)  # 1–5
    meet_again = models.BooleanField(default=False)
    note = models.TextField(max_length=1000, blank=True)

    class Meta:
        ordering = ("match", "id")
        constraints = [
            models.UniqueConstraint(fields=["match", "author"], name="programs_feedback_once"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="programs_feedback_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"Feedback by {self.author_id} on match {self.match_id}"
