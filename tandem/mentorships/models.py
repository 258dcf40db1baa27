"""The ask (a short intro request) and the mentorship it can become (PRODUCT.md §4.1, §4.2).

The rules live in rules.py, the state machines in lifecycles.py, the writes in services/.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from tandem.core.models import BaseModel
from tandem.core.paths import path_to
from tandem.profiles.models import Profile

NOTE_MAX_LENGTH = 600
INTRO_MINUTES = (15, 20, 30)


class Ask(BaseModel):
    """A mentee asks a mentor for a short first conversation; easy to say yes or no to."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting for an answer"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"
        EXPIRED = "expired", "Expired"

    mentee = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="asks_sent")
    mentor = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="asks_received")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    focus_areas = models.JSONField(default=list)
    note = models.TextField(max_length=NOTE_MAX_LENGTH)
    intro_minutes = models.PositiveSmallIntegerField(default=20)
    proposed_times = models.JSONField(default=list, blank=True)  # ISO datetimes, UTC
    decline_reason = models.TextField(blank=True)  # private to the mentor
    referred_to = models.ForeignKey(
        Profile, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Set from the service's `now` (not the clock) so jobs and tests agree on an ask's age.
    sent_at = models.DateTimeField(default=timezone.now)
    followed_up_at = models.DateTimeField(null=True, blank=True)  # the day-7 nudge went out
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-sent_at", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=["mentee", "mentor"],
                condition=Q(state="pending"),
                name="mentorships_one_pending_ask_per_pair",
            ),
            models.CheckConstraint(
                condition=~Q(mentee=F("mentor")), name="mentorships_ask_not_to_oneself"
            ),
            models.CheckConstraint(
                condition=Q(intro_minutes__in=INTRO_MINUTES), name="mentorships_intro_length"
            ),
        ]
        indexes = [models.Index(fields=["state", "sent_at"], name="mentorships_ask_due_idx")]

    def __str__(self) -> str:
        return f"Ask from {self.mentee_id} to {self.mentor_id} ({self.state})"

    def get_absolute_url(self) -> str:
        return path_to("mentorships:ask", ask_id=self.pk)


