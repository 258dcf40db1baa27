"""Mentor load (issue 12): how many of the places mentors offer are taken, as things stand today.

* mentors: the people in scope on the mentor side (mentor, or mentee and mentor) who are
  taking part now; someone who left the program offers no place any more;
* places offered: the sum of their capacity (mentees they said they'd take);
* places used: their live mentorships (intro, proposed, active, paused: the states that hold
  a place) that this program's matches started with them as the mentor;
* full: as many mentees as places (and at least one place); over capacity: more mentees than
  places (their capacity lowered since, or a manager's match); no mentee yet: none. A mentor
  offering no place is never full: with no mentee, they have none yet; with one, they are over.

Two queries: the mentors' places, and their live matches counted per mentor (GROUP BY); the
figures and the 0 / 1 / 2 / 3+ histogram are added up here; the histogram's bands are the
parts of the mentors counted, so they go through `partition`. (A count per mentor as a
correlated subquery inside one aggregate was planned at a cost that set off PostgreSQL's JIT
compiler: 600 ms to 2 s for 3,500 mentors, where these two take about 10 ms.)
Pool programs (peer, coffee) have no mentors: the section does not apply.
"""

from __future__ import annotations

from django.db.models import Count as Counted

from tandem.core.charts import Chart, Series, Table
from tandem.mentorships.models import Mentorship
from tandem.programs.models import Match, Participant
from tandem.reports.metrics.base import Figure, Section
from tandem.reports.privacy import Count, Share, partition, whole_of
from tandem.reports.scope import Scope

KEY = "load"
MENTOR_SIDE = (Participant.Role.MENTOR, Participant.Role.BOTH)
BANDS = (("none", "No mentee"), ("one", "1 mentee"), ("two", "2 mentees"), ("more", "3 or more"))
BAND_KEYS = tuple(key for key, _ in BANDS)
BAND_OF = {0: "none", 1: "one", 2: "two"}  # mentees → band; 3 or more: "more"


def _totals(scope: Scope) -> dict[str, int]:
    mentors = scope.people.filter(role__in=MENTOR_SIDE, state=Participant.State.ACTIVE)
    places = mentors.values_list("pk", "capacity")
    used = dict(
        Match.objects.filter(
            program=scope.program,
            second__in=mentors.values("pk"),
            mentorship__state__in=Mentorship.HOLDING_A_PLACE,
        )
        .order_by()
        .values("second")
        .annotate(n=Counted("pk"))
        .values_list("second", "n")
    )
    totals = dict.fromkeys(("mentors", "offered", "taken", "full", "over", *BAND_KEYS), 0)
    for pk, capacity in places:
        n = used.get(pk, 0)
        totals["mentors"] += 1
        totals["offered"] += capacity
        totals["taken"] += n
        totals["full"] += n == capacity > 0
        totals["over"] += n > capacity
        totals[BAND_OF.get(n, "more")] += 1
    return totals


def load_section(scope: Scope) -> Section | None:
    """Places mentors offer and take today, and mentors by number of mentees; None for pools."""
    if scope.program.is_pool:
        return None
    totals = _totals(scope)
    counts = partition([totals[key] for key in BAND_KEYS])
    mentors = whole_of(counts)  # totals["mentors"]
    bands = [(label, count) for (_, label), count in zip(BANDS, counts, strict=True)]
    chart = Chart(
        key=KEY,
        title="Mentors by number of mentees",
        summary=(
            f"Of {mentors} mentors, "
            + ", ".join(f"{count} have {label.lower()}" for label, count in bands)
            + "."
        ),
        kind="bar",
        labels=[label for label, _ in bands],
        series=[Series("Mentors", [count.shown for _, count in bands])],
        table=Table(columns=("Mentees", "Mentors"), rows=bands),
        unit="mentors",
    )
    return Section(
        key=KEY,
        title="Mentor load",
        intro=(
            "The places mentors offer and how many are taken, as things stand today. The date "
            "range does not change this section; the people filters choose which mentors count."
        ),
        figures=[
            Figure("Places offered", Count(totals["offered"]), f"by {mentors} mentors"),
            Figure("Places used", Count(totals["taken"]), "mentorships under way"),
            Figure("Share used", Share(totals["taken"], totals["offered"])),
            Figure("Mentors full", Count(totals["full"]), "as many mentees as places"),
            Figure("Mentors over capacity", Count(totals["over"]), "more mentees than places"),
            Figure("Mentors with no mentee yet", counts[0]),
        ],
        charts=[chart],
    )
