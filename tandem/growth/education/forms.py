"""The scenario form: shape and the same range checks as the service (returns.problems), so a
bad figure gets its message beside the field and nothing is saved."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms

from tandem.core.forms import PageForm
from tandem.growth.education.models import NAME_MAX
from tandem.growth.education.returns import Inputs, problems

WHOLE_NUMBER = {"invalid": "Enter a whole number, e.g. 8000."}
# "8,000" and "12 000" are how people write amounts; "8,5" is not a thousands grouping.
GROUPED = re.compile(r"-?\d{1,3}([, ]\d{3})+")


class AmountField(forms.IntegerField):
    """A whole amount in the person's currency; thousands separators are allowed."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", WHOLE_NUMBER)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str) and GROUPED.fullmatch(value.strip()):
            value = value.strip().replace(",", "").replace(" ", "")
        return super().to_python(value)


class ScenarioForm(PageForm):
    id_prefix = "scenario"

    name = forms.CharField(
        label="Name", max_length=NAME_MAX,
        help_text="E.g. “Part-time MBA”, “Cloud certificate” or “Learning on the job”.",
    )  # fmt: skip
    tuition = AmountField(
        label="Tuition and course costs", initial=0,
        help_text="The whole course: fees, books, exams. In your currency.",
    )  # fmt: skip
    months_away = forms.IntegerField(
        label="Months away from work", initial=0, error_messages=WHOLE_NUMBER,
        help_text="0 if you'd study alongside your job.",
    )  # fmt: skip
    pay_given_up_per_month = AmountField(
        label="Pay given up for each month away", initial=0,
        help_text="What you'd stop earning each of those months.",
    )  # fmt: skip
    salary_change = AmountField(
        label="Raise a year afterwards",
        help_text="What it could add to your pay each year. Negative if the path pays less.",
    )  # fmt: skip
    chance = forms.IntegerField(
        label="Chance of that raise (%)", initial=50, error_messages=WHOLE_NUMBER,
        help_text="From 0 to 100. Look at people who took this path: how many got the raise?",
    )  # fmt: skip
    years = forms.IntegerField(
        label="Years the raise lasts", initial=10, error_messages=WHOLE_NUMBER,
        help_text="Counted from the year after you pay. At least 1.",
    )  # fmt: skip
    discount_rate = forms.DecimalField(
        label="Discount rate (% a year)", initial=Decimal(3), decimal_places=2,
        error_messages={"invalid": "Enter a number, e.g. 3.5."},
        help_text="How much less money later is worth to you than money now; 3 to 5 is common.",
    )  # fmt: skip
    value_to_you = AmountField(
        label="What it is worth to you a year, apart from money (optional)", required=False,
        help_text="Pride, interest, options: a yearly figure, or leave it empty. It is shown "
        "on its own, never mixed into the money.",
    )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        inputs = self._inputs(data)
        if inputs is not None:
            for field, message in problems(inputs):
                self.add_error(field, message)
        return data

    @staticmethod
    def _inputs(data: dict[str, Any]) -> Inputs | None:
        needed = ("tuition", "months_away", "pay_given_up_per_month", "salary_change", "chance")
        if any(data.get(name) is None for name in (*needed, "years", "discount_rate")):
            return None  # a field already has its own message
        return Inputs(
            tuition=Decimal(data["tuition"]),
            months_away=data["months_away"],
            pay_given_up_per_month=Decimal(data["pay_given_up_per_month"]),
            salary_change=Decimal(data["salary_change"]),
            chance=Decimal(data["chance"]),
            years=data["years"],
            discount_rate=data["discount_rate"],
            value_to_you=Decimal(data.get("value_to_you") or 0),
        )

    @property
    def inputs(self) -> Inputs:
        """The cleaned inputs (only after is_valid())."""
        inputs = self._inputs(self.cleaned_data)
        if inputs is None:
            raise ValueError("The form has no inputs until it is valid.")
        return inputs

    @classmethod
    def for_scenario(cls, scenario: Any) -> ScenarioForm:
        fields = (
            "name", "tuition", "months_away", "pay_given_up_per_month", "salary_change",
            "chance", "years", "discount_rate", "value_to_you",
        )  # fmt: skip
        return cls(initial={name: getattr(scenario, name) for name in fields})
