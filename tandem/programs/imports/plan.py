"""What an import would do, person by person, against the database as it is now: who is new
to Tandem (created), who is there and would change (updated), who would not (unchanged).

Everyone in the file is looked up in a few bulk queries (users by email in any case, then
allauth's other addresses, their profiles, languages, skills, places in the program and
memberships), never one a row. Nothing is written here.

An existing account is the program's organization's to update only when the person's own
profile says they work there (`Profile.organization`) and they are not Tandem staff. Anyone
else already on Tandem is only placed in the program (role, department, capacity, answers:
the program's data); their account and profile stay exactly as they are. A membership of the
organization does not count: the import itself makes one for everyone it places, as joining
an open program does, so counting it would let a second import of the same file rewrite the
people the first one only placed.

A person of the organization changes only where the file gives a value: a blank cell leaves
what is there. Languages and skills are added to what the person has, never taken away, since
people keep their own lists on their profile. A person who left the program stays out of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tandem.accounts.models import User
from tandem.profiles.models import Language, Profile
from tandem.programs.imports.parse import Table, table_read, text_decode
from tandem.programs.imports.problems import Problem
from tandem.programs.imports.rows import MAX_SKILLS, Row, rows_read
from tandem.programs.imports.snapshot import Snapshot, snapshot_load
from tandem.programs.imports.vocabulary import vocabulary_load
from tandem.programs.models import Participant, Program
from tandem.programs.services.participants import role_for

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"

# How a change is named on the preview page.
USER_WORDS = {"first_name": "first name", "last_name": "last name"}
PROFILE_WORDS = {
    "job_title": "title", "level": "level", "timezone": "timezone", "manager_email": "manager",
    "is_mentee": "mentee side", "is_mentor": "mentor side",
}  # fmt: skip
PARTICIPANT_WORDS = {name: name for name in ("role", "department", "capacity", "answers")}
# Someone outside the organization (or staff): what the manager is told the import does.
OWN_PROFILE = "already on Tandem with their own profile: only their place in this program is set"
OWN_ACCOUNT = (
    "already on Tandem with their own account: only their place in this program is set, with "
    "an empty profile they fill in themselves"
)


@dataclass
class Person:
    """One row and what it would do. The `*_fields` hold the values to write: every field for
    a new user, profile or place, only the changed ones for an existing one."""

    row: Row
    user: User | None = None
    profile: Profile | None = None
    participant: Participant | None = None
    user_fields: dict[str, Any] = field(default_factory=dict)
    profile_fields: dict[str, Any] = field(default_factory=dict)
    languages: list[int] = field(default_factory=list)  # to add
    wanted: list[int] = field(default_factory=list)
    offered: list[int] = field(default_factory=list)
    participant_fields: dict[str, Any] = field(default_factory=dict)
    membership: bool = False  # becomes a member of the program's organization
    left: bool = False  # left the program; the import does not put them back
    # An existing account outside the program's organization, or staff: only the place (and,
    # lacking a profile, an empty one not yet set up) is written, never the account or profile.
    outsider: bool = False

    @property
    def action(self) -> str:
        if self.user is None:
            return CREATE
        changed = (
            self.profile is None or self.participant is None or self.user_fields
            or self.profile_fields or self.languages or self.wanted or self.offered
            or self.participant_fields or self.membership
        )  # fmt: skip
        return UPDATE if changed else UNCHANGED

    @property
    def profile_touched(self) -> bool:
        """An existing profile that changes (its `updated_at` moves, so matching sees it)."""
        return self.profile is not None and bool(
            self.profile_fields or self.languages or self.wanted or self.offered
        )

    @property
    def changes(self) -> list[str]:
        """What would change, in words, for the preview."""
        if self.user is None:
            return ["new account, profile and invitation"]
        if self.outsider:
            return self._outsider_changes()
        words: list[str] = []
        if self.participant is None:
            words.append("joins the program (already on Tandem)")
        elif "state" in self.participant_fields:
            words.append(f"taken into the program (was {self.participant.get_state_display()})")
        words += [USER_WORDS[name] for name in self.user_fields]
        words += [PROFILE_WORDS[name] for name in self.profile_fields]
        for added, one, many in (
            (self.languages, "language", "languages"),
            (self.wanted, "skill wanted", "skills wanted"),
            (self.offered, "skill offered", "skills offered"),
        ):
            if added:
                words.append(f"{len(added)} more {one if len(added) == 1 else many}")
        if self.participant is not None:
            words += [
                PARTICIPANT_WORDS[name] for name in self.participant_fields if name != "state"
            ]
        if self.membership and self.participant is not None:
            words.append("becomes a member of the organization")
        return words

    def _outsider_changes(self) -> list[str]:
        words = [OWN_PROFILE if self.profile is not None else OWN_ACCOUNT]
        if self.participant is None:
            words.append("joins the program")
        else:
            if "state" in self.participant_fields:
                was = self.participant.get_state_display()
                words.append(f"taken into the program (was {was})")
            words += [
                PARTICIPANT_WORDS[name] for name in self.participant_fields if name != "state"
            ]
            if self.membership:
                words.append("becomes a member of the organization")
        return words


@dataclass
class Plan:
    program: Program
    people: list[Person]
    problems: list[Problem]
    ignored: list[str]  # headings of columns the import does not read
    answers: list[str]  # headings read as answers to intake questions
    delimiter: str

    def _with(self, action: str) -> list[Person]:
        return [person for person in self.people if person.action == action]

    @property
    def created(self) -> list[Person]:
        return self._with(CREATE)

    @property
    def updated(self) -> list[Person]:
        return self._with(UPDATE)

    @property
    def unchanged(self) -> list[Person]:
        return self._with(UNCHANGED)

    @property
    def left(self) -> list[Person]:
        return [person for person in self.people if person.left]

    @property
    def counts(self) -> str:
        return (
            f"created {len(self.created)}, updated {len(self.updated)}, "
            f"unchanged {len(self.unchanged)}"
        )


def _new_profile(row: Row, program: Program) -> dict[str, Any]:
    role = row.role or Participant.Role.MENTEE
    return {
        "is_mentee": program.is_pool or role in ("mentee", "both"),
        "is_mentor": not program.is_pool and role in ("mentor", "both"),
        "job_title": row.title or "",
        "level": row.level if row.level is not None else Profile._meta.get_field("level").default,
        "timezone": row.timezone or "UTC",
        "manager_email": row.manager_email or "",
        "organization_id": program.organization_id,
    }


def _profile_changes(row: Row, profile: Profile) -> dict[str, Any]:
    wanted: dict[str, Any] = {
        "job_title": row.title, "level": row.level, "timezone": row.timezone,
        "manager_email": row.manager_email,
    }  # fmt: skip
    if row.role in ("mentee", "both"):
        wanted["is_mentee"] = True
    if row.role in ("mentor", "both"):
        wanted["is_mentor"] = True
    current = {name: getattr(profile, name) for name in wanted}
    current["manager_email"] = profile.manager_email.lower()
    return {n: v for n, v in wanted.items() if v is not None and v != current[n]}


def _default_capacity(program: Program, role: str) -> int:
    return program.mentor_capacity if role in ("mentor", "both") else 1


def _participant_fields(row: Row, program: Program, place: Participant | None) -> dict[str, Any]:
    if place is None:
        role = role_for(program, row.role or Participant.Role.MENTEE)
        return {
            "role": role, "state": Participant.State.ACTIVE, "department": row.department or "",
            "capacity": row.capacity if row.capacity is not None else _default_capacity(
                program, role),
            "answers": dict(row.answers),
        }  # fmt: skip
    role = role_for(program, row.role or place.role)
    capacity = row.capacity
    if capacity is None and role != place.role:
        capacity = _default_capacity(program, role)
    wanted: dict[str, Any] = {
        "role": role, "state": Participant.State.ACTIVE, "department": row.department,
        "capacity": capacity, "answers": {**place.answers, **row.answers},
    }  # fmt: skip
    return {n: v for n, v in wanted.items() if v is not None and v != getattr(place, n)}


def in_organization(user: User, profile: Profile | None, program: Program) -> bool:
    """May the import update this existing account and profile? Only for a person whose own
    profile is in the program's organization, and never for Tandem's staff."""
    if user.is_staff or user.is_superuser:
        return False
    return profile is not None and profile.organization_id == program.organization_id


def person_plan(row: Row, program: Program, snapshot: Snapshot, english: list[int]) -> Person:
    user = snapshot.users.get(row.email)
    if user is None:
        return Person(
            row=row,
            user_fields={
                "email": row.email,
                "first_name": row.first_name or "",
                "last_name": row.last_name or "",
            },
            profile_fields=_new_profile(row, program),
            languages=list(row.languages or english),
            wanted=list(row.skills_wanted),
            offered=list(row.skills_offered),
            participant_fields=_participant_fields(row, program, None),
            membership=True,
        )
    person = Person(row=row, user=user, profile=snapshot.profiles.get(user.pk))
    profile = person.profile
    if profile is not None:
        person.participant = snapshot.participants.get(profile.pk)
    if not in_organization(user, profile, program):
        # Someone else's account: only their place. Lacking a profile (a place hangs on one),
        # they get Tandem's defaults, not set up, in no organization (commit.py).
        person.outsider = True
    elif profile is not None:  # always: a person is in the organization through their profile
        person.user_fields = {
            name: value
            for name, value in (("first_name", row.first_name), ("last_name", row.last_name))
            if value is not None and value != getattr(user, name)
        }
        person.profile_fields = _profile_changes(row, profile)
        has = profile.pk
        person.languages = [i for i in row.languages if i not in snapshot.languages.get(has, ())]
        person.wanted = [i for i in row.skills_wanted if i not in snapshot.wanted.get(has, ())]
        person.offered = [i for i in row.skills_offered if i not in snapshot.offered.get(has, ())]
    if person.participant is not None and person.participant.state == Participant.State.LEFT:
        person.left = True
    else:
        person.participant_fields = _participant_fields(row, program, person.participant)
    person.membership = user.pk not in snapshot.members
    return person


def _account_problems(person: Person, snapshot: Snapshot, seen: dict[int, int]) -> list[Problem]:
    """What only the database can tell: two addresses of one account, a manager who is the
    person themselves, skill lists that would pass the cap."""
    row, user, problems = person.row, person.user, []
    if user is None:
        return []
    if user.pk in seen:
        message = f"{row.email} is another address of the person on line {seen[user.pk]}"
        problems.append(Problem(row.line, "email", message))
    seen.setdefault(user.pk, row.line)
    if row.manager_email and row.manager_email == user.email.lower():
        problems.append(Problem(row.line, "manager_email", "a person cannot be their own manager"))
    if person.profile is not None:
        for column, added, has in (
            ("skills_wanted", person.wanted, snapshot.wanted),
            ("skills_offered", person.offered, snapshot.offered),
        ):
            total = len(added) + len(has.get(person.profile.pk, ()))
            if added and total > MAX_SKILLS:
                problems.append(
                    Problem(row.line, column, f"{row.email} already has "
                            f"{total - len(added)} skills on this list; adding {len(added)} would "
                            f"make {total}, and the limit is {MAX_SKILLS}"),
                )  # fmt: skip
    return problems


def plan_build(*, program: Program, data: bytes) -> Plan:
    """The plan for the file `data` in `program`; raises ImportRefused only for a file that
    cannot be read at all (too big, not UTF-8). Bad rows are `problems` on the plan."""
    table: Table = table_read(text_decode(data))
    vocabulary = vocabulary_load(program)
    rows, columns, problems = rows_read(table, vocabulary, pool=program.is_pool)
    snapshot = snapshot_load(program, [row.email for row in rows])
    english = list(Language.objects.filter(code="en").values_list("pk", flat=True))
    people: list[Person] = []
    seen: dict[int, int] = {}
    for row in rows:
        person = person_plan(row, program, snapshot, english)
        bad = _account_problems(person, snapshot, seen)
        problems += bad
        if not bad:
            people.append(person)
    problems.sort(key=lambda problem: problem.line)
    return Plan(
        program=program, people=people, problems=problems, ignored=columns.ignored,
        answers=[table.headers[index] for index, _ in columns.questions],
        delimiter=table.delimiter,
    )  # fmt: skip
