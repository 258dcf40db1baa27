"""Reads for matching: recommendations for one mentee, with reasons in plain words."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from django.db.models import Prefetch

from tandem.accounts.models import User
from tandem.matching.availability import availability_for
from tandem.matching.encode import MentorIndex, mentee_encode, mentees_encode, mentor_index
from tandem.matching.engine.reasons import explain
from tandem.matching.engine.recommend import recommend
from tandem.matching.engine.score import score_pairs
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


def _excluded_for(
    profile: Profile, viewer: User, index: MentorIndex, unavailable: frozenset[int] = frozenset()
) -> npt.NDArray[np.int64]:
    """Mentor indices this mentee must not be offered (keys for a single mentee row)."""
    excluded = np.zeros(len(index.mentors), dtype=bool)
    if unavailable:
        excluded |= np.isin(index.profile_ids, list(unavailable))
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
    availability = availability_for(profile)
    load = np.array(
        [availability.load.get(int(pk), 0.0) for pk in index.profile_ids], dtype=np.float32
    )
    picks = recommend(
        0,
        mentee,
        index.mentors,
        table=index.table,
        labels=index.labels,
        k=k,
        excluded=_excluded_for(profile, profile.user, index, availability.unavailable),
        load=load if availability.load else None,
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


def pair_reasons(*, mentee: Profile, mentor: Profile) -> list[str]:
    """Why this mentor fits this mentee, in plain words (for a mentor reading an ask)."""
    return pair_reasons_for_mentor(mentor=mentor, mentees=[mentee]).get(mentee.pk, [])


def pair_reasons_for_mentor(*, mentor: Profile, mentees: list[Profile]) -> dict[int, list[str]]:
    """Why this mentor fits each of these mentees (a mentor's inbox), in a few queries in all.

    Reasons describe the fit even when the pair could not be matched now (say the mentor has
    since paused), so an ask already sent still shows why it was sent.
    """
    if not mentees:
        return {}
    index = mentor_index()
    where = np.flatnonzero(index.profile_ids == mentor.pk)
    if where.size == 0:
        return {}
    people = mentees_encode(mentees, index)
    a = np.arange(len(mentees), dtype=np.int64)
    x = np.full_like(a, int(where[0]))
    scores = score_pairs(people, index.mentors, a, x, table=index.table)
    return {
        profile.pk: [s for _, s in explain(people, index.mentors, scores, i, index.labels).reasons]
        for i, profile in enumerate(mentees)
    }
