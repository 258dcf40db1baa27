"""Writing an import: the plan is made again inside one transaction, under the program's row
lock (so two imports of one program queue up), and written in bulk, all rows or none. The
invitations are one job, enqueued in the same transaction and sent after it commits.

Adding a place keeps `services.participants.participant_add`'s meaning, in bulk: the role
through `role_for`, mentors with the program's default capacity unless told, the person a
member of the program's organization (someone from elsewhere too: they are in its program
now; being a member is not what lets an import change an account, see `plan.py`).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import IntegrityError, models, transaction

from tandem.accounts.models import User
from tandem.core.errors import RuleBroken
from tandem.organizations.models import Membership
from tandem.profiles.models import Profile, SkillOffered
from tandem.programs.imports.bulk import rows_insert, rows_update
from tandem.programs.imports.plan import Person, Plan, plan_build
from tandem.programs.imports.problems import ImportRefused
from tandem.programs.imports.tasks import import_invitations_send
from tandem.programs.models import Participant, Program

BATCH = 1000


@dataclass(frozen=True)
class Result:
    created: int
    updated: int
    unchanged: int
    ignored: tuple[str, ...] = ()  # headings of the columns left out

    @classmethod
    def of(cls, plan: Plan) -> Result:
        return cls(len(plan.created), len(plan.updated), len(plan.unchanged), tuple(plan.ignored))

    def __str__(self) -> str:
        return f"created {self.created}, updated {self.updated}, unchanged {self.unchanged}"


def refusal(plan: Plan) -> ImportRefused:
    count = len(plan.problems)
    return ImportRefused(
        f"{count} problem{'s' if count != 1 else ''} in the file; nothing was imported.",
        problems=plan.problems,
    )


def import_commit(*, program: Program, data: bytes, now: datetime) -> Result:
    """Import the file `data` into `program` (found through `access.program_managed`, or by an
    operator's command); ImportRefused with every problem, and nothing written, if any row is
    bad now."""
    try:
        with transaction.atomic():
            locked = Program.objects.select_for_update().select_related("organization")
            plan = plan_build(program=locked.get(pk=program.pk), data=data)
            if plan.problems:
                raise refusal(plan)
            result = Result.of(plan)
            invited = plan_write(plan, now=now)
            if invited:
                import_invitations_send.enqueue(program.pk, invited)
    except IntegrityError as error:  # someone signed up with an address in the file meanwhile
        raise RuleBroken(
            "Someone in the file joined Tandem while the import ran, so nothing was imported. "
            "Import the file again."
        ) from error
    return result


def _unusable_password() -> str:
    """What `make_password(None)` stores (a prefix no hash has, then 40 random characters), in a
    tenth of the time: 10,000 of them took a second."""
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)


def _update(model: type[models.Model], objects: Sequence[Any], fields: set[str]) -> None:
    rows_update(model, objects, sorted(fields))


def plan_write(plan: Plan, *, now: datetime) -> list[int]:
    """Write every change of `plan`; returns the ids of the accounts it created."""
    program, people = plan.program, plan.people
    new = [person for person in people if person.user is None]
    renamed = [person for person in people if person.user is not None and person.user_fields]
    fresh = [person for person in people if person.profile is None]
    touched = [person for person in people if person.profile_touched]

    users = [
        User(password=_unusable_password(), date_joined=now, **person.user_fields) for person in new
    ]
    User.objects.bulk_create(users, batch_size=BATCH)
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users],
        batch_size=BATCH,
    )
    for person, user in zip(new, users, strict=True):
        person.user = user
    for person in renamed:
        for name, value in person.user_fields.items():
            setattr(person.user, name, value)
    _update(User, [p.user for p in renamed], {n for p in renamed for n in p.user_fields})

    profiles = [
        # Someone else's account gets an empty profile, set up by them when they next sign in.
        Profile(user=person.user, onboarded_at=None if person.outsider else now,
                **person.profile_fields)
        for person in fresh
    ]  # fmt: skip
    Profile.objects.bulk_create(profiles, batch_size=BATCH)
    for person, profile in zip(fresh, profiles, strict=True):
        person.profile = profile
    for person in touched:
        for name, value in person.profile_fields.items():
            setattr(person.profile, name, value)
        person.profile.updated_at = now  # type: ignore[union-attr]
    _update(
        Profile, [p.profile for p in touched],
        {"updated_at", *(n for p in touched for n in p.profile_fields)},
    )  # fmt: skip
    _related_add(people)

    rows_insert(
        Membership, ("organization", "user", "role", "created_at", "updated_at"),
        [
            (program.organization_id, person.user.pk, Membership.Role.MEMBER, now, now)  # type: ignore[union-attr]
            for person in people
            if person.membership
        ],
    )  # fmt: skip
    _places_write(program, people, now)
    return [user.pk for user in users]


def _related_add(people: list[Person]) -> None:
    """Languages and skills added (never removed), in bulk."""
    speaks, wants = Profile.languages.through, Profile.skills_wanted.through
    ids = [(p, p.profile.pk) for p in people]  # type: ignore[union-attr]
    rows_insert(speaks, ("profile", "language"), [(pk, i) for p, pk in ids for i in p.languages])
    rows_insert(wants, ("profile", "skill"), [(pk, i) for p, pk in ids for i in p.wanted])
    proficiency = SkillOffered._meta.get_field("proficiency").default
    rows_insert(
        SkillOffered, ("profile", "skill", "proficiency"),
        [(pk, i, proficiency) for p, pk in ids for i in p.offered],
    )  # fmt: skip


def _places_write(program: Program, people: list[Person], now: datetime) -> None:
    joining = [p for p in people if p.participant is None and p.participant_fields]
    Participant.objects.bulk_create(
        [Participant(program=program, profile=p.profile, **p.participant_fields) for p in joining],
        batch_size=BATCH,
    )
    changing = [p for p in people if p.participant is not None and p.participant_fields]
    for person in changing:
        for name, value in person.participant_fields.items():
            setattr(person.participant, name, value)
        person.participant.updated_at = now  # type: ignore[union-attr]
    _update(
        Participant, [p.participant for p in changing],
        {"updated_at", *(n for p in changing for n in p.participant_fields)},
    )  # fmt: skip
