"""The dashboard's filters: a date range, a cohort (the month people enrolled), a department and
a role. The people filters choose whose pairs are counted; the range chooses which events are
(meetings held, ratings given, pulses answered, goals and action items set, pairs matched).

Bad input never fails the page: the form says what is wrong and the report shows the program
unfiltered on that point.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlencode

from django import forms

# The sides a 1:1 program's report can be narrowed to. Peer programs and coffee rounds match
# one pool of people to itself: there is no side to choose, so their form has no role field.
PAIR_ROLES = (("", "Everyone"), ("mentee", "Mentees"), ("mentor", "Mentors"))
MAX_DAYS = 3 * 366  # a range longer than three years is a typo, not a question


@dataclass(frozen=True)
class Filters:
    """What the manager asked for, already checked; empty strings mean "all"."""

    start: date
    end: date  # inclusive
    cohort: str = ""  # "2026-03": people who enrolled that month
    department: str = ""
    role: str = ""  # "mentee" or "mentor" (1:1 programs only)

    @property
    def since(self) -> datetime:
        """The first moment of the range (UTC)."""
        return datetime.combine(self.start, time.min, tzinfo=UTC)

    @property
    def until(self) -> datetime:
        """The first moment after the range (UTC), so `since <= t < until`."""
        return datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=UTC)

    @property
    def cohort_start(self) -> datetime | None:
        if not self.cohort:
            return None
        year, month = (int(part) for part in self.cohort.split("-"))
        return datetime(year, month, 1, tzinfo=UTC)

    @property
    def cohort_end(self) -> datetime | None:
        start = self.cohort_start
        if start is None:
            return None
        return datetime(start.year + start.month // 12, start.month % 12 + 1, 1, tzinfo=UTC)

    def query(self) -> str:
        """The filters as a query string (for CSV links and chart downloads)."""
        pairs = {"from": self.start.isoformat(), "to": self.end.isoformat()}
        pairs |= {k: v for k, v in (("cohort", self.cohort), ("department", self.department),
                                    ("role", self.role)) if v}  # fmt: skip
        return urlencode(pairs)


class FilterForm(forms.Form):
    """The filter bar; `cohorts`, `departments` and `roles` (choices, none for a pool) are the
    program's own."""

    start = forms.DateField(label="From", required=False, widget=forms.DateInput({"type": "date"}))
    end = forms.DateField(label="To", required=False, widget=forms.DateInput({"type": "date"}))
    cohort = forms.ChoiceField(label="Enrolled in", required=False)
    department = forms.ChoiceField(label="Department", required=False)
    role = forms.ChoiceField(label="Role", required=False)

    def __init__(
        self,
        data: dict[str, str],
        *,
        cohorts: list[str],
        departments: list[str],
        roles: Sequence[tuple[str, str]],
    ) -> None:
        renamed = {"start": data.get("from", ""), "end": data.get("to", "")} | {
            key: data.get(key, "") for key in ("cohort", "department", "role")
        }
        super().__init__(renamed)
        cohort, department = self.fields["cohort"], self.fields["department"]
        assert isinstance(cohort, forms.ChoiceField)
        assert isinstance(department, forms.ChoiceField)
        cohort.choices = [("", "Any month")] + [(c, _month_words(c)) for c in cohorts]
        department.choices = [("", "Every department")] + [(d, d) for d in departments]
        if roles:
            role = self.fields["role"]
            assert isinstance(role, forms.ChoiceField)
            role.choices = list(roles)
        else:  # a role asked for in the address is left out, not an error
            del self.fields["role"]

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if isinstance(start, date) and isinstance(end, date):
            if end < start:
                self.add_error("end", "The end of the range comes before its start.")
            elif (end - start).days > MAX_DAYS:
                self.add_error("end", "Choose a range of three years or less.")
        return cleaned

    def filters(self, *, default_start: date, today: date) -> Filters:
        """The valid part of what was asked; a field with an error falls back to "all"."""
        self.is_valid()
        good = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        start = good.get("start") or default_start
        end = good.get("end") or today
        if "end" in self.errors or end < start:
            start, end = default_start, today
        return Filters(
            start=start, end=end, cohort=good.get("cohort") or "",
            department=good.get("department") or "", role=good.get("role") or "",
        )  # fmt: skip


def _month_words(cohort: str) -> str:
    """ "2026-03" → "March 2026"."""
    year, month = (int(part) for part in cohort.split("-"))
    return date(year, month, 1).strftime("%B %Y")
