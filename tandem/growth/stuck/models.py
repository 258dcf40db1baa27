"""A person's "Am I stuck?" checks and the suggestions they took from them. Private to the
owner: only the question text they choose to share reaches a mentorship (as an agenda item,
through tandem.growth.sharing); these rows are never shown to anyone else."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from tandem.core.models import BaseModel
from tandem.core.paths import path_to
from tandem.growth.stuck.questionnaire import Result, reading_of, standing_out
from tandem.mentorships.models import Mentorship


class StuckCheck(BaseModel):
    """One time the person answered the questionnaire, with the scores it gave."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stuck_checks"
    )
    taken_at = models.DateTimeField()  # the service's `now` (caps and history count by it)
    answers = models.JSONField()  # statement key → 0, 1 or 2 (questionnaire.SCALE), all of them
    scores = models.JSONField()  # cause key → 0-100 (questionnaire.scores_of)

    class Meta:
        indexes = [models.Index(fields=["owner", "taken_at"], name="stuck_check_owner_taken")]

    def __str__(self) -> str:
        return f"Stuck check #{self.pk}"  # never the answers: the admin and logs show this

    def get_absolute_url(self) -> str:
        return path_to("growth:growth_stuck:result", check_id=self.pk)

    @property
    def result(self) -> Result:
        """The reading and the causes that stand out, from the stored scores."""
        scores = {str(key): int(value) for key, value in self.scores.items()}
        return Result(scores, standing_out(scores), reading_of(scores))


class StuckStep(BaseModel):
    """A suggestion of a check the person acted on: made a goal of, or asked a mentor."""

    class Kind(models.TextChoices):
        GOAL = "goal", "Made a goal"
        AGENDA = "agenda", "Asked a mentor"

    stuck_check = models.ForeignKey(StuckCheck, on_delete=models.CASCADE, related_name="steps")
    suggestion = models.CharField(max_length=40)  # questionnaire.Suggestion.key
    kind = models.CharField(max_length=8, choices=Kind.choices)
    # The mentorship whose agenda got the question (the row stays if the mentorship goes).
    mentorship = models.ForeignKey(
        Mentorship, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    taken_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["goal", "agenda"]), name="stuck_step_kind_known"
            ),
            models.UniqueConstraint(
                fields=["stuck_check", "suggestion"], condition=Q(kind="goal"),
                name="stuck_step_one_goal_per_suggestion",
            ),
            models.UniqueConstraint(
                fields=["stuck_check", "suggestion", "mentorship"], condition=Q(kind="agenda"),
                name="stuck_step_one_question_per_mentorship",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from stuck check #{self.stuck_check_id}"
