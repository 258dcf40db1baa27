"""A promotion plan: the role a person is aiming for, the skills they will gain and show, whom
their work should reach, who decides (and whether those people know them), and the openings
they see coming. Private to its owner: nobody else ever reads it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from tandem.core.models import BaseModel
from tandem.profiles.choices import Level
from tandem.skills.models import Skill

NAMESPACE = "growth:growth_promotion"  # the tool's URL names, inside the growth app's
ROLE_MAX = 120
TEXT_MAX = 300
NAME_MAX = 120
WHEN_MAX = 80
# Rows of each kind in one plan: enough to plan with, few enough to act on.
MAX_ITEMS = 10


class PromotionPlan(BaseModel):
    """One per person, made the first time they save anything in it."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="promotion_plan"
    )
    target_role = models.CharField("the role you're aiming for", max_length=ROLE_MAX, blank=True)
    target_level = models.PositiveSmallIntegerField(
        "its level", choices=Level.choices, null=True, blank=True
    )
    by_when = models.DateField("by when", null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(target_level__isnull=True)
                | Q(target_level__gte=1, target_level__lte=10),
                name="promotion_plan_level_1_to_10",
            )
        ]

    def __str__(self) -> str:
        return f"Promotion plan #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse(f"{NAMESPACE}:plan")


class PlanItem(BaseModel):
    """What every row of a plan shares: oldest first, and an edit page of its own."""

    url_key = ""  # each kind's URL names start with it ("decider_edit")

    class Meta:
        abstract = True
        ordering = ("created_at", "id")

    def get_absolute_url(self) -> str:
        return reverse(f"{NAMESPACE}:{self.url_key}_edit", kwargs={"item_id": self.pk})


class SkillToGain(PlanItem):
    """A skill from the taxonomy the role needs, and how the person will show they have it."""

    plan = models.ForeignKey(PromotionPlan, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    how_to_show = models.CharField("how you'll show it", max_length=TEXT_MAX, blank=True)

    url_key = "skill"

    class Meta(PlanItem.Meta):
        constraints = [
            models.UniqueConstraint(fields=["plan", "skill"], name="promotion_skill_once")
        ]

    def __str__(self) -> str:
        return f"Skill to gain #{self.pk}"


class VisibilityAction(PlanItem):
    """Something the person will do so their work reaches people beyond their own team."""

    plan = models.ForeignKey(PromotionPlan, on_delete=models.CASCADE, related_name="visibility")
    what = models.CharField("what you'll do", max_length=TEXT_MAX)
    whom = models.CharField("whom it should reach", max_length=TEXT_MAX, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    url_key = "visibility"

    def __str__(self) -> str:
        return f"Visibility action #{self.pk}"

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class Decider(PlanItem):
    """Someone who has a say in the promotion, and how well they know the person."""

    class Relation(models.TextChoices):
        KNOWS_MY_WORK = "work", "Knows my work"
        KNOWS_ME = "me", "Knows me"
        NOT_YET = "not_yet", "Doesn't know me yet"

    plan = models.ForeignKey(PromotionPlan, on_delete=models.CASCADE, related_name="deciders")
    name = models.CharField("name or role", max_length=NAME_MAX)
    relation = models.CharField(
        "how well they know you", max_length=8, choices=Relation.choices, default=Relation.NOT_YET
    )
    next_step = models.CharField("your next step with them", max_length=TEXT_MAX, blank=True)

    url_key = "decider"

    class Meta(PlanItem.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(relation__in=["work", "me", "not_yet"]),
                name="promotion_decider_relation_known",
            )
        ]

    def __str__(self) -> str:
        return f"Decider #{self.pk}"


class Opportunity(PlanItem):
    """An opening the person sees coming: a move, a new team, a project, a retirement."""

    plan = models.ForeignKey(PromotionPlan, on_delete=models.CASCADE, related_name="opportunities")
    what = models.CharField("what you see coming", max_length=TEXT_MAX)
    when = models.CharField("roughly when", max_length=WHEN_MAX, blank=True)

    url_key = "opportunity"

    class Meta(PlanItem.Meta):
        verbose_name_plural = "opportunities"

    def __str__(self) -> str:
        return f"Opportunity #{self.pk}"