class Mentorship(BaseModel):
    """A relationship from the intro to its close."""

    class State(models.TextChoices):
        INTRO = "intro", "Intro"
        PROPOSED = "proposed", "Agreement proposed"
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused"
        COMPLETED = "completed", "Completed"
        CLOSED = "closed", "Closed"
        ALUMNI = "alumni", "Staying in touch"

    # States that hold one of the mentor's places.
    HOLDING_A_PLACE = (State.INTRO, State.PROPOSED, State.ACTIVE, State.PAUSED)

    mentee = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="mentorships_as_mentee"
    )
    mentor = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="mentorships_as_mentor"
    )
    ask = models.OneToOneField(Ask, on_delete=models.SET_NULL, null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.INTRO)
    # When a meeting of theirs was first marked held: the intro is behind them, and the mentee
    # may propose an agreement. The meetings app records it (it sits above this one).
    intro_held_at = models.DateTimeField(null=True, blank=True)
    # Terms the agreement form starts from (cadence, meeting_minutes, term_months): a program
    # that made this pair sets them; empty means the usual defaults.
    suggested_terms = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = [
            models.CheckConstraint(
                condition=~Q(mentee=F("mentor")), name="mentorships_not_with_oneself"
            ),
            models.UniqueConstraint(
                fields=["mentee", "mentor"],
                condition=Q(state__in=["intro", "proposed", "active", "paused"]),
                name="mentorships_one_live_mentorship_per_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"Mentorship {self.mentee_id} ← {self.mentor_id} ({self.state})"

    def get_absolute_url(self) -> str:
        return path_to("mentorships:detail", mentorship_id=self.pk)


class Agreement(BaseModel):
    """What the pair agreed after a good intro (P9); a renewal makes a new version."""

    class Cadence(models.TextChoices):
        TWO_WEEKS = "2w", "Every two weeks"
        MONTHLY = "1m", "Every month"
        SIX_WEEKS = "6w", "Every six weeks"
        TWO_MONTHS = "2m", "Every two months"
        QUARTERLY = "3m", "Every three months"

    class State(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="agreements")
    version = models.PositiveSmallIntegerField(default=1)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    goals = models.JSONField(default=list)  # 2–3 short sentences
    cadence = models.CharField(max_length=2, choices=Cadence.choices, default=Cadence.MONTHLY)
    meeting_minutes = models.PositiveSmallIntegerField(default=45)
    term_months = models.PositiveSmallIntegerField(default=12)
    channel = models.CharField(max_length=100, blank=True)
    boundaries = models.TextField(max_length=1000, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PROPOSED)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("mentorship", "version")
        constraints = [
            models.UniqueConstraint(
                fields=["mentorship", "version"], name="mentorships_agreement_version_once"
            ),
            models.CheckConstraint(
                condition=Q(meeting_minutes__gte=30, meeting_minutes__lte=60),
                name="mentorships_meeting_30_to_60_minutes",
            ),
            models.CheckConstraint(
                condition=Q(term_months__gte=1, term_months__lte=24),
                name="mentorships_term_1_to_24_months",
            ),
        ]

    def __str__(self) -> str:
        return f"Agreement v{self.version} of mentorship {self.mentorship_id}"


class Transition(models.Model):
    """Audit row: who moved an ask or a mentorship from which state to which, when and why."""

    ask = models.ForeignKey(Ask, on_delete=models.CASCADE, null=True, related_name="transitions")
    mentorship = models.ForeignKey(
        Mentorship, on_delete=models.CASCADE, null=True, related_name="transitions"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )  # None = the system (expiry)
    from_state = models.CharField(max_length=10)
    to_state = models.CharField(max_length=10)
    reason = models.TextField(blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ("at", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(ask__isnull=False, mentorship__isnull=True)
                | Q(ask__isnull=True, mentorship__isnull=False),
                name="mentorships_transition_of_one_thing",
            )
        ]

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"


class Feedback(BaseModel):
    """What one side tells the other about how it went (P11); given once per occasion.

    For now the occasion is the end of the mentorship (closed or completed); meetings and the
    term review add their own occasions.
    """

    class Occasion(models.TextChoices):
        ENDING = "ending", "When the mentorship ended"
        TERM_REVIEW = "term", "Looking back near the end of the term"

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    occasion = models.CharField(max_length=12, choices=Occasion.choices, default=Occasion.ENDING)
    rating = models.PositiveSmallIntegerField()  # 1–5
    helped = models.TextField("where it helped", max_length=500, blank=True)
    better = models.TextField("what could be better", max_length=500, blank=True)
    appreciated = models.TextField("what you appreciated", max_length=500, blank=True)

    class Meta:
        ordering = ("created_at", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["mentorship", "author", "occasion"], name="mentorships_feedback_once"
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="mentorships_feedback_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"Feedback on mentorship {self.mentorship_id} by {self.author_id}"


class Goal(BaseModel):
    """One of the agreement's goals, or a mentor's own learning goal (P11), with its status."""

    class Status(models.TextChoices):
        OPEN = "open", "Not started"
        PROGRESSING = "progressing", "In progress"
        ACHIEVED = "achieved", "Achieved"
        DROPPED = "dropped", "Dropped"

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="goals")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=200)
    is_learning_goal = models.BooleanField(default=False)  # the mentor's own (P11)
    agreement_version = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)

    class Meta:
        ordering = ("is_learning_goal", "id")

    @property
    def latest_update(self) -> GoalUpdate | None:
        """The newest update (uses prefetched updates when there are some)."""
        updates = list(self.updates.all())
        return updates[-1] if updates else None

    def __str__(self) -> str:
        return self.text


class GoalUpdate(BaseModel):
    """A step of progress on a goal, in the words of whoever made it."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=500)
    status = models.CharField(max_length=12, choices=Goal.Status.choices)

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return self.text
