"""The people of an import's file as the database has them now, read in a few bulk queries
(users by email in any case, then allauth's verified other addresses, their profiles,
languages, skills, places in the program and memberships), never one a row."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from allauth.account.models import EmailAddress
from django.db.models.functions import Lower

from tandem.accounts.models import User
from tandem.organizations.models import Membership
from tandem.profiles.models import Profile, SkillOffered
from tandem.programs.models import Participant, Program

CHUNK = 500  # ids or emails per `IN (…)`: well under SQLite's limit on query parameters
# What the plan reads of existing accounts and profiles (and commit writes back).
USER_FIELDS = ("id", "email", "first_name", "last_name", "is_staff", "is_superuser")
PROFILE_FIELDS = (
    "id", "user_id", "job_title", "level", "timezone", "manager_email", "is_mentee", "is_mentor",
    "organization_id", "updated_at",
)  # fmt: skip
T = TypeVar("T")


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class Snapshot:
    """The people of the file as the database has them now."""

    users: dict[str, User]  # email in the file → account
    profiles: dict[int, Profile]  # user id → profile
    languages: dict[int, set[int]]  # profile id → language ids
    wanted: dict[int, set[int]]
    offered: dict[int, set[int]]
    participants: dict[int, Participant]  # profile id → place in this program
    members: set[int]  # user ids already in the organization


def _pairs(rows: Iterable[tuple[int, int]]) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    for key, value in rows:
        found.setdefault(key, set()).add(value)
    return found


def snapshot_load(program: Program, emails: list[str]) -> Snapshot:
    users: dict[str, User] = {}
    for chunk in chunks(emails):
        found = User.objects.only(*USER_FIELDS).annotate(email_lower=Lower("email"))
        for user in found.filter(email_lower__in=chunk):
            users[user.email_lower] = user
    other_addresses: dict[str, int] = {}
    for chunk in chunks([email for email in emails if email not in users]):
        other_addresses.update(
            # Verified only: anyone can add an address to their account without owning it.
            EmailAddress.objects.filter(email__in=chunk, verified=True).values_list(
                "email", "user_id"
            )
        )
    if other_addresses:
        extra = User.objects.only(*USER_FIELDS).in_bulk(list(set(other_addresses.values())))
        users.update({e: extra[pk] for e, pk in other_addresses.items() if pk in extra})
    user_ids = sorted({user.pk for user in users.values()})
    profiles: dict[int, Profile] = {}
    for ids in chunks(user_ids):
        found_profiles = Profile.objects.only(*PROFILE_FIELDS).filter(user_id__in=ids)
        profiles.update((p.user_id, p) for p in found_profiles)
    profile_ids = sorted(profile.pk for profile in profiles.values())
    speaks, wants = Profile.languages.through.objects, Profile.skills_wanted.through.objects
    languages: list[tuple[int, int]] = []
    wanted: list[tuple[int, int]] = []
    offered: list[tuple[int, int]] = []
    participants: dict[int, Participant] = {}
    members: set[int] = set()
    for ids in chunks(profile_ids):
        languages += speaks.filter(profile_id__in=ids).values_list("profile_id", "language_id")
        wanted += wants.filter(profile_id__in=ids).values_list("profile_id", "skill_id")
        offered += SkillOffered.objects.filter(profile_id__in=ids).values_list(
            "profile_id", "skill_id"
        )
        participants.update(
            (p.profile_id, p)
            for p in Participant.objects.filter(program=program, profile_id__in=ids)
        )
    for ids in chunks(user_ids):
        members.update(
            Membership.objects.filter(
                organization_id=program.organization_id, user_id__in=ids
            ).values_list("user_id", flat=True)
        )
    return Snapshot(
        users=users, profiles=profiles, languages=_pairs(languages), wanted=_pairs(wanted),
        offered=_pairs(offered), participants=participants, members=members,
    )  # fmt: skip
