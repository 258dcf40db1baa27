"""Reads for matching: recommendations for one mentee, with reasons in plain words."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from django.db.models import Prefetch

from tandem.accounts.models import User
from tandem.matching.encode import MentorIndex, mentee_encode, mentor_index
from tandem.matching.engine.recommend import recommend
from tandem.profiles.models import Profile, SkillOffered

MAX_MANAGER_CHAIN = 10


@dataclass(frozen=True)
class RecommendedMentor:
    """A mentor to suggest, the score shown, why, and what would improve the match."""

    profile: Profile
    score: float
    reasons: list[str]
    hints: list[str]


def manager_chain_emails(*, profile: Profile) -> set[str]:
    """The emails up the person's reporting line (their manager, that manager's manager, …)."""
    chain: set[str] = set()
    email = profile.manager_email.lower()
    while email and email not in chain and len(chain) < MAX_MANAGER_CHAIN:
        chain.add(email)
        email = (
            Profile.objects.filter(user__email__iexact=email)
            .values_list("manager_email", flat=True)
            .first()
            or ""
        ).lower()
    return chain


def _excluded_for(profile: Profile, viewer: User, index: MentorIndex) -> npt.NDArray[np.int64]:
    """Mentor indices this mentee must never be offered (keys for a single mentee row)."""
    excluded = np.zeros(len(index.mentors), dtype=bool)
    chain = manager_chain_emails(profile=profile)
    if chain:
        managers = set(
            Profile.objects.filter(user__email__in=chain, is_mentor=True).values_list(
                "id", flat=True
            )
        )
        excluded |= np.isin(index.profile_ids, list(managers))
    domain = viewer.email.rsplit("@", 1)[-1].lower()
    outsider = np.array([d != domain or not d for d in index.domains], dtype=bool)
    excluded |= index.organization_only & outsider
    return np.flatnonzero(excluded).astype(np.int64)


def recommendations_for_mentee(*, profile: Profile, k: int = 5) -> list[RecommendedMentor]:
    """The k mentors we would suggest to this mentee now, best first."""
    index = mentor_index()
    if len(index.mentors) == 0:
        return []
    mentee = mentee_encode(profile, index)
    picks = recommend(
        0,
        mentee,
        index.mentors,
        table=index.table,
        labels=index.labels,
        k=k,
        excluded=_excluded_for(profile, profile.user, index),
    )
    ids = [int(index.profile_ids[p.mentor]) for p in picks]
    profiles = (
        Profile.objects.select_related("user", "organization")
        .prefetch_related(
            Prefetch("skills_offered", queryset=SkillOffered.objects.select_related("skill"))
        )
        .in_bulk(ids)
    )
    # A mentor may have been paused or hidden since the index was built: drop them.
    return [
        RecommendedMentor(
            profile=profiles[pk],
            score=pick.score,
            reasons=[sentence for _, sentence in pick.explanation.reasons],
            hints=pick.explanation.hints,
        )
        for pk, pick in zip(ids, picks, strict=True)
        if pk in profiles and profiles[pk].accepts_requests
    ]
