"""A program's hard rules, as vectorised filters over pairs of participants, and their words.

Pairs are (p, q): indices into a round's participants, p on the mentee side and q on the
mentor side (in pools the order does not matter: every rule reads the same both ways). The
rules, most important first:

* the same person on both sides (someone who is both mentee and mentor);
* a block between the two, whoever made it (`moderation.blocks`; a mute does not count): never
  paired, not even by a lock or by hand, and the words never say who blocked whom;
* a pair a manager forbade (program-wide, for good);
* two people with a live mentorship already (intro to paused);
* coffee rounds: two people a round already introduced, unless both said "meet again";
* the reporting line (on by default): one is the other's manager, or further up their chain
  (followed through `Profile.manager_email`, into profiles outside the program too);
* outside the department: the mentor's department (as imported) differs from the mentee's;
* a shared language, when both gave languages;
* the largest timezone gap, from today's UTC offsets;
* the smallest level gap: the mentor at least that many levels above the mentee. In reverse
  programs the mentor is the junior side: always below the mentee, by the gap if one is set.
  Pools read the gap either way round.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import numpy.typing as npt
from django.db.models import Count, Q

from tandem.matching.encode import utc_offset
from tandem.matching.engine.instance import FloatArray, IntArray
from tandem.mentorships.models import Mentorship
from tandem.moderation.blocks import blocks_among
from tandem.profiles.models import Profile
from tandem.programs.models import Match, PairRule, Participant, Program

MAX_CHAIN = 10  # levels followed up a reporting line
MAX_LANGUAGE_BITS = 63


class Rule:
    """Codes of the rules a pair breaks; 0 means the pair is allowed."""

    OK = 0
    SELF = 1
    FORBIDDEN = 2
    TOGETHER = 3
    MET = 4
    REPORTING_LINE = 5
    DEPARTMENT = 6
    LANGUAGE = 7
    TIMEZONE = 8
    LEVEL = 9
    BLOCKED = 10


# Pair sets read from the database: a pair is barred when its key is in the set.
PAIR_RULES = (Rule.BLOCKED, Rule.FORBIDDEN, Rule.TOGETHER, Rule.MET, Rule.REPORTING_LINE)


@dataclass(frozen=True)
class Facts:
    """What the rules read about each participant (row i = participant i of the round)."""

    program: Program
    participants: list[Participant]
    department: IntArray  # a code per distinct department, -1 when none was imported
    level: IntArray
    utc: FloatArray
    languages: IntArray  # bitmask; 0 = none given
    person: IntArray  # account id
    barred: dict[int, IntArray] = field(default_factory=dict)  # rule → sorted pair keys

    @property
    def n(self) -> int:
        return len(self.participants)

    def keys(self, p: IntArray, q: IntArray) -> IntArray:
        return p.astype(np.int64) * self.n + q


def _codes(values: list[str]) -> IntArray:
    table: dict[str, int] = {}
    codes = []
    for value in values:
        key = " ".join(value.split()).casefold()
        codes.append(table.setdefault(key, len(table)) if key else -1)
    return np.array(codes, dtype=np.int64)


def _language_masks(profile_ids: list[int]) -> IntArray:
    """Each person's languages as bits; the 63 most spoken in the program get one each."""
    spoken: dict[int, list[int]] = {}
    for owner, language in Profile.languages.through.objects.filter(
        profile_id__in=profile_ids
    ).values_list("profile_id", "language_id"):
        spoken.setdefault(owner, []).append(language)
    counts = Counter(language for languages in spoken.values() for language in languages)
    bit = {language: i for i, (language, _) in enumerate(counts.most_common(MAX_LANGUAGE_BITS))}
    return np.array(
        [sum(1 << bit[x] for x in spoken.get(pk, []) if x in bit) for pk in profile_ids],
        dtype=np.int64,
    )


def _both_ways(pairs: list[tuple[int, int]], n: int) -> IntArray:
    if not pairs:
        return np.zeros(0, dtype=np.int64)
    p, q = np.array(pairs, dtype=np.int64).T
    return np.unique(np.concatenate([p * n + q, q * n + p]))


