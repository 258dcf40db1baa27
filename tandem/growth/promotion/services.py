"""Writes for promotion plans. Every change to a plan goes through here, by its owner only.

Each service takes the owner and checks the row is theirs (NotFound otherwise, as if it did
not exist); a cap or a duplicate is a RuleBroken naming the form field it is about.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import IntegrityError, transaction

from tandem.accounts.models import User
from tandem.core.errors import NotFound, RuleBroken
from tandem.core.text import clean_text
from tandem.growth.promotion.models import (
    MAX_ITEMS,
    NAME_MAX,
    ROLE_MAX,
    TEXT_MAX,
    WHEN_MAX,
    Decider,
    Opportunity,
    PromotionPlan,
    SkillToGain,
    VisibilityAction,
)
from tandem.profiles.choices import Level
from tandem.profiles.errors import ProfileError
from tandem.profiles.services import (
    MAX_SKILLS_PER_SIDE,
    profile_get_or_create,
    profile_skill_wanted_add,
)
from tandem.skills.models import Skill

# A plan is for the next step: a date more than this many years ahead is likely a typo.
MAX_YEARS_AHEAD = 10

PlanRow = SkillToGain | VisibilityAction | Decider | Opportunity

CAP_MESSAGES = {
    SkillToGain: "Ten skills is plenty for one step up. Remove one you've covered to add another.",
    VisibilityAction: "Ten actions is a full list. Mark some done or remove one to add another.",
    Decider: "Ten people is a full map. Remove one who no longer decides to add another.",
    Opportunity: "Ten openings is a full list. Remove one that has passed to add another.",
}


def _line(value: str, *, field: str, max_length: int, required: bool = True) -> str:
    """One line of text as typed: cleaned, trimmed, present if required, not too long."""
    text = clean_text(value, multiline=False)
    if required and not text:
        raise RuleBroken("Please fill this in.", field=field)
    if len(text) > max_length:
        raise RuleBroken(f"Keep it under {max_length} characters.", field=field)
    return text


def _plan_of(owner: User) -> PromotionPlan:
    """The owner's plan, made (empty) on first use; locked, so counts hold while adding."""
    PromotionPlan.objects.get_or_create(owner=owner)
    return PromotionPlan.objects.select_for_update().get(owner=owner)


def _room_for(plan: PromotionPlan, model: type[PlanRow], *, field: str) -> None:
    if model.objects.filter(plan=plan).count() >= MAX_ITEMS:
        raise RuleBroken(CAP_MESSAGES[model], field=field)


def _own(item: PlanRow, owner: User) -> None:
    if item.plan.owner_id != owner.pk:
        raise NotFound("No such item in your plan.")


# --- The target -----------------------------------------------------------------------------


@transaction.atomic
def plan_target_set(
    *,
    owner: User,
    target_role: str,
    target_level: int | None,
    by_when: date | None,
    now: datetime,
) -> PromotionPlan:
    """Set the role the owner is aiming for, its level and by when (each may be left empty)."""
    role = _line(target_role, field="target_role", max_length=ROLE_MAX, required=False)
    if target_level is not None and target_level not in Level.values:
        raise RuleBroken("Choose a level from the list.", field="target_level")
    if by_when is not None:
        today = now.date()
        if by_when < today:
            raise RuleBroken("Pick a date still ahead.", field="by_when")
        if by_when.year > today.year + MAX_YEARS_AHEAD:
            raise RuleBroken(
                f"Pick a date within the next {MAX_YEARS_AHEAD} years.", field="by_when"
            )
    plan = _plan_of(owner)
    plan.target_role, plan.target_level, plan.by_when = role, target_level, by_when
    plan.save(update_fields=["target_role", "target_level", "by_when", "updated_at"])
    return plan


# --- Skills to gain -------------------------------------------------------------------------


@transaction.atomic
def skill_to_gain_add(*, owner: User, skill: Skill, how_to_show: str) -> SkillToGain:
    """Add a skill from the taxonomy to the plan, with how the owner will show it."""
    show = _line(how_to_show, field="how_to_show", max_length=TEXT_MAX, required=False)
    plan = _plan_of(owner)
    if SkillToGain.objects.filter(plan=plan, skill=skill).exists():
        raise RuleBroken(f"{skill.name} is already in your plan.", field="skill")
    _room_for(plan, SkillToGain, field="skill")
    try:
        with transaction.atomic():
            return SkillToGain.objects.create(plan=plan, skill=skill, how_to_show=show)
    except IntegrityError:  # the same skill added twice at once
        raise RuleBroken(f"{skill.name} is already in your plan.", field="skill") from None


def skill_to_gain_update(*, item: SkillToGain, owner: User, how_to_show: str) -> SkillToGain:
    """Change how the owner will show a skill."""
    _own(item, owner)
    item.how_to_show = _line(how_to_show, field="how_to_show", max_length=TEXT_MAX, required=False)
    item.save(update_fields=["how_to_show", "updated_at"])
    return item


