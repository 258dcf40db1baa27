"""What the round pages show: the program's rounds with the form to run one, and one round
(its progress while it runs; its figures, histogram, load, mode comparison and pairs as a
draft). Rounds are found through `access.program_managed`, so a manager of another
organization gets a 404."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, cast

from django.core.paginator import Page, Paginator
from django.db.models import Count
from django.template.defaultfilters import pluralize

from tandem.core.charts import Chart, Series, Table
from tandem.core.errors import NotFound
from tandem.programs.access import program_managed
from tandem.programs.models import PairRule, Program, Round, RoundPair

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

PAIRS_PER_PAGE = 50
BUSY = (Round.State.QUEUED, Round.State.RUNNING)
# A queued or running round with no sign of life for this long is taken for stopped (no worker,
# or one that died): the next start marks it failed instead of waiting for it forever.
STALE_AFTER = timedelta(minutes=30)
MODE_WORDS = {
    "optimal": ("Best total fit", "the highest total score over all pairs"),
    "stable": ("Stable", "no mentee and mentor who would both rather be with each other"),
    "max-matched": ("Most people matched", "as many pairs as possible, then the best fit"),
}
POOL_WORDS = {"matching": "Maximum-weight matching", "greedy": "Greedy (best pair first)"}


def round_managed(*, slug: str, number: int, user: User) -> Round:
    """Round `number` of a program this person runs, else NotFound."""
    program = program_managed(slug=slug, user=user)
    round_ = Round.objects.filter(program=program, number=number).first()
    if round_ is None:
        raise NotFound("No such round.")
    round_.program = program
    return round_


def round_stale(round_: Round, now: datetime) -> bool:
    """Queued or running, and nothing heard from its job for `STALE_AFTER`."""
    return round_.state in BUSY and round_.updated_at < now - STALE_AFTER


@dataclass(frozen=True)
class RoundsPage:
    program: Program
    rounds: Sequence[Round]  # each with `pair_count`
    busy: Round | None  # queued or running, and alive
    stale: Round | None  # queued or running, but its job seems to have stopped
    draft: Round | None


def rounds_page_for(program: Program, *, now: datetime) -> RoundsPage:
    rounds = list(
        Round.objects.filter(program=program)
        .annotate(pair_count=Count("pairs"))
        .order_by("-number")
    )
    for round_ in rounds:
        round_.program = program
    return RoundsPage(
        program=program,
        rounds=rounds,
        busy=next((r for r in rounds if r.state in BUSY and not round_stale(r, now)), None),
        stale=next((r for r in rounds if round_stale(r, now)), None),
        draft=next((r for r in rounds if r.state == Round.State.DRAFT), None),
    )


@dataclass(frozen=True)
class PairRow:
    pair: RoundPair
    locked: bool


@dataclass(frozen=True)
class RoundPage:
    program: Program
    round: Round
    busy: bool
    stale: bool
    draft: bool
    mode_name: str
    sides: tuple[str, str]  # what the two columns hold: ("Mentee", "Mentor") or ("Person", …)
    figures: list[tuple[str, str]]
    scores: Chart  # pairs per 10-point score band (`Round.histogram`)
    groups: list[tuple[str, str, str]]  # department, matched, mean score
    load: list[tuple[int, int]]  # (pairs each, how many people)
    load_title: str
    comparison_heads: list[str]
    comparison: list[tuple[str, list[str]]]  # figure, value per mode
    pairs: Page[Any] | None


def _scores(stored: list[int]) -> Chart:
    """The round's histogram as a chart (core/charts.py); a round without pairs has none."""
    labels = [f"{band * 10}–{band * 10 + 9}" if band < 9 else "90–100" for band in range(10)]
    counts = (list(stored) + [0] * 10)[:10]  # the ten bands, whatever an old round stored
    rows = list(zip(labels, counts, strict=True)) if sum(counts) else []
    return Chart(
        key="round-scores", title="Pairs per score band", summary=_scores_said(labels, counts),
        kind="bar", labels=labels, series=[Series("Pairs", counts)], unit="pairs",
        table=Table(columns=("Score", "Pairs"), rows=rows),
    )  # fmt: skip


def _scores_said(labels: list[str], counts: list[int]) -> str:
    """The chart in one sentence, for screen readers and print."""
    held = [band for band, count in enumerate(counts) if count]
    if not held:
        return ""
    total = sum(counts)
    most = max(range(len(counts)), key=lambda band: counts[band])
    pairs = f"{total} pair{pluralize(total)}"
    if len(held) == 1:
        return f"{pairs}, all scoring {labels[most]}."
    return (
        f"{pairs}, scoring from {labels[held[0]]} to {labels[held[-1]]}; the most, "
        f"{counts[most]}, score {labels[most]}."
    )


def _number(value: Any, digits: int = 1) -> str:
    return f"{float(value):.{digits}f}"


