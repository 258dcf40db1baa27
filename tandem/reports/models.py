"""The one-question pulse behind a program's NPS: "how likely are you to recommend this
program to a colleague?", 0 to 10, asked of each side of a pair at moments the program sets
(days after the intro, and when the agreed term ends)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from tandem.core.models import BaseModel
from tandem.core.paths import path_to
from tandem.programs.models import Match, Participant, Program

PROMOTER_FROM, DETRACTOR_UP_TO = 9, 6  # the usual NPS bands: 9–10 promote, 0–6 detract


class Pulse(BaseModel):
    """One person asked once, about one pair, at one moment; answered or not."""

    class Moment(models.TextChoices):
        AFTER_INTRO = "intro", "Some weeks after the intro"
        TERM_END = "term_end", "When the agreed term ends"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="pulses")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="pulses")
    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="pulses")
    moment = models.CharField(max_length=10, choices=Moment.choices)
    sent_at = models.DateTimeField()
    score = models.PositiveSmallIntegerField(null=True, blank=True)  # 0–10
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-sent_at", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=["match", "participant", "moment"], name="reports_pulse_once"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__lte=10), name="reports_pulse_0_to_10"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True, answered_at__isnull=True)
                | Q(score__isnull=False, answered_at__isnull=False),
                name="reports_pulse_answered_has_a_score",
            ),
        ]
        indexes = [
            models.Index(fields=["program", "answered_at"], name="reports_pulse_answered_idx")
        ]

    def __str__(self) -> str:
        return f"Pulse {self.moment} for {self.participant_id} on match {self.match_id}"

    def get_absolute_url(self) -> str:
        return path_to("reports:pulse", pulse_id=self.pk)