@dataclass(frozen=True)
class SkillsToProfile:
    """What adding the plan's skills to the profile did."""

    added: list[str]  # newly wanted
    already: list[str]  # were wanted before
    no_room: list[str]  # the profile's own cap stopped them

    @property
    def message(self) -> str:
        """What the person is told, in a sentence or three."""
        parts = []
        count = len(self.added)
        if count:
            skills = "skill" if count == 1 else "skills"
            parts.append(
                f"Added {count} {skills} to what you want to learn. Your mentor "
                "recommendations now look for people who can teach them."
            )
        elif self.already and not self.no_room:
            parts.append("These skills are already on your profile as ones you want to learn.")
        if count and self.already:
            were = "was" if len(self.already) == 1 else "were"
            parts.append(f"{len(self.already)} {were} there already.")
        if self.no_room:
            parts.append(
                f"There was no room for {', '.join(self.no_room)}: a profile keeps at most "
                f"{MAX_SKILLS_PER_SIDE} skills to learn. Remove one there to make room."
            )
        return " ".join(parts) or "Add a skill to your plan first."


@transaction.atomic
def plan_skills_to_profile(*, owner: User) -> SkillsToProfile:
    """Make every skill of the owner's plan a skill they want to learn on their profile
    (through the profile's own service and its cap), so matching looks for them."""
    plan = PromotionPlan.objects.filter(owner=owner).first()
    if plan is None:
        return SkillsToProfile([], [], [])
    profile = profile_get_or_create(user=owner)
    wanted = set(profile.skills_wanted.values_list("pk", flat=True))
    added: list[str] = []
    already: list[str] = []
    no_room: list[str] = []
    for item in plan.skills.select_related("skill").order_by("created_at", "id"):
        skill = item.skill
        if skill.pk in wanted:
            already.append(skill.name)
            continue
        try:
            profile_skill_wanted_add(profile=profile, text=skill.name)
        except ProfileError:
            no_room.append(skill.name)
        else:
            added.append(skill.name)
    return SkillsToProfile(added, already, no_room)


# --- Visibility -----------------------------------------------------------------------------


@transaction.atomic
def visibility_action_add(*, owner: User, what: str, whom: str) -> VisibilityAction:
    """Add something the owner will do so their work reaches further, and whom it is for."""
    what = _line(what, field="what", max_length=TEXT_MAX)
    whom = _line(whom, field="whom", max_length=TEXT_MAX, required=False)
    plan = _plan_of(owner)
    _room_for(plan, VisibilityAction, field="what")
    return VisibilityAction.objects.create(plan=plan, what=what, whom=whom)


def visibility_action_update(
    *, item: VisibilityAction, owner: User, what: str, whom: str
) -> VisibilityAction:
    _own(item, owner)
    item.what = _line(what, field="what", max_length=TEXT_MAX)
    item.whom = _line(whom, field="whom", max_length=TEXT_MAX, required=False)
    item.save(update_fields=["what", "whom", "updated_at"])
    return item


def visibility_action_mark(
    *, item: VisibilityAction, owner: User, done: bool, now: datetime
) -> VisibilityAction:
    """Mark an action done (keeping when it was first marked) or not done after all."""
    _own(item, owner)
    if done and item.done_at is None:
        item.done_at = now
    elif not done:
        item.done_at = None
    item.save(update_fields=["done_at", "updated_at"])
    return item


# --- Who decides ----------------------------------------------------------------------------


def _relation(value: str) -> str:
    if value not in Decider.Relation.values:
        raise RuleBroken("Choose how well they know you.", field="relation")
    return value


@transaction.atomic
def decider_add(*, owner: User, name: str, relation: str, next_step: str) -> Decider:
    """Add someone with a say in the promotion, and how well they know the owner."""
    name = _line(name, field="name", max_length=NAME_MAX)
    relation = _relation(relation)
    next_step = _line(next_step, field="next_step", max_length=TEXT_MAX, required=False)
    plan = _plan_of(owner)
    _room_for(plan, Decider, field="name")
    return Decider.objects.create(plan=plan, name=name, relation=relation, next_step=next_step)


def decider_update(
    *, item: Decider, owner: User, name: str, relation: str, next_step: str
) -> Decider:
    _own(item, owner)
    item.name = _line(name, field="name", max_length=NAME_MAX)
    item.relation = _relation(relation)
    item.next_step = _line(next_step, field="next_step", max_length=TEXT_MAX, required=False)
    item.save(update_fields=["name", "relation", "next_step", "updated_at"])
    return item


# --- Opportunities --------------------------------------------------------------------------


@transaction.atomic
def opportunity_add(*, owner: User, what: str, when: str) -> Opportunity:
    """Add an opening the owner sees coming, and roughly when."""
    what = _line(what, field="what", max_length=TEXT_MAX)
    when = _line(when, field="when", max_length=WHEN_MAX, required=False)
    plan = _plan_of(owner)
    _room_for(plan, Opportunity, field="what")
    return Opportunity.objects.create(plan=plan, what=what, when=when)


def opportunity_update(*, item: Opportunity, owner: User, what: str, when: str) -> Opportunity:
    _own(item, owner)
    item.what = _line(what, field="what", max_length=TEXT_MAX)
    item.when = _line(when, field="when", max_length=WHEN_MAX, required=False)
    item.save(update_fields=["what", "when", "updated_at"])
    return item


# --- Any row --------------------------------------------------------------------------------


def plan_item_remove(*, item: PlanRow, owner: User) -> None:
    """Remove a row of the owner's plan."""
    _own(item, owner)
    item.delete()


def promotion_plan_forget(*, owner: User) -> None:
    """Delete the person's plan and every row of it (their account is going: privacy calls
    this)."""
    PromotionPlan.objects.filter(owner=owner).delete()
