"""What people say about the program, as numbers only: meeting ratings (1–5), the ratings
given when a mentorship ends or its term is reviewed (1–5), and the pulse behind the
program's Net Promoter Score (0–10).

The date range chooses which ratings and answers count (given or answered in it); the people
filters choose whose: ratings on the meetings and mentorships of the pairs in scope, pulse
answers by people in scope about pairs in scope. Never any text anyone wrote: the queries
read ratings and scores, nothing else.

Three queries whatever the size: the meeting ratings grouped by rating, one aggregate over
the mentorship ratings, one aggregate with a filtered count per NPS group and moment.
Peer programs and coffee rounds make no mentorships and ask no pulses: the section does not
apply to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import floor

from django.db.models import Avg, Q
from django.db.models import Count as Counted
from django.utils.dateformat import format as date_format

from tandem.core.charts import Chart, Series, Table
from tandem.meetings.models import MeetingFeedback
from tandem.mentorships.models import Feedback
from tandem.reports.metrics.base import Figure, Section
from tandem.reports.models import DETRACTOR_UP_TO, PROMOTER_FROM, Pulse
from tandem.reports.privacy import MIN_GROUP, WITHHELD, Count, Share, Stat, partition, whole_of
from tandem.reports.scope import Scope

KEY = "feedback"
ENDED_NOTE = "when a mentorship ended or its term was reviewed"
RATINGS = (1, 2, 3, 4, 5)
MOMENTS = (
    (Pulse.Moment.AFTER_INTRO.value, "After the intro"),
    (Pulse.Moment.TERM_END.value, "At term end"),
)
GROUPS = ("Promoters (9–10)", "Passives (7–8)", "Detractors (0–6)")
NPS_COLUMNS = ("When asked", "Answers", *GROUPS, "Net Promoter Score")


def nps(promoters: int, detractors: int, answers: int) -> int | None:
    """round(100 × (promoters − detractors) / answers), halves away from zero (so +12.5 and
    −12.5 give 13 and −13, not Python's 12 and −12); None without answers."""
    if not answers:
        return None
    score = 100 * (promoters - detractors) / answers
    return floor(abs(score) + 0.5) * (1 if score >= 0 else -1)


@dataclass(frozen=True)
class Groups:
    """The answers of one moment (or all of them) in the three NPS groups."""

    promoters: int
    passives: int
    detractors: int

    @property
    def answers(self) -> int:
        return self.promoters + self.passives + self.detractors

    @property
    def score(self) -> Stat:
        """The NPS; withheld when a group is hidden, as with the promoters and the score
        one could work out the others."""
        value = nps(self.promoters, self.detractors, self.answers)
        return Stat(value, self.answers, withheld=self.answers >= MIN_GROUP and not self.complete)

    @property
    def shares(self) -> tuple[Share, Share, Share]:
        whole = self.answers
        return (
            Share(self.promoters, whole),
            Share(self.passives, whole),
            Share(self.detractors, whole),
        )

    @property
    def complete(self) -> bool:
        """Whether all three shares may be shown: the three add up to 100 %, so one hidden
        share could be worked out from the other two (or from promoters and the score)."""
        return not any(share.hidden for share in self.shares)

    @property
    def answered(self) -> Count:
        """How many answers, as shown beside the three groups: withheld when the groups
        shown "fewer than 5" would be worked out from it (4, 4 and 4 of 12)."""
        complete = self.complete
        return whole_of([Count(s.part, withheld=not (complete or s.hidden)) for s in self.shares])

    @property
    def cells(self) -> list[Share | str]:
        """The three shares as a table shows them, the ones that would give away a hidden
        one left out."""
        if self.complete:
            return list(self.shares)
        return [share if share.hidden else WITHHELD for share in self.shares]

    @property
    def percents(self) -> list[float | None]:
        """The three shares as a chart draws them (None: not drawn)."""
        if self.complete:
            return [share.percent for share in self.shares]
        return [None, None, None]

    def __add__(self, other: Groups) -> Groups:
        return Groups(
            self.promoters + other.promoters,
            self.passives + other.passives,
            self.detractors + other.detractors,
        )


@dataclass(frozen=True)
class Pulses:
    by_moment: dict[str, Groups]
    sent: int  # pulses sent in the range
    sent_answered: int  # of those, answered so far

    @property
    def overall(self) -> Groups:
        return sum(self.by_moment.values(), Groups(0, 0, 0))

    @property
    def moments_shown(self) -> bool:
        """Whether each moment gets a row of its own beside all answers. A moment with a
        group hidden (or fewer than 5 answers) hides the others too, or it could be worked out
        by taking them from all answers; unless it is the only moment answered, when its row
        is the row of all answers and tells nothing more."""
        answered = [g for g in self.by_moment.values() if g.answers]
        return len(answered) <= 1 or all(g.answers >= MIN_GROUP and g.complete for g in answered)


def _pulses(scope: Scope) -> Pulses:
    f = scope.filters
    pulses = Pulse.objects.filter(
        program=scope.program,
        participant__in=scope.people.values("pk"),
        match__in=scope.pairs.values("pk"),
    )
    answered = Q(answered_at__gte=f.since, answered_at__lt=f.until)
    sent = Q(sent_at__gte=f.since, sent_at__lt=f.until)
    counts: dict[str, Counted] = {
        "sent": Counted("pk", filter=sent),
        "sent_answered": Counted("pk", filter=sent & Q(answered_at__isnull=False)),
    }
    for moment, _words in MOMENTS:
        mine = answered & Q(moment=moment)
        counts[f"{moment}_all"] = Counted("pk", filter=mine)
        counts[f"{moment}_p"] = Counted("pk", filter=mine & Q(score__gte=PROMOTER_FROM))
        counts[f"{moment}_d"] = Counted("pk", filter=mine & Q(score__lte=DETRACTOR_UP_TO))
    row = pulses.aggregate(**counts)
    by_moment = {}
    for moment, _words in MOMENTS:
        p, d, n = row[f"{moment}_p"], row[f"{moment}_d"], row[f"{moment}_all"]
        by_moment[moment] = Groups(promoters=p, passives=n - p - d, detractors=d)
    return Pulses(by_moment, sent=row["sent"], sent_answered=row["sent_answered"])


def _meeting_ratings(scope: Scope) -> dict[int, int]:
    """{rating: how many} given in the range on meetings of the pairs in scope."""
    f = scope.filters
    rows = (
        MeetingFeedback.objects.filter(
            meeting__mentorship__in=scope.mentorships.values("pk"),
            created_at__gte=f.since,
            created_at__lt=f.until,
        )
        .values("rating")
        .annotate(n=Counted("pk"))
        .order_by("rating")
    )
    return {row["rating"]: row["n"] for row in rows}


def _mentorship_rating(scope: Scope) -> Stat:
    """The average rating given in the range when a mentorship ended or its term was
    reviewed, on the mentorships in scope."""
    f = scope.filters
    row = Feedback.objects.filter(
        mentorship__in=scope.mentorships.values("pk"),
        created_at__gte=f.since,
        created_at__lt=f.until,
    ).aggregate(n=Counted("pk"), average=Avg("rating"))
    return Stat(row["average"], row["n"], "out of 5")


def _average(counts: list[Count]) -> Stat:
    """The average rating; withheld while a rating group is hidden, as the average and the
    groups shown beside it could pin down the hidden ones."""
    given = sum(count.value for count in counts)
    total = sum(rating * count.value for rating, count in zip(RATINGS, counts, strict=True))
    hidden = any(count.hidden for count in counts)
    return Stat(total / given if given else None, given, "out of 5", withheld=hidden)


def _ratings_chart(counts: list[Count]) -> Chart:
    """Meeting ratings 1 to 5, the groups partitioned so none is the total less the rest."""
    rows = [[rating, count] for rating, count in zip(RATINGS, counts, strict=True)]
    return Chart(
        key=f"{KEY}-ratings",
        title="Meeting ratings",
        summary="How many meetings were rated 1 (not useful) to 5 (very useful) in these days.",
        kind="bar",
        labels=[str(rating) for rating in RATINGS],
        series=[Series("Ratings given", [count.shown for count in counts])],
        table=Table(
            ("Rating (out of 5)", "Ratings given"), rows if any(c.value for c in counts) else []
        ),
        unit="ratings",
    )


def _nps_row(words: str, groups: Groups, shown: bool) -> list[object]:
    if not shown:
        return [words, *[WITHHELD] * 5]
    return [words, groups.answered, *groups.cells, groups.score]


def _nps_chart(pulses: Pulses) -> Chart:
    shown = pulses.moments_shown
    rows = [(words, pulses.by_moment[moment], shown) for moment, words in MOMENTS]
    rows.append(("All answers", pulses.overall, True))
    series = [
        Series(name, [g.percents[i] if ok else None for _w, g, ok in rows])
        for i, name in enumerate(GROUPS)
    ]
    table = [_nps_row(words, groups, ok) for words, groups, ok in rows]
    notes = []
    if not shown:
        notes.append(
            "When one moment has fewer than 5 answers, or a group with fewer than 5, neither "
            "moment is shown on its own, so it can't be worked out from all the answers."
        )
    if any(ok and groups.answers and not groups.complete for _w, groups, ok in rows):
        notes.append(
            "When one group has fewer than 5 answers, the others beside it are not shown "
            "either: the three add up to 100%, so it could be worked out from them."
        )
    return Chart(
        key=f"{KEY}-nps",
        title="Would they recommend the program?",
        summary="The share of pulse answers from promoters, passives and detractors, asked "
        "some weeks after the intro, at the end of the term, and all together.",
        kind="stacked",
        labels=[words for words, _g, _ok in rows],
        series=series,
        table=Table(NPS_COLUMNS, table if pulses.overall.answers else []),
        unit="%",
        notes=tuple(notes),
    )


def _from(n: Count, what: str) -> str:
    """ "from 12 answers", "from fewer than 5 answers", "no answers" (a figure's note)."""
    if n.withheld:
        return f"how many {what}: not shown"
    return f"from {n} {what}" if n.value else f"no {what}"


def _range_words(scope: Scope) -> str:
    f = scope.filters
    return f"from {date_format(f.start, 'j M Y')} to {date_format(f.end, 'j M Y')}"


def feedback(scope: Scope) -> Section | None:
    """Ratings and pulse answers given in the range, as numbers only; None for pools."""
    if scope.program.is_pool:
        return None
    ratings = _meeting_ratings(scope)
    counts = partition([ratings.get(rating, 0) for rating in RATINGS])
    pulses = _pulses(scope)
    overall = pulses.overall
    answered = Share(pulses.sent_answered, pulses.sent)
    sent_note = f"of {Count(pulses.sent)} sent" if pulses.sent else "none sent"
    sent_note += " in these days"
    return Section(
        key=KEY,
        title="What people say",
        intro=(
            f"Ratings given and pulses answered {_range_words(scope)}. The pulse asks both "
            "sides of a pair how likely they are to recommend the program to a colleague, from "
            "0 to 10: 9 and 10 are promoters, 7 and 8 passives, 0 to 6 detractors. The Net "
            "Promoter Score is the percentage of promoters minus that of detractors, from −100 "
            "to 100."
        ),
        figures=[
            Figure("Meeting rating", _average(counts), _from(whole_of(counts), "ratings")),
            Figure("Mentorship rating", _mentorship_rating(scope), ENDED_NOTE),
            Figure("Net Promoter Score", overall.score, _from(overall.answered, "answers")),
            Figure("Pulses answered", answered, sent_note),
        ],
        charts=[_ratings_chart(counts), _nps_chart(pulses)],
        notes=(
            "Only ratings and scores are counted here: what people wrote about their meetings "
            "and mentorships stays between them.",
        ),
    )
