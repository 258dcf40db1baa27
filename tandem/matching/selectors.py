"""Reads for matching: recommendations for one mentee, with reasons in plain words, and why
a mentor and a mentee fit, told to whichever of them is reading."""

from __future__ import annotations

import functools
import operator
from collections.abc import Collection
from dataclasses import dataclass, fields, replace

import numpy as np
import numpy.typing as npt
from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString

from tandem.core.compiled import CompiledQuery
from tandem.core.ids import MAX_ID
from tandem.core.templatetags.display import AVATAR_COLOURS, initials, joined
from tandem.matching.availability import availability_for, load_for
from tandem.matching.encode import MentorIndex, mentee_encode, mentees_encode
from tandem.matching.engine.people import People
from tandem.matching.engine.ranking import MenteeRanking
from tandem.matching.engine.reasons import MENTOR, Voice, explain, list_hints
from tandem.matching.engine.recommend import (
    LOAD_PENALTY,
    POOL,
    OutOfReach,
    Recommendation,
    recommend_scored,
    skills_out_of_reach,
)
from tandem.matching.engine.score import score_pairs
from tandem.matching.index import mentor_index
from tandem.matching.index.build import listed_mentors
from tandem.moderation.blocks import blocked_user_ids
from tandem.organizations.verified import organization_ids_verified
from tandem.profiles.models import Profile
from tandem.profiles.responsiveness import response_words_for
from tandem.profiles.selectors import manager_chain_emails


@dataclass(frozen=True)
class RecommendedMentor:
    """A mentor to suggest, the score shown, why, and what would improve the match.

    `placement` says why this mentor sits below one with a lower score (empty otherwise).
    """

    profile: Profile
    score: float
    reasons: list[str]
    hints: list[str]
    placement: str = ""
    response: str = ""  # "Usually answers within 2 days", once they have answered a few asks

    # What the card prints (`_mentor_card.html`), worked out here so the card has no tag,
    # include or `{% url %}` of its own: they cost more than the rest of the card together.
    @functools.cached_property
    def name(self) -> str:
        """The mentor's name as pages show it."""
        return self.profile.user.display_name

    @property
    def initials(self) -> str:
        """The avatar's letters (as `{% avatar %}` has them)."""
        return initials(self.name)

    @property
    def colour(self) -> int:
        """The avatar's colour (as `{% avatar %}` has it)."""
        return (self.profile.user.pk or 0) % AVATAR_COLOURS

    @property
    def facts(self) -> SafeString:
        """Their job and organization, those there are (as `{% joined %}` has them)."""
        organization = self.profile.organization
        return joined(self.profile.job_title, organization.name if organization else None)

    @property
    def url(self) -> str:
        """Their profile page (`Profile.get_absolute_url`)."""
        return _links(get_script_prefix())["profile"].replace(_MARKER, str(self.profile.pk))

    @property
    def ask_url(self) -> str:
        """Where to ask them for an intro."""
        return _links(get_script_prefix())["ask"].replace(_MARKER, str(self.profile.pk))


# A number no profile's id is, put where a link's id goes and replaced by each mentor's: the
# `id` converter writes an id as its digits, and a reverse costs about 90 µs.
_MARKER = str(MAX_ID)


@functools.cache
def _links(script_prefix: str) -> dict[str, str]:
    """A card's links with `_MARKER` for the id, reversed once per process and prefix."""
    return {
        "profile": reverse("profiles:detail", kwargs={"profile_id": MAX_ID}),
        "ask": reverse("mentorships:ask_new", kwargs={"profile_id": MAX_ID}),
    }


@dataclass(frozen=True)
class RecommendationsPage:
    """The recommendations page: the picks in their order, and the hints once for the list."""

    profile: Profile | None
    ready: bool  # a finished mentee profile: there is something to match on
    picks: list[RecommendedMentor]
    hints: list[str]


@dataclass(frozen=True)
class Suggestions:
    """Other mentors to try, and the wanted skills whose mentors aren't taking requests."""

    picks: list[RecommendedMentor]
    out_of_reach: list[str]  # one sentence a skill


def _never_offered(profile: Profile, index: MentorIndex) -> npt.NDArray[np.bool_]:
    """Mentors this mentee may never be offered: their manager chain, anyone a block keeps
    apart from them, and profiles visible only inside an organization they are not part of."""
    never = np.zeros(len(index.mentors), dtype=bool)
    chain = manager_chain_emails(profile=profile)
    if chain:
        # LOWER(email): what the case-insensitive unique index on accounts_user holds.
        managers = set(
            Profile.objects.alias(email=Lower("user__email"))
            .filter(email__in=chain, is_mentor=True)
            .values_list("id", flat=True)
        )
        never |= np.isin(index.profile_ids, list(managers))
    blocked = blocked_user_ids(user_id=profile.user_id)
    if blocked:
        # A block either way: neither is suggested to the other. Each row holds its mentor's
        # account id (`person`), so the blocked accounts' rows need no query.
        never |= np.isin(index.mentors.person, list(blocked))
    # "Only my organization": the directory's one rule (`organizations.verified`), never the
    # domain of the account's address alone.
    mine = organization_ids_verified(user_id=profile.user_id)
    outsider = ~np.isin(index.organizations, mine)
    # Rows of mentors who left the list since the index was built (hidden, switched off, no
    # longer mentoring) stay in the arrays until the next build; they are never offered.
    return never | (index.organization_only & outsider) | ~index.listed


