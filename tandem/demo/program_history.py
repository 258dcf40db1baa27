"""A year of history for the demo's 1:1 program, so its dashboard has something to say.

`programs.py` makes the program a month old with one round of matches waiting to be
confirmed. This moves its start eleven months back and adds an earlier cohort: about 120 people
from outside the program who enrolled between eleven and six months ago, and two earlier rounds
(ten and six months ago) whose confirmed matches became mentorships through `intros_arrange`.
Each pair's months since are written in bulk by `pair_history.py`: meetings about monthly with
a few missed, goals, action items, ratings, thank-yous, completed and closed mentorships, and
eight pairs whose rhythm slipped. Both sides were asked the pulse behind the program's NPS.

It runs after the newest round is published, so that round keeps exactly the people it matched
(the demo logins keep their match); the newest round's number moves up behind the two earlier
ones. Nobody is told anything now: the notices the arranged intros raise are marked read and
emailed back then.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import F

from tandem.demo import history_texts as texts
from tandem.demo.dated_rows import Rows, restamp, rows_write
from tandem.demo.history_pulses import pulses_write
from tandem.demo.logins import NAMED_PEOPLE
from tandem.demo.pair_history import DAY, HOUR, Fate, Lived, pair_live
from tandem.demo.relationships import places_recount
from tandem.mentorships.models import Ask, Mentorship
from tandem.mentorships.services.arranged import Arranged, intros_arrange
from tandem.notifications.models import Notification
from tandem.profiles.models import Profile
from tandem.programs.models import Match, Participant, Program, Question, Round, RoundPair
from tandem.programs.rounds.figures import histogram, load_table
from tandem.programs.services.matches import suggested_terms
from tandem.programs.services.participants import participant_add

SEED = "eastmoor-alumni-mentoring: the year before"
STARTED_DAYS_AGO, CREATED_DAYS_AGO = 335, 350
COHORT_MENTEES, COHORT_MENTORS = 76, 44
NEWCOMERS_JOINED = (55, 12)  # days ago: the newest round's people, before it was published
DECLINED = "declined"
LEVELS = {1: "one level", 2: "two levels", 3: "three levels", 4: "four levels"}
# Pulse scores (0–10): pairs that went well, and the rest.


@dataclass(frozen=True)
class EarlierRound:
    published_days_ago: int
    joined_days_ago: tuple[int, int]  # when its people enrolled: (earliest, latest)
    share: float  # of the earlier cohort
    fates: tuple[tuple[str, int], ...]  # how the pairs' stories go, as parts of the whole


ROUNDS = (
    EarlierRound(300, (335, 305), 0.53, (
        (DECLINED, 2), (Fate.NO_INTRO, 2), (Fate.NO_AGREEMENT, 1), (Fate.CLOSED, 3),
        (Fate.COMPLETED, 17), (Fate.ALUMNI, 5), (Fate.RENEWED, 7), (Fate.TERM_OVER, 2),
        (Fate.PAUSED, 1),
    )),
    EarlierRound(180, (298, 188), 0.47, (
        (DECLINED, 2), (Fate.NO_INTRO, 1), (Fate.NO_AGREEMENT, 1), (Fate.CLOSED, 2),
        (Fate.SLIPPED, 8), (Fate.PAUSED, 1), (Fate.ACTIVE, 21),
    )),
)  # fmt: skip


@dataclass(frozen=True)
class Pair:
    mentee: Participant
    mentor: Participant
    score: float
    reasons: list[str]


@dataclass(frozen=True)
class Story:
    """A confirmed match, its mentorship and how their story went."""

    match: Match
    mentorship: Mentorship
    confirmed: datetime  # when the second of the two said yes
    fate: str
    lived: Lived


def program_history_write(*, program: Program, question: Question, profiles: Sequence[Profile],
                          now: datetime) -> None:  # fmt: skip
    """Give the program its year: an earlier start, an earlier cohort and their pairs' stories.

    A small demo may have nobody left outside the program: then it only starts earlier.
    """
    rng = random.Random(SEED)
    Program.objects.filter(pk=program.pk).update(
        starts_on=(now - STARTED_DAYS_AGO * DAY).date(), created_at=now - CREATED_DAYS_AGO * DAY
    )
    _newcomers_date(program, rng, now)
    mentors, mentees = _cohort(program, profiles, rng)
    newest = list(program.rounds.values_list("pk", flat=True))
    program.rounds.update(number=F("number") + len(ROUNDS))  # out of the way of the earlier
    places: Counter[int] = Counter()  # places each mentor has given in earlier rounds
    enrolled: list[Participant] = []
    stories: list[Story] = []
    cut_mentors, cut_mentees = round(len(mentors) * 0.55), round(len(mentees) * ROUNDS[0].share)
    groups = ((mentors[:cut_mentors], mentees[:cut_mentees]),
              (mentors[cut_mentors:], mentees[cut_mentees:]))  # fmt: skip
    written = 0
    for spec, (new_mentors, new_mentees) in zip(ROUNDS, groups, strict=True):
        joined = _enrol(program, question, new_mentors, new_mentees, spec, rng, now)
        enrolled += joined
        pool = [p for p in enrolled if p.role == Participant.Role.MENTOR]
        pairs = _pairs([p for p in joined if p.is_mentee], pool, places, rng)
        if pairs:
            written += 1
            published = _at(now - spec.published_days_ago * DAY, hour=10)
            seekers = sum(p.is_mentee for p in joined)
            stories += _round_write(program, written, published, pairs, seekers, spec, rng, now)
    Round.objects.filter(pk__in=newest).update(number=F("number") - len(ROUNDS) + written)
    pulses_write(program, [(s.match, s.lived, s.confirmed, s.fate) for s in stories], rng, now)
    places_recount([p.profile_id for p in enrolled if p.role == Participant.Role.MENTOR])


def _newcomers_date(program: Program, rng: random.Random, now: datetime) -> None:
    """The newest round's people joined in the weeks before it, each with a department (the
    demo logins' own places are left as they are)."""
    named = [person.email for person in NAMED_PEOPLE]
    newcomers = list(
        program.participants.exclude(profile__user__email__in=named)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    departments: dict[str, list[int]] = defaultdict(list)
    for pk in newcomers:
        departments[_department(rng)].append(pk)
    for department, pks in departments.items():
        Participant.objects.filter(pk__in=pks).update(department=department)
    joined = [_joined(rng, now, *NEWCOMERS_JOINED) for _ in newcomers]
    restamp(Participant, [(pk, at, at) for pk, at in zip(newcomers, joined, strict=True)])


def _cohort(
    program: Program, profiles: Sequence[Profile], rng: random.Random
) -> tuple[list[Profile], list[Profile]]:
    """Mentors with a free place and mentees, none in the program yet nor a demo login."""
    loaded = [p.pk for p in profiles]
    named = [person.email for person in NAMED_PEOPLE]
    outside = (
        Profile.objects.filter(pk__in=loaded)
        .exclude(participations__program=program)
        .exclude(user__email__in=named)
        .select_related("user")
        .order_by("pk")
    )
    free = list(outside.filter(is_mentor=True, is_paused=False, capacity__gt=F("places_taken")))
    mentors = rng.sample(free, min(COHORT_MENTORS, len(free)))
    chosen = {p.pk for p in mentors}
    seekers = [p for p in outside.filter(is_mentee=True) if p.pk not in chosen]
    return mentors, rng.sample(seekers, min(COHORT_MENTEES, len(seekers)))


def _enrol(
    program: Program, question: Question, mentors: list[Profile], mentees: list[Profile],
    spec: EarlierRound, rng: random.Random, now: datetime,
) -> list[Participant]:  # fmt: skip
    """Their places in the program, through the service, dated when they enrolled."""
    joined = [
        participant_add(program=program, profile=profile, role=role, department=_department(rng),
                        answers={str(question.pk): rng.choice(question.choices)})
        for role, people in ((Participant.Role.MENTOR, mentors), (Participant.Role.MENTEE, mentees))
        for profile in people
    ]  # fmt: skip
    for participant in joined:
        participant.created_at = participant.updated_at = _joined(rng, now, *spec.joined_days_ago)
    restamp(Participant, [(p.pk, p.created_at, p.created_at) for p in joined])
    return joined


def _pairs(
    mentees: list[Participant], mentors: list[Participant], places: Counter[int],
    rng: random.Random,
) -> list[Pair]:  # fmt: skip
    """Each mentee with the best-fitting mentor who still has a place, as a round would."""
    free = {m.pk: min(m.capacity, m.profile.capacity - m.profile.places_taken) for m in mentors}
    busy = set(
        Mentorship.objects.filter(
            state__in=Mentorship.HOLDING_A_PLACE,
            mentee_id__in=[p.profile_id for p in mentees],
            mentor_id__in=[p.profile_id for p in mentors],
        ).values_list("mentee_id", "mentor_id")
    )
    pairs = []
    for mentee in mentees:
        fits = [
            (*_fit(mentee, mentor, rng), mentor)
            for mentor in mentors
            if free[mentor.pk] - places[mentor.pk] > 0
            and mentor.profile_id != mentee.profile_id
            and (mentee.profile_id, mentor.profile_id) not in busy
        ]
        if fits:
            score, reasons, mentor = max(fits, key=lambda fit: fit[0])
            places[mentor.pk] += 1
            pairs.append(Pair(mentee, mentor, score, reasons))
    return pairs


def _fit(mentee: Participant, mentor: Participant, rng: random.Random) -> tuple[float, list[str]]:
    """A score out of 100 and why, in the mentee's words, like the engine's."""
    score, reasons = 38 + rng.uniform(0, 18), []
    answer = next(iter(mentee.answers.values()), "")
    if answer and answer in mentor.answers.values():
        score += 14
        reasons.append(f"also chose “{answer}”")
    gap = mentor.profile.level - mentee.profile.level
    if gap in LEVELS:
        score += 3 * gap
        reasons.append(f"{LEVELS[gap]} above you")
    if mentor.profile.organization_id != mentee.profile.organization_id:
        score += 4
        reasons.append("outside your organization, so you can speak freely")
    return min(round(score, 2), 97.0), reasons


def _round_write(
    program: Program, number: int, published: datetime, pairs: list[Pair], mentees: int,
    spec: EarlierRound, rng: random.Random, now: datetime,
) -> list[Story]:  # fmt: skip
    """The published round, its matches, and for each confirmed one the mentorship's story."""
    scores = [p.score for p in pairs]
    round_ = Round.objects.create(
        program=program, number=number, state=Round.State.PUBLISHED, progress=100,
        quality=_quality(pairs, mentees), histogram=histogram(scores), finished_at=published - HOUR,
        published_at=published,
    )  # fmt: skip
    Round.objects.filter(pk=round_.pk).update(created_at=published - 2 * HOUR)
    RoundPair.objects.bulk_create(
        RoundPair(round=round_, first=p.mentee, second=p.mentor, score=p.score, reasons=p.reasons)
        for p in pairs
    )
    fates = _fates(len(pairs), spec.fates, rng)
    matches = [
        Match(program=program, round=round_, first=p.mentee, second=p.mentor, score=p.score,
              reasons=p.reasons, state=Match.State.DECLINED if fate == DECLINED else
              Match.State.CONFIRMED)
        for p, fate in zip(pairs, fates, strict=True)
    ]  # fmt: skip
    by_day: dict[datetime, list[int]] = defaultdict(list)
    for i, match in enumerate(matches):
        said_yes = published + rng.randint(4, 60) * HOUR
        match.first_confirmed_at = said_yes
        if fates[i] != DECLINED:
            day = _at(said_yes + rng.randint(2, 48) * HOUR, hour=18)
            match.second_confirmed_at = day
            by_day[day].append(i)
    for day, batch in sorted(by_day.items()):
        _arrange(program, [matches[i] for i in batch], day)
    Match.objects.bulk_create(matches)
    Match.objects.filter(round=round_).update(created_at=published, updated_at=published)

    rows, stories = Rows(), []
    for match, fate in zip(matches, fates, strict=True):
        mentorship, confirmed = match.mentorship, match.second_confirmed_at
        if mentorship is not None and confirmed is not None:
            lived = pair_live(rows, rng, mentorship, fate=fate, confirmed=confirmed, now=now)
            stories.append(Story(match, mentorship, confirmed, fate, lived))
    rows_write(rows)
    _mentorships_date(stories)
    return stories


def _arrange(program: Program, matches: list[Match], at: datetime) -> None:
    """Both said yes on the same day: the intros the program arranged, through the service;
    the notices it raised were read and emailed back then."""
    mentorships = intros_arrange(
        [
            Arranged(mentee=m.first.profile, mentor=m.second.profile,
                     note=f"{program.name} paired you, and you both said yes.",
                     suggested_terms=suggested_terms(program))
            for m in matches
        ],
        now=at,
    )  # fmt: skip
    for match, mentorship in zip(matches, mentorships, strict=True):
        match.mentorship = mentorship
    Ask.objects.filter(pk__in=[m.ask_id for m in mentorships]).update(created_at=at, updated_at=at)
    Notification.objects.filter(
        cause__in=[f"mentorship:{m.pk}:arranged" for m in mentorships]
    ).update(read_at=at + 2 * HOUR, emailed_at=at)


def _mentorships_date(stories: list[Story]) -> None:
    mentorships = []
    for story in stories:
        mentorship, lived = story.mentorship, story.lived
        mentorship.state, mentorship.intro_held_at = lived.state, lived.intro_held_at
        mentorships.append(mentorship)
    Mentorship.objects.bulk_update(mentorships, ["state", "intro_held_at"])
    restamp(Mentorship, [(s.mentorship.pk, s.confirmed, s.lived.last_change) for s in stories])


def _fates(n: int, parts: tuple[tuple[str, int], ...], rng: random.Random) -> list[str]:
    """`n` fates in the proportions given (the biggest part takes what rounding leaves)."""
    whole = sum(weight for _, weight in parts)
    counts = {fate: round(weight * n / whole) for fate, weight in parts}
    biggest = max(parts, key=lambda part: part[1])[0]
    counts[biggest] += n - sum(counts.values())
    while counts[biggest] < 0:  # rounding gave the small parts more than there is
        smallest = min(
            (f for f in counts if counts[f] > 0 and f != biggest), key=counts.__getitem__
        )
        counts[smallest] -= 1
        counts[biggest] += 1
    fates = [fate for fate, count in counts.items() for _ in range(count)]
    rng.shuffle(fates)
    return fates


def _quality(pairs: list[Pair], mentees: int) -> dict[str, object]:
    """The round's headline figures, as the round page shows them."""
    scores = sorted(p.score for p in pairs)
    mentors = Counter(p.mentor.pk for p in pairs)
    places = sum(p.mentor.capacity for p in {p.mentor.pk: p for p in pairs}.values())
    return {
        "mentees": mentees, "mentees_matched": len(pairs),
        "matched_percent": 100.0 * len(pairs) / mentees if mentees else 0.0,
        "pairs": len(pairs), "mean_score": sum(scores) / len(scores) if scores else 0.0,
        "min_score": scores[0] if scores else 0.0,
        "p10_score": scores[len(scores) // 10] if scores else 0.0, "blocking_pairs": 0,
        "mentor_load_percent": 100.0 * len(pairs) / places if places else 0.0,
        "unused_mentor_places": places - len(pairs), "mentors_without_mentee": 0,
        "mentors": len(mentors), "mentors_offering": len(mentors), "places": places,
        "seconds": 0.01, "mentor_load": load_table(list(mentors.values()), len(mentors)),
    }  # fmt: skip


def _department(rng: random.Random) -> str:
    return rng.choices(texts.DEPARTMENTS, weights=texts.DEPARTMENT_WEIGHTS)[0]


def _joined(rng: random.Random, now: datetime, earliest: int, latest: int) -> datetime:
    """A moment between `earliest` and `latest` days ago, in office hours."""
    return _at(now - rng.randint(latest, earliest) * DAY, hour=rng.randint(8, 19))


def _at(moment: datetime, *, hour: int) -> datetime:
    return moment.astimezone(UTC).replace(hour=hour, minute=0, second=0, microsecond=0)
