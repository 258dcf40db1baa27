"""Whose pairs a report counts and over which days: the filters turned into querysets.

Nothing here runs a query by itself: `people`, `pairs` and `mentorships` are lazy querysets
each metric uses as a subquery inside its own aggregate, so a dashboard costs the same handful
of queries for a program of 20 people or of 10,000.

* people: the program's participants who took part (active, or left since), narrowed by the
  cohort (the month their place was created), department and role filters;
* pairs: the program's published matches not declined, with at least one side among them;
* mentorships: the mentorships those pairs started (1:1 and peer programs).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from tandem.mentorships.models import Mentorship
from tandem.programs.models import Match, Participant, Program
from tandem.reports.filters import Filters

TOOK_PART = (Participant.State.ACTIVE, Participant.State.LEFT)
ROLE_SIDES = {
    "mentee": (Participant.Role.MENTEE, Participant.Role.BOTH),
    "mentor": (Participant.Role.MENTOR, Participant.Role.BOTH),
    "peer": (Participant.Role.PEER,),
}


@dataclass(frozen=True)
class Scope:
    program: Program
    filters: Filters
    today: date

    @property
    def people(self) -> QuerySet[Participant]:
        people = Participant.objects.filter(program=self.program, state__in=TOOK_PART)
        f = self.filters
        if f.cohort:
            people = people.filter(created_at__gte=f.cohort_start, created_at__lt=f.cohort_end)
        if f.department:
            people = people.filter(department=f.department)
        if f.role:
            people = people.filter(role__in=ROLE_SIDES[f.role])
        return people

    @property
    def filtered(self) -> bool:
        """Whether any people filter is on (the range is not one)."""
        f = self.filters
        return bool(f.cohort or f.department or f.role)

    @property
    def pairs(self) -> QuerySet[Match]:
        pairs = Match.objects.filter(program=self.program).exclude(state=Match.State.DECLINED)
        if not self.filtered:
            return pairs
        people = self.people.values("pk")
        return pairs.filter(Q(first__in=people) | Q(second__in=people))

    @property
    def mentorships(self) -> QuerySet[Mentorship]:
        return Mentorship.objects.filter(
            pk__in=self.pairs.filter(mentorship__isnull=False).values("mentorship_id")
        )
