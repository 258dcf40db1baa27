"""Meetings and what follows them (PRODUCT.md §4.3, F6–F8): the meeting with its time box,
proposed slots, agenda, notes (shared or private), action items, thank-you notes and
feedback, and each person's private calendar feed. Goals belong to the agreement and live
with the mentorship."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from tandem.core.models import BaseModel
from tandem.core.moments import MomentField
from tandem.core.paths import path_to
from tandem.mentorships.models import Mentorship

MIN_MINUTES, MAX_MINUTES = 15, 90
TEXT_SHORT = 300
PLACE_MAX, VIDEO_URL_MAX = 200, 500


class Meeting(BaseModel):
    """One conversation of a mentorship, from proposed slots to held (or not)."""

    class State(models.TextChoices):
        PROPOSED = "proposed", "Times proposed"
        SCHEDULED = "scheduled", "Scheduled"
        RESCHEDULED = "rescheduled", "Being rescheduled"
        HELD = "held", "Held"
        NO_SHOW = "no_show", "Missed"
        CANCELLED = "cancelled", "Cancelled"

    # States in which the meeting still lies ahead.
    UPCOMING = (State.PROPOSED, State.SCHEDULED, State.RESCHEDULED)

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="meetings")
    state = models.CharField(max_length=12, choices=State.choices, default=State.PROPOSED)
    minutes = models.PositiveSmallIntegerField(default=30)  # the time box
    starts_at = MomentField(null=True, blank=True)  # set once a slot is picked
    # Who offered the slots now on the table: the other side picks one.
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sequence = models.PositiveIntegerField(default=0)  # RFC 5545 SEQUENCE, bumped on changes
    # Where it happens: a place in words, a video link (https only), both, or neither yet.
    location = models.CharField("place", max_length=PLACE_MAX, blank=True)
    video_url = models.CharField(
        "video link", max_length=VIDEO_URL_MAX, blank=True,
        validators=[URLValidator(schemes=["https"])],
    )  # fmt: skip

    class Meta:
        ordering = ("-starts_at", "-id")
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=MIN_MINUTES, minutes__lte=MAX_MINUTES),
                name="meetings_time_box_15_to_90",
            ),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=False)
                | Q(state__in=["proposed", "rescheduled", "cancelled"]),
                name="meetings_scheduled_has_a_time",
            ),
        ]
        indexes = [models.Index(fields=["state", "starts_at"], name="meetings_due_idx")]

    def __str__(self) -> str:
        return f"Meeting {self.pk} of mentorship {self.mentorship_id} ({self.state})"

    def get_absolute_url(self) -> str:
        return path_to("meetings:detail", meeting_id=self.pk)

    @property
    def ends_at(self) -> datetime | None:
        return self.starts_at + timedelta(minutes=self.minutes) if self.starts_at else None


class Slot(models.Model):
    """A time offered for a meeting; a reschedule offers a new round."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="slots")
    starts_at = MomentField()
    round = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ("round", "starts_at", "id")

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M} (round {self.round})"


class MeetingTransition(models.Model):
    """Audit row for a meeting: who moved it from which state to which, when and why."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="transitions")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_state = models.CharField(max_length=12)
    to_state = models.CharField(max_length=12)
    reason = models.TextField(blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ("at", "id")

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"


class AgendaItem(BaseModel):
    """A question the mentee (or mentor) wants to cover; the page nudges to keep it short."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=TEXT_SHORT)

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return self.text

    def get_remove_url(self) -> str:
        return path_to("meetings:agenda_remove", item_id=self.pk)


class Note(BaseModel):
    """Notes on a meeting: shared with the other side, or private to their author forever."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(max_length=5000)
    is_private = models.BooleanField(default=False)

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"{'Private' if self.is_private else 'Shared'} note {self.pk}"

    def get_report_url(self) -> str:
        return path_to("meetings:note_report", note_id=self.pk)


class ActionItem(BaseModel):
    """Advice turned into something to try (P10), and what happened when it was tried."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        TRIED = "tried", "Tried"
        DROPPED = "dropped", "Dropped"

    mentorship = models.ForeignKey(
        Mentorship, on_delete=models.CASCADE, related_name="action_items"
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="action_items"
    )
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=TEXT_SHORT)
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    outcome = models.TextField("what happened", max_length=1000, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("status", "due_on", "id")
        indexes = [models.Index(fields=["status", "due_on"], name="meetings_action_due_idx")]

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        """Action items are read on their mentorship's list, with what happened to each."""
        return path_to("meetings:actions", mentorship_id=self.mentorship_id)

    def get_update_url(self) -> str:
        """Where its owner reports what happened."""
        return path_to("meetings:action_update", item_id=self.pk)


class ThankYou(BaseModel):
    """The mentee's thank-you after a meeting (P8), with what was useful; shown to the mentor."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="thank_you")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(max_length=1000)

    def __str__(self) -> str:
        return f"Thank-you for meeting {self.meeting_id}"


class MeetingFeedback(BaseModel):
    """Short two-way feedback after a meeting that was held (P11)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rating = models.PositiveSmallIntegerField()
    helped = models.TextField("where it helped", max_length=500, blank=True)
    better = models.TextField("what could be better", max_length=500, blank=True)
    appreciated = models.TextField("what you appreciated", max_length=500, blank=True)

    class Meta:
        ordering = ("created_at", "id")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "author"], name="meetings_feedback_once"),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="meetings_feedback_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"Feedback on meeting {self.meeting_id} by {self.author_id}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's private calendar feed URL; revoking it issues a new token."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.user_id}"

    def get_absolute_url(self) -> str:
        """The feed calendar apps subscribe to; the token in it is the whole key."""
        return reverse("calendar:feed", args=[self.token])