def _figures(program: Program, q: dict[str, Any]) -> list[tuple[str, str]]:
    if not q:
        return []
    scores = [
        ("Pairs", str(q.get("pairs", 0))),
        ("Mean score", _number(q.get("mean_score", 0))),
        ("Lowest score", _number(q.get("min_score", 0))),
        ("Score at the 10th percentile", _number(q.get("p10_score", 0))),
    ]
    if program.is_pool:
        exact = q.get("exact", True)
        gap = q.get("gap_percent", 0.0)
        return [
            ("People matched",
             f"{q.get('people_matched', 0)} of {q.get('people', 0)} "
             f"({_number(q.get('matched_percent', 0), 0)} %)"),
            *scores,
            ("People without a pair", str(q.get("people_without_pair", 0))),
            ("Matching", "exact (the best total possible)" if exact
             else f"within {_number(gap, 2)} % of the best total possible"),
            ("Time to match", f"{_number(q.get('seconds', 0), 2)} s"),
        ]  # fmt: skip
    return [
        ("Mentees matched",
         f"{q.get('mentees_matched', 0)} of {q.get('mentees', 0)} "
         f"({_number(q.get('matched_percent', 0), 0)} %)"),
        *scores,
        ("Blocking pairs" + (" (at the last run)" if q.get("edited") else ""),
         str(q.get("blocking_pairs", 0))),
        ("Mentor places used",
         f"{_number(q.get('mentor_load_percent', 0), 0)} % "
         f"({q.get('unused_mentor_places', 0)} left unused)"),
        ("Mentors without a mentee", str(q.get("mentors_without_mentee", 0))),
        ("Time to match", f"{_number(q.get('seconds', 0), 2)} s"),
    ]  # fmt: skip


def _groups(q: dict[str, Any]) -> list[tuple[str, str, str]]:
    matched = q.get("matched_percent_by_group", {})
    if len(matched) < 2:
        return []
    scores = q.get("score_by_group", {})
    return [
        (group, f"{_number(value, 0)} %", _number(scores[group]) if group in scores else "–")
        for group, value in sorted(matched.items())
    ]


COMPARED = (
    ("pairs", "Pairs", 0), ("matched_percent", "Matched (%)", 0), ("mean_score", "Mean score", 1),
    ("min_score", "Lowest score", 1), ("p10_score", "10th percentile", 1),
    ("blocking_pairs", "Blocking pairs", 0), ("mentor_load_percent", "Mentor places used (%)", 0),
    ("total", "Total score", 0), ("seconds", "Seconds", 2),
)  # fmt: skip


def _comparison(
    program: Program, comparison: dict[str, Any]
) -> tuple[list[str], list[tuple[str, list[str]]]]:
    # In a fixed order (PostgreSQL's jsonb keeps its own order of keys, not the one written).
    order = [*MODE_WORDS, *POOL_WORDS]
    modes = sorted(comparison, key=lambda m: order.index(m) if m in order else len(order))
    heads = [POOL_WORDS.get(m, MODE_WORDS.get(m, (m,))[0]) for m in modes]
    rows = []
    for key, label, digits in COMPARED:
        if any(key in comparison[m] for m in modes):
            rows.append(
                (
                    label,
                    [
                        _number(comparison[m].get(key, 0), digits) if key in comparison[m] else "–"
                        for m in modes
                    ],
                )
            )
    return heads, rows


def round_page_for(round_: Round, *, now: datetime, page: Any = 1) -> RoundPage:
    """One round as its manager sees it (`round_` from `round_managed`)."""
    program = round_.program
    q = round_.quality or {}
    pairs = None
    if round_.state in (Round.State.DRAFT, Round.State.PUBLISHED, Round.State.DISCARDED):
        rows = (
            RoundPair.objects.filter(round=round_)
            .select_related("first__profile__user", "second__profile__user")
            .order_by("score", "id")
        )
        pairs = Paginator(rows, PAIRS_PER_PAGE).get_page(page)
        locks = set(
            PairRule.objects.filter(program=program, kind=PairRule.Kind.LOCK).values_list(
                "first_id", "second_id"
            )
        )
        pairs.object_list = cast(
            Any,
            [PairRow(pair, (pair.first_id, pair.second_id) in locks) for pair in pairs.object_list],
        )
    heads, comparison = _comparison(program, round_.comparison or {})
    load_key = "person_load" if program.is_pool else "mentor_load"
    return RoundPage(
        program=program,
        round=round_,
        busy=round_.state in BUSY,
        stale=round_stale(round_, now),
        draft=round_.state == Round.State.DRAFT,
        mode_name=MODE_WORDS.get(round_.mode, (round_.mode,))[0],
        sides=("Person", "Matched with") if program.is_pool else ("Mentee", "Mentor"),
        figures=_figures(program, q),
        scores=_scores(list(round_.histogram or [])),
        groups=_groups(q),
        load=[(int(k), int(n)) for k, n in q.get(load_key, [])],
        load_title="Pairs per person" if program.is_pool else "Mentees per mentor",
        comparison_heads=heads,
        comparison=comparison,
        pairs=pairs,
    )