def _keys(
    never: npt.NDArray[np.bool_], index: MentorIndex, ids: Collection[int]
) -> npt.NDArray[np.int64]:
    """Keys of the excluded pairs for a one-row mentee: `never`, plus these profile ids."""
    excluded = never | np.isin(index.profile_ids, list(ids)) if ids else never
    return np.flatnonzero(excluded).astype(np.int64)


def _recommended(
    profile: Profile, *, k: int, leaving_out: Collection[int], declined: Collection[int] = (),
    reach: bool,
) -> Suggestions:  # fmt: skip
    """The k mentors we would suggest now, in order, none of `leaving_out` or `declined`;
    with `reach`, the wanted skills whose mentors are all paused or full."""
    index = mentor_index()
    if len(index.mentors) == 0:
        return Suggestions(picks=[], out_of_reach=[])
    mentee = mentee_encode(profile, index)
    unavailable = availability_for(profile).unavailable
    never = _never_offered(profile, index)
    picks = _picks(
        mentee, index, k=k, excluded=_keys(never, index, unavailable | {*leaving_out, *declined})
    )
    out_of_reach = []
    if reach:
        # Mentors the mentee is waiting on, or one left out only because they have a card of
        # their own, still count: one of them taking requests would make the sentence untrue.
        for skill in skills_out_of_reach(
            0, mentee, index.mentors, table=index.table, excluded=_keys(never, index, ()),
            declined=np.flatnonzero(np.isin(index.profile_ids, list(declined))).tolist(),
        ):  # fmt: skip
            out_of_reach.append(_out_of_reach_sentence(skill, index.labels.skills[skill.skill]))
    ids = [int(index.profile_ids[p.mentor]) for p in picks]
    profiles = _picked_profiles(ids, k=k)
    responses = response_words_for(mentor_ids=ids)  # one query for the whole list
    # The index may be a moment behind (or a profile deleted outright): a mentor paused,
    # hidden, switched off or gone since is dropped rather than shown.
    return Suggestions(
        picks=[
            RecommendedMentor(
                profile=profiles[pk],
                score=pick.score,
                reasons=[sentence for _, sentence in pick.explanation.reasons],
                hints=pick.explanation.hints,
                placement=pick.placement,
                response=responses.get(pk, ""),
            )
            for pk, pick in zip(ids, picks, strict=True)
            if pk in profiles and profiles[pk].accepts_requests
        ],
        out_of_reach=out_of_reach,
    )


def _picked(*ids: int) -> QuerySet[Profile]:
    # The cards show the person, their job and organization; not their skills (a query more).
    # One parameter an id: an `in` list is one array value on PostgreSQL and as long as the
    # list on SQLite, which a compiled query can't fill in.
    one_of = functools.reduce(operator.or_, (Q(pk=pk) for pk in ids))
    return listed_mentors().filter(one_of).select_related("user", "organization").order_by()


@functools.cache
def _picked_query(size: int) -> CompiledQuery:
    """The read of `size` picked mentors, compiled on first use, once per size."""
    return CompiledQuery(_picked, values=size)


def _picked_profiles(ids: list[int], *, k: int) -> dict[int, Profile]:
    """These mentors' profiles by id, those still listed: one query compiled once per `k`
    (ids past those given are 0, no profile's id)."""
    if not ids:
        return {}
    size = max(k, len(ids))
    profiles = _picked_query(size).objects(*ids, *[0] * (size - len(ids)))
    return {profile.pk: profile for profile in profiles}


def _rows(people: People, rows: npt.NDArray[np.int64]) -> People:
    """These rows of `people`, in this order."""
    arrays = {f.name: getattr(people, f.name)[rows] for f in fields(People) if f.name != "ids"}
    return People(ids=tuple(people.ids[i] for i in rows.tolist()), **arrays)


