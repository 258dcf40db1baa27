"""Forms for programs: creating one and its settings, intake questions and the answers to
them, invitations, the manager role, and how a coffee chat went.

They check shape and give field messages; the rules live in the services (`rules.py`), whose
refusals the views put back on these forms.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms

from tandem.core.forms import PageForm
from tandem.core.names import PROGRAM_NAME_MAX, NameField
from tandem.matching.engine.score import DEFAULT_WEIGHTS, FACTORS
from tandem.mentorships.models import Agreement
from tandem.organizations.models import Organization
from tandem.programs.models import COFFEE_MINUTES, Participant, Program, Question
from tandem.programs.rules import (
    ANSWER_MAX_LENGTH,
    DEPARTMENT_MAX_LENGTH,
    FEEDBACK_NOTE_MAX,
    QUESTION_MAX_LENGTH,
    SCALE,
    field_name,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FACTOR_LABELS = {
    "skills": "Skills: the mentor knows what the mentee wants to learn",
    "goals": "Goals: the mentee's goals against the mentor's experience",
    "direction": "Direction: the mentor works where the mentee wants to go",
    "level_gap": "Level gap: a few levels apart",
    "timezone": "Timezone: working hours in common",
    "meeting": "Meeting: both can meet the way they prefer",
    "mentoring_type": "Kind of mentoring sought and offered",
    "availability": "Availability: the mentor's hours a month",
}
PULSE_DAYS_WORDS = "Choose from 7 to 365 days, or leave it empty."
SIDES = [
    (Participant.Role.MENTEE, "Mentee: I'd like a mentor"),
    (Participant.Role.MENTOR, "Mentor: I'd like to mentor someone"),
    (Participant.Role.BOTH, "Both"),
]


def _date(label: str) -> forms.DateField:
    return forms.DateField(label=label, required=False, widget=DATE)


class ProgramCreateForm(forms.Form):
    """The few things a new program needs; everything else waits on its settings page."""

    organization = forms.ModelChoiceField(
        label="Organization", queryset=Organization.objects.none(), empty_label=None,
        help_text="One you manage programs for.",
    )  # fmt: skip
    name = NameField(label="Name", limit=PROGRAM_NAME_MAX)
    kind = forms.ChoiceField(
        label="Type", choices=Program.Kind.choices, widget=forms.RadioSelect,
        initial=Program.Kind.MENTORING,
        help_text="Coffee rounds introduce each person to someone new every cycle; reverse "
        "mentoring has the more junior person mentor.",
    )  # fmt: skip
    enrollment = forms.ChoiceField(
        label="How people join", choices=Program.Enrollment.choices, widget=forms.RadioSelect,
        initial=Program.Enrollment.OPEN,
    )  # fmt: skip
    description = forms.CharField(
        label="What it's for (optional)", max_length=4000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
    starts_on = _date("Starts on (optional)")
    ends_on = _date("Ends on (optional)")

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]


class ProgramSettingsForm(PageForm):
    """Every setting of a program; weights are numbers per factor (blank: the default)."""

    id_prefix = "settings"
    name = NameField(label="Name", limit=PROGRAM_NAME_MAX)
    description = forms.CharField(
        label="What it's for", max_length=4000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
    starts_on = _date("Starts on")
    ends_on = _date("Ends on")
    enrollment = forms.ChoiceField(label="How people join", choices=Program.Enrollment.choices)
    publish_as = forms.ChoiceField(
        label="A published 1:1 match becomes", choices=Program.Publish.choices
    )
    cycle = forms.ChoiceField(label="Coffee rounds: how often", choices=Program.Cycle.choices)
    coffee_minutes = forms.TypedChoiceField(
        label="Coffee rounds: how long each conversation", coerce=int,
        choices=[(m, f"{m} minutes") for m in COFFEE_MINUTES],
    )  # fmt: skip
    rule_outside_department = forms.BooleanField(
        label="A mentor from outside the mentee's department", required=False
    )
    rule_outside_reporting_line = forms.BooleanField(
        label="Never someone in the mentee's reporting line", required=False
    )
    rule_shared_language = forms.BooleanField(label="A language in common", required=False)
    rule_max_timezone_gap = forms.IntegerField(
        label="Largest timezone gap, in hours (optional)", min_value=0, max_value=12,
        required=False,
    )  # fmt: skip
    rule_min_level_gap = forms.IntegerField(
        label="Smallest level gap between mentor and mentee (optional)", min_value=0,
        max_value=9, required=False,
    )  # fmt: skip
    mentor_capacity = forms.IntegerField(
        label="Mentees per mentor, unless an import says otherwise", min_value=1, max_value=20
    )
    agreement_cadence = forms.ChoiceField(
        label="Intros suggest meeting", choices=Agreement.Cadence.choices
    )
    agreement_minutes = forms.TypedChoiceField(
        label="Intros suggest meetings of", coerce=int,
        choices=[(30, "30 minutes"), (45, "45 minutes"), (60, "60 minutes")],
    )  # fmt: skip
    agreement_term_months = forms.IntegerField(
        label="Intros suggest a term of (months)", min_value=1, max_value=24
    )
    pulse_after_days = forms.IntegerField(
        label="Ask the pulse this many days after the intro (optional)", min_value=7,
        max_value=365, required=False,
        error_messages={"min_value": PULSE_DAYS_WORDS, "max_value": PULSE_DAYS_WORDS},
        help_text="The pulse asks both sides of each pair one question: how likely they are to "
        "recommend this program to a colleague, from 0 to 10. Their answers make the "
        "program's Net Promoter Score in its reports. From 7 to 365 days; leave it empty "
        "not to ask then.",
    )  # fmt: skip
    pulse_at_term_end = forms.BooleanField(
        label="Ask it again when a pair's agreed term ends", required=False,
        help_text="Or when they complete their mentorship, if that comes first.",
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for factor in FACTORS:
            self.fields[f"weight_{factor}"] = forms.FloatField(
                label=FACTOR_LABELS.get(factor, factor), min_value=0, max_value=100,
                required=False,
                widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
                help_text=f"Default {DEFAULT_WEIGHTS[factor]:g}.",
            )  # fmt: skip

    @classmethod
    def initial_for(cls, program: Program) -> dict[str, Any]:
        initial = {name: getattr(program, name) for name in cls.base_fields}
        weights = program.weights or DEFAULT_WEIGHTS
        for factor in FACTORS:
            value = float(weights.get(factor, 0))
            initial[f"weight_{factor}"] = int(value) if value.is_integer() else value
        return initial

    def weight_fields(self) -> list[forms.BoundField]:
        return [self[f"weight_{factor}"] for factor in FACTORS]

    def settings(self) -> dict[str, Any]:
        """The values for `program_update`: weights as {} when they are the defaults."""
        data = {name: self.cleaned_data[name] for name in self.base_fields}
        given = {f: self.cleaned_data.get(f"weight_{f}") for f in FACTORS}
        weights = {f: DEFAULT_WEIGHTS[f] if v is None else float(v) for f, v in given.items()}
        data["weights"] = {} if weights == dict(DEFAULT_WEIGHTS) else weights
        return data


class QuestionForm(PageForm):
    id_prefix = "question"
    text = forms.CharField(label="Question", max_length=QUESTION_MAX_LENGTH)
    kind = forms.ChoiceField(label="Answered with", choices=Question.Kind.choices)
    choices = forms.CharField(
        label="Choices (for single and multiple choice), one a line", required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip
    matching = forms.ChoiceField(
        label="Matching", choices=Question.Matching.choices,
        help_text="A choice question can bring together people who answered the same, or "
        "people who answered differently.",
    )  # fmt: skip
    required = forms.BooleanField(label="An answer is required", required=False)

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["choices"] = [line for line in data["choices"].splitlines() if line.strip()]
        return data


DEPARTMENT_HELP = {
    True: "This program pairs each mentee with a mentor from another department: say yours "
    "so it can.",
    False: "The program's managers see it, and how each department is matched.",
}


class IntakeForm(PageForm):
    """A side (in 1:1 programs, when joining), one's department (1:1 programs, optional: the
    rule "outside the mentee's department" and the round's department table read it) and an
    answer to each intake question (fields `q<id>`)."""

    id_prefix = "intake"

    def __init__(
        self, *args: Any, program: Program, questions: list[Question], side: bool = True,
        **kwargs: Any,
    ) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        if side and not program.is_pool:
            self.fields["role"] = forms.ChoiceField(
                label="Your side", choices=SIDES, widget=forms.RadioSelect,
                initial=Participant.Role.MENTEE,
            )  # fmt: skip
        if not program.is_pool:
            self.fields["department"] = forms.CharField(
                label="Your department (optional)", max_length=DEPARTMENT_MAX_LENGTH,
                required=False, help_text=DEPARTMENT_HELP[program.rule_outside_department],
            )  # fmt: skip
        for question in questions:
            self.fields[field_name(question)] = _answer_field(question)

    def service_kwargs(self) -> dict[str, Any]:
        """`role`, `answers` and `department` (None in pools: not asked, left as it is)."""
        data = dict(self.cleaned_data)
        role = data.pop("role", Participant.Role.PEER)
        department = data.pop("department", None)
        return {"role": role, "answers": data, "department": department}


def _answer_field(question: Question) -> forms.Field:
    common: dict[str, Any] = {"label": question.text, "required": question.required}
    choices = [(choice, choice) for choice in question.choices]
    if question.kind == Question.Kind.SINGLE:
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if question.kind == Question.Kind.MULTIPLE:
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if question.kind == Question.Kind.SCALE:
        return forms.TypedChoiceField(
            choices=[(n, str(n)) for n in SCALE], coerce=int, widget=forms.RadioSelect,
            empty_value=None, help_text="1 is the least, 5 the most.", **common,
        )  # fmt: skip
    return forms.CharField(
        max_length=ANSWER_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2}), **common
    )


class InviteForm(forms.Form):
    emails = forms.CharField(
        label="Email addresses", widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One a line, or separated by commas. Each gets a link to join, good for 14 "
        "days; people already taking part are left out.",
    )  # fmt: skip

    def addresses(self) -> list[str]:
        return [part for part in re.split(r"[\s,;]+", self.cleaned_data["emails"]) if part]


class ManagerForm(forms.Form):
    email = forms.EmailField(
        label="Email address of a member",
        help_text="They can then run every program of the organization, and give the role too.",
    )  # fmt: skip


class MatchFeedbackForm(PageForm):
    id_prefix = "feedback"
    met = forms.TypedChoiceField(
        label="Did you meet?", coerce=lambda v: v == "yes", widget=forms.RadioSelect,
        choices=[("yes", "Yes, we met"), ("no", "No, it didn't happen")],
        error_messages={"required": "Say whether you met."},
    )  # fmt: skip
    rating = forms.TypedChoiceField(
        label="How was it?", coerce=int, required=False, empty_value=None,
        widget=forms.RadioSelect,
        choices=[(5, "5: great"), (4, "4"), (3, "3"), (2, "2"), (1, "1: not for me")],
    )  # fmt: skip
    meet_again = forms.BooleanField(
        label="I'd like to meet them again", required=False,
        help_text="If you both say so, a later round may introduce you again.",
    )  # fmt: skip
    note = forms.CharField(
        label="A short note for the program (optional)", max_length=FEEDBACK_NOTE_MAX,
        required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="It goes to the program, not to them.",
    )  # fmt: skip
