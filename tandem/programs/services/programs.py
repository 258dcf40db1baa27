"""Creating a program and changing its settings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.text import slugify

from tandem.core.errors import DomainError, NotFound, RuleBroken
from tandem.core.names import PROGRAM_NAME_MAX, clean_name, name_problem
from tandem.organizations.models import Organization
from tandem.organizations.roles import is_manager
from tandem.programs.models import Program

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

SETTINGS = (
    "name", "description", "starts_on", "ends_on", "enrollment", "publish_as", "cycle",
    "coffee_minutes", "weights", "rule_outside_department", "rule_outside_reporting_line",
    "rule_max_timezone_gap", "rule_shared_language", "rule_min_level_gap", "mentor_capacity",
    "agreement_cadence", "agreement_minutes", "agreement_term_months", "pulse_after_days",
    "pulse_at_term_end",
)  # fmt: skip
PULSE_DAYS = (7, 365)  # a pulse sooner than a week after the intro asks about nothing yet


class ProgramError(DomainError):
    """A program setting that cannot be (bad input, 400)."""


def _free_slug(name: str) -> str:
    base = slugify(name)[:70] or "program"
    taken = set(Program.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _program_name(raw: str) -> str:
    """The name through `clean_name` (no invisible or direction-changing characters)."""
    name = clean_name(raw)
    if not name:
        raise ProgramError("Give the program a name.", field="name")
    if problem := name_problem(name, limit=PROGRAM_NAME_MAX):
        raise ProgramError(problem, field="name")
    return name


def _settings_check(values: dict[str, Any]) -> None:
    starts, ends = values.get("starts_on"), values.get("ends_on")
    if starts and ends and ends < starts:
        raise ProgramError("The program cannot end before it starts.", field="ends_on")
    days = values.get("pulse_after_days")
    if days is not None and not PULSE_DAYS[0] <= days <= PULSE_DAYS[1]:
        raise ProgramError(
            "Ask the pulse between 7 and 365 days after the intro, or leave it empty.",
            field="pulse_after_days",
        )
    weights = values.get("weights")
    if weights:
        # Imported here: the engine is pure numpy, loaded only when weights are set.
        from tandem.matching.engine.score import normalized_weights

        try:
            normalized_weights(weights)
        except ValueError as error:
            raise ProgramError(f"Matching weights: {error}.", field="weights") from error


@transaction.atomic
def program_create(
    *, organization: Organization, actor: User | None, name: str,
    kind: str = Program.Kind.MENTORING, slug: str = "", **values: Any,
) -> Program:  # fmt: skip
    """A new program of `organization`; `actor` must manage it (None: an operator's command)."""
    if actor is not None and not is_manager(actor, organization):
        raise NotFound("No such organization.")
    if kind not in Program.Kind.values:
        raise ProgramError(f"Unknown program type {kind!r}.", field="kind")
    name = _program_name(name)
    unknown = set(values) - set(SETTINGS)
    if unknown:
        raise ValueError(f"Unknown program settings: {', '.join(sorted(unknown))}")
    _settings_check(values)
    if slug and Program.objects.filter(slug=slug).exists():
        raise RuleBroken(f"A program called {slug!r} already exists.", field="slug")
    return Program.objects.create(
        organization=organization, name=name, kind=kind, slug=slug or _free_slug(name),
        created_by=actor, **values,
    )  # fmt: skip


@transaction.atomic
def program_update(*, program: Program, **values: Any) -> Program:
    """Change settings of a program found through `access.program_managed`."""
    unknown = set(values) - set(SETTINGS)
    if unknown:
        raise ValueError(f"Unknown program settings: {', '.join(sorted(unknown))}")
    if "name" in values:
        values["name"] = _program_name(values["name"])
    merged = {"starts_on": program.starts_on, "ends_on": program.ends_on, **values}
    _settings_check(merged)
    for field, value in values.items():
        setattr(program, field, value)
    program.save()
    return program