def _picks(
    mentee: People, index: MentorIndex, *, k: int, excluded: npt.NDArray[np.int64]
) -> list[Recommendation]:
    """The engine's k picks for a one-row mentee, with the load of waiting asks read only for
    the mentors who could make its pool, not for every mentor with an ask waiting.

    Load takes at most LOAD_PENALTY points off a score, so a mentor scoring below the POOL-th
    best load-adjusted score of a shortlist of the best can never enter the pool: the shortlist
    grows until that holds. The engine then ranks the shortlist alone, exactly as it would
    rank everyone (scores are per pair; rows keep their order, so ties fall the same way).
    The best first come from `MenteeRanking`, which works a mentor's score out in full only
    when it could be among them.
    """
    mentors = index.mentors
    never = np.zeros(len(mentors), dtype=bool)
    never[excluded] = True
    ranking = MenteeRanking(mentee, mentors, table=index.table, never=never)
    if ranking.possible.size == 0:
        return []
    load: dict[int, float] = {}
    size = 2 * POOL
    while True:
        # The best `size` by score, ties to the lower row, and the one after them.
        best_first = ranking.leading(size + 1)
        shortlist = best_first[:size]
        ids = index.profile_ids[shortlist]
        load.update(load_for([int(pk) for pk in ids if int(pk) not in load]))
        weighed = np.array([load.get(int(pk), 0.0) for pk in ids], dtype=np.float32)
        if size >= ranking.possible.size:
            break
        adjusted = ranking.scores(shortlist) - LOAD_PENALTY * np.clip(weighed, 0, 1)
        if ranking.scores(best_first[size:])[0] < np.sort(adjusted)[-POOL]:
            break
        size *= 2
    in_order = np.argsort(shortlist, kind="stable")
    shortlist = shortlist[in_order]
    picks = recommend_scored(
        mentee, _rows(mentors, shortlist), ranking.pair_scores(shortlist), labels=index.labels,
        k=k, load=weighed[in_order],
    )  # fmt: skip
    return [replace(pick, mentor=int(shortlist[pick.mentor])) for pick in picks]


def _out_of_reach_sentence(out: OutOfReach, skill: str) -> str:
    if out.mentors == 1:
        who = "The other mentor" if out.other else "The one mentor"
        return (
            f"{who} who offers {skill} isn't taking requests right now, so they aren't listed here."
        )
    who = "The other mentors" if out.other else "The mentors"
    return f"{who} who offer {skill} aren't taking requests right now, so they aren't listed here."


def recommendations_for_mentee(
    *, profile: Profile, k: int = 5, leaving_out: Collection[int] = ()
) -> list[RecommendedMentor]:
    """The k mentors we would suggest to this mentee now, in the order to show them.

    `leaving_out` holds mentor profile ids not to suggest (say, one already on the page).
    """
    return _recommended(profile, k=k, leaving_out=leaving_out, reach=False).picks


def recommendations_page_for(*, profile: Profile | None) -> RecommendationsPage:
    """A mentee's recommendations, and what would improve them said once for the list."""
    ready = profile is not None and profile.is_mentee and profile.is_onboarded
    picks = recommendations_for_mentee(profile=profile) if ready and profile else []
    return RecommendationsPage(
        profile=profile, ready=ready, picks=picks, hints=list_hints([p.hints for p in picks])
    )


def suggestions_for_mentee(
    *, profile: Profile, k: int = 3, leaving_out: Collection[int] = (),
    declined: Collection[int] = (),
) -> Suggestions:  # fmt: skip
    """Other mentors to try (after a no, a lapse, or a mentor who is full), and a sentence for
    each wanted skill whose mentors are all paused or full.

    Mentors in `leaving_out` are not suggested (one with a card of their own on the page);
    those in `declined` (who said no or let the ask lapse) are neither suggested nor counted
    among the mentors of a skill.
    """
    return _recommended(profile, k=k, leaving_out=leaving_out, declined=declined, reach=True)


def pair_reasons(*, mentee: Profile, mentor: Profile, voice: Voice = MENTOR) -> list[str]:
    """Why these two fit, in plain words; by default told to the mentor (reading an ask)."""
    return pair_reasons_for_mentor(mentor=mentor, mentees=[mentee], voice=voice).get(mentee.pk, [])


def pair_reasons_for_mentor(
    *, mentor: Profile, mentees: list[Profile], voice: Voice = MENTOR
) -> dict[int, list[str]]:
    """Why each of these mentees fits this mentor (a mentor's inbox), in a few queries in all.

    Told to the mentor ("wants to learn Python, which you know at expert level") unless
    `voice` says otherwise. Reasons describe the fit even when the pair could not be matched
    now (say the mentor has since paused), so an ask already sent still shows why it was sent.
    """
    if not mentees:
        return {}
    index = mentor_index()
    row = index.rows.get(mentor.pk)
    if row is None or not index.listed[row]:
        return {}
    people = mentees_encode(mentees, index)
    a = np.arange(len(mentees), dtype=np.int64)
    x = np.full_like(a, row)
    scores = score_pairs(people, index.mentors, a, x, table=index.table)
    return {
        profile.pk: [
            sentence
            for _, sentence in explain(
                people, index.mentors, scores, i, index.labels, voice=voice
            ).reasons
        ]
        for i, profile in enumerate(mentees)
    }