def _reporting_line(participants: list[Participant]) -> list[tuple[int, int]]:
    """(person, someone up their chain) for every pair of participants in one reporting line.

    The chain is followed through every profile, so a manager outside the program still links
    a participant to their skip-level manager inside it; one query per level.
    """
    manager: dict[str, str] = {}
    index: dict[str, int] = {}
    for i, participant in enumerate(participants):
        email = participant.profile.user.email.lower()
        index[email] = i
        manager[email] = participant.profile.manager_email.lower()
    wanted = {m for m in manager.values() if m and m not in manager}
    for _ in range(MAX_CHAIN):
        if not wanted:
            break
        found = dict(
            Profile.objects.filter(user__email__in=wanted).values_list(
                "user__email", "manager_email"
            )
        )
        for email in wanted:
            manager[email] = found.get(email, "").lower()
        wanted = {m for m in manager.values() if m and m not in manager}
    pairs = []
    for email, i in index.items():
        seen = {email}
        up = manager.get(email, "")
        while up and up not in seen and len(seen) <= MAX_CHAIN:
            seen.add(up)
            if up in index:
                pairs.append((i, index[up]))
            up = manager.get(up, "")
    return pairs


def _earlier_pairs(program: Program, at: dict[int, int]) -> list[tuple[int, int]]:
    """Coffee: pairs a published round introduced, unless both said "meet again" after their
    latest introduction."""
    latest: dict[tuple[int, int], int] = {}
    for first, second, again in (
        Match.objects.filter(program=program)
        .annotate(again=Count("feedback", filter=Q(feedback__meet_again=True)))
        .order_by("round__number", "id")
        .values_list("first_id", "second_id", "again")
    ):
        latest[(min(first, second), max(first, second))] = again
    return [(at[a], at[b]) for (a, b), again in latest.items() if again < 2 and a in at and b in at]


def _blocked(program: Program, participants: list[Participant]) -> list[tuple[int, int]]:
    """Pairs of participants kept apart by a block: one query, whatever the number (the
    program's people as a subquery, never as ten thousand parameters)."""
    at = {p.profile.user_id: i for i, p in enumerate(participants)}
    everyone = Participant.objects.filter(program=program).values("profile__user_id")
    return [(at[a], at[b]) for a, b in blocks_among(user_ids=everyone) if a in at and b in at]


def blocked(facts: Facts, p: int, q: int) -> bool:
    """Are participants p and q kept apart by a block (either way)?"""
    barred = facts.barred.get(Rule.BLOCKED)
    return barred is not None and bool(np.isin(facts.keys(np.array([p]), np.array([q])), barred)[0])


def facts_build(program: Program, participants: list[Participant], *, now: datetime) -> Facts:
    """Everything the rules read, in a few queries (one more per level of reporting line)."""
    n = len(participants)
    at = {p.pk: i for i, p in enumerate(participants)}
    profile_at = {p.profile_id: i for i, p in enumerate(participants)}
    profile_ids = [p.profile_id for p in participants]
    rules = PairRule.objects.filter(program=program, kind=PairRule.Kind.FORBID)
    forbidden = [
        (at[a], at[b]) for a, b in rules.values_list("first_id", "second_id") if a in at and b in at
    ]
    in_program = Participant.objects.filter(program=program).values("profile_id")
    together = [
        (profile_at[a], profile_at[b])
        for a, b in Mentorship.objects.filter(
            state__in=Mentorship.HOLDING_A_PLACE, mentee_id__in=in_program, mentor_id__in=in_program
        ).values_list("mentee_id", "mentor_id")
        if a in profile_at and b in profile_at
    ]
    earlier = _earlier_pairs(program, at) if program.kind == Program.Kind.COFFEE else []
    line = _reporting_line(participants) if program.rule_outside_reporting_line else []
    return Facts(
        program=program,
        participants=participants,
        department=_codes([p.department for p in participants]),
        level=np.array([p.profile.level for p in participants], dtype=np.int64),
        utc=np.array([utc_offset(p.profile.timezone, now) for p in participants]),
        languages=_language_masks(profile_ids),
        person=np.array([p.profile.user_id for p in participants], dtype=np.int64),
        barred={
            Rule.BLOCKED: _both_ways(_blocked(program, participants), n),
            Rule.FORBIDDEN: _both_ways(forbidden, n),
            Rule.TOGETHER: _both_ways(together, n),
            Rule.MET: _both_ways(earlier, n),
            Rule.REPORTING_LINE: _both_ways(line, n),
        },
    )


def timezone_gap(facts: Facts, p: IntArray, q: IntArray) -> FloatArray:
    gap = np.abs(facts.utc[p] - facts.utc[q]) % 24.0
    return np.minimum(gap, 24.0 - gap)


