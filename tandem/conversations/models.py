"""Messages between a mentee and a mentor (PRODUCT.md F15, F16): one thread per pair
relationship, its messages, how far each side has read, and reports to staff.

The thread starts on the ask and carries on on the mentorship the ask becomes, so it hangs
off the ask; only a mentorship that began without an ask (a program's matching, later) has a
thread of its own. The rules are in rules.py, the writes in services.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from tandem.core.models import BaseModel
from tandem.mentorships.models import Ask, Mentorship
from tandem.profiles.models import Profile

MESSAGE_MAX_LENGTH = 1000
REPORT_NOTE_MAX_LENGTH = 500


class Thread(BaseModel):
    """The conversation of one pair, made when its first message is written."""

    # Copied from the ask (or mentorship) when the thread is made; the sides never change.
    mentee = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    ask = models.OneToOneField(
        Ask, on_delete=models.CASCADE, null=True, blank=True, related_name="thread"
    )
    mentorship = models.OneToOneField(
        Mentorship, on_delete=models.CASCADE, null=True, blank=True, related_name="thread"
    )

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = [
            models.CheckConstraint(
                condition=Q(ask__isnull=False, mentorship__isnull=True)
                | Q(ask__isnull=True, mentorship__isnull=False),
                name="conversations_thread_of_an_ask_or_a_mentorship",
            ),
        ]

    def __str__(self) -> str:
        about = f"ask {self.ask_id}" if self.ask_id else f"mentorship {self.mentorship_id}"
        return f"Thread {self.pk} on {about}"


class Message(models.Model):
    """One message, plain text; staff can hide it after a report."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(max_length=MESSAGE_MAX_LENGTH)
    # Set from the service's `now`, so the pre-acceptance rule and tests agree on the order.
    sent_at = models.DateTimeField()
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip

    class Meta:
        ordering = ("id",)
        permissions = [("moderate_message", "Can hide or show a reported message")]
        indexes = [models.Index(fields=["thread", "id"], name="conversations_thread_order_idx")]

    def __str__(self) -> str:
        # Never the words: this shows in admin headings and logs.
        return f"Message {self.pk} in thread {self.thread_id}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class ReadMark(models.Model):
    """How far one person has read one thread: messages after `seen_up_to` are new to them."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="read_marks")
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    seen_up_to = models.PositiveBigIntegerField(default=0)  # a message id
    read_at = models.DateTimeField()

    class Meta:
        ordering = ("thread", "reader")
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "reader"], name="conversations_one_read_mark_per_reader"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reader_id} read thread {self.thread_id} up to {self.seen_up_to}"


class Report(models.Model):
    """One side tells staff a message of the other side's is not OK; once per message each."""

    class Reason(models.TextChoices):
        SPAM = "spam", "Spam, selling or advertising"
        HOSTILE = "hostile", "Rude, hostile or harassing"
        UNSAFE = "unsafe", "It makes me feel unsafe"
        OTHER = "other", "Something else"

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=10, choices=Reason.choices)
    note = models.TextField(max_length=REPORT_NOTE_MAX_LENGTH, blank=True)
    reported_at = models.DateTimeField()
    # Staff looked and decided (hid the message, or left it): the report leaves the open list.
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip

    class Meta:
        ordering = ("-reported_at", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=["message", "reporter"], name="conversations_report_once"
            ),
        ]

    def __str__(self) -> str:
        return f"Report {self.pk} on message {self.message_id} ({self.reason})"