def level_gap(facts: Facts, p: IntArray, q: IntArray) -> IntArray:
    """How far the mentor side stands above the mentee side (reverse: below; pools: apart)."""
    gap = facts.level[q] - facts.level[p]
    if facts.program.is_pool:
        return np.abs(gap)
    return -gap if facts.program.kind == Program.Kind.REVERSE else gap


def _level_minimum(program: Program) -> int | None:
    if program.kind == Program.Kind.REVERSE:
        return max(program.rule_min_level_gap or 0, 1)
    return program.rule_min_level_gap


def rules_broken(facts: Facts, p: IntArray, q: IntArray) -> npt.NDArray[np.int8]:
    """For each pair, 0 if the program allows it, else the most important rule it breaks."""
    program = facts.program
    why = np.zeros(p.shape[0], dtype=np.int8)
    minimum = _level_minimum(program)
    if minimum is not None:
        why[level_gap(facts, p, q) < minimum] = Rule.LEVEL
    if program.rule_max_timezone_gap is not None:
        why[timezone_gap(facts, p, q) > program.rule_max_timezone_gap + 1e-9] = Rule.TIMEZONE
    if program.rule_shared_language:
        lang_p, lang_q = facts.languages[p], facts.languages[q]
        why[((lang_p & lang_q) == 0) & (lang_p != 0) & (lang_q != 0)] = Rule.LANGUAGE
    if program.rule_outside_department:
        same = (facts.department[p] == facts.department[q]) & (facts.department[p] >= 0)
        why[same] = Rule.DEPARTMENT
    keys = facts.keys(p, q)
    for rule in reversed(PAIR_RULES):
        barred = facts.barred.get(rule)
        if barred is not None and barred.size:
            why[np.isin(keys, barred)] = rule
    why[facts.person[p] == facts.person[q]] = Rule.SELF
    return why


def rule_words(facts: Facts, p: int, q: int) -> list[str]:
    """Every rule the pair (p, q) breaks, in words for the manager ("Same department")."""
    one_p, one_q = np.array([p]), np.array([q])
    words = []
    if facts.person[p] == facts.person[q]:
        words.append("The same person on both sides")
    key = facts.keys(one_p, one_q)
    said = {
        Rule.BLOCKED: "These two can't be matched",
        Rule.FORBIDDEN: "Forbidden by a manager",
        Rule.TOGETHER: "Already in a mentorship together",
        Rule.MET: "Met in an earlier round",
        Rule.REPORTING_LINE: "In the same reporting line",
    }
    for rule in PAIR_RULES:
        barred = facts.barred.get(rule)
        if barred is not None and np.isin(key, barred).any():
            words.append(said[rule])
    for rule in (Rule.DEPARTMENT, Rule.LANGUAGE, Rule.TIMEZONE, Rule.LEVEL):
        if _breaks(facts, rule, one_p, one_q):
            words.append(_words(facts, rule, p, q))
    return words


def _breaks(facts: Facts, rule: int, p: IntArray, q: IntArray) -> bool:
    program = facts.program
    if rule == Rule.DEPARTMENT:
        return bool(
            program.rule_outside_department
            and facts.department[p][0] >= 0
            and facts.department[p][0] == facts.department[q][0]
        )
    if rule == Rule.LANGUAGE:
        a, b = int(facts.languages[p][0]), int(facts.languages[q][0])
        return bool(program.rule_shared_language and a and b and not a & b)
    if rule == Rule.TIMEZONE:
        most = program.rule_max_timezone_gap
        return most is not None and float(timezone_gap(facts, p, q)[0]) > most + 1e-9
    minimum = _level_minimum(program)
    return minimum is not None and int(level_gap(facts, p, q)[0]) < minimum


def _words(facts: Facts, rule: int, p: int, q: int) -> str:
    program = facts.program
    one_p, one_q = np.array([p]), np.array([q])
    if rule == Rule.DEPARTMENT:
        return "Same department"
    if rule == Rule.LANGUAGE:
        return "No language in common"
    if rule == Rule.TIMEZONE:
        gap = float(timezone_gap(facts, one_p, one_q)[0])
        return f"{gap:g} h apart (the program allows {program.rule_max_timezone_gap} h)"
    gap = int(level_gap(facts, one_p, one_q)[0])
    if program.kind == Program.Kind.REVERSE and gap < 1:
        return "The mentor is not junior to the mentee"
    return f"Level gap of {gap} (the program asks for at least {program.rule_min_level_gap})"
