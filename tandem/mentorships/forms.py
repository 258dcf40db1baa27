"""Forms for the ask, the decline, the agreement and the plain mentorship moves.

They check shape and give field messages; the rules themselves live in the services, whose
errors the views put back on the form. Times are typed in the viewer's own timezone, which the
timezone middleware has made the current one, and come out aware.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django import forms
from django.utils import timezone

from tandem.core.forms import BlankOnce, PageForm
from tandem.core.ids import ids_from
from tandem.core.moments import ProposedTimeField
from tandem.mentorships.models import INTRO_MINUTES, NOTE_MAX_LENGTH, Agreement
from tandem.mentorships.rules import FEEDBACK_TEXT_MAX, MAX_FOCUS_AREAS, MAX_PROPOSED_TIMES
from tandem.profiles.choices import FocusArea, Proficiency
from tandem.skills.models import Skill

NOTE_PLACEHOLDER = (
    "Hi! I'm a … working on … I'd love 20 minutes of your advice on … because you've …"
)


class AskForm(forms.Form):
    # A blank one (`blank_form`) renders each field once per process: the form was a quarter
    # of the ask page's CPU.
    bound_field_class = BlankOnce

    focus_areas = forms.MultipleChoiceField(
        label="What would you like to talk about?", choices=FocusArea.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=f"Pick one to {MAX_FOCUS_AREAS}: a focused ask is easier to say yes to.",
        error_messages={"required": "Pick at least one thing to talk about."},
    )  # fmt: skip
    note = forms.CharField(
        label="Your note", max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={
            "rows": 5, "maxlength": NOTE_MAX_LENGTH, "placeholder": NOTE_PLACEHOLDER,
            "data-count": "note-count",
        }),
        help_text=(
            "Three short parts work best: who you are, what you want to learn, and why this "
            f"mentor. At most {NOTE_MAX_LENGTH} characters."
        ),
        error_messages={
            "required": "Write a short note so the mentor knows who's asking and why.",
            "max_length": f"Keep the note to {NOTE_MAX_LENGTH} characters or fewer.",
        },
    )  # fmt: skip
    intro_minutes = forms.TypedChoiceField(
        label="How long an intro?", coerce=int, initial=20,
        choices=[(m, f"{m} minutes") for m in INTRO_MINUTES], widget=forms.RadioSelect,
        help_text="Short is kind: most first conversations fit in 20 minutes.",
    )  # fmt: skip
    # After now and within the horizon; a far-future time is a field message, not a 500.
    time_1 = ProposedTimeField(label="Suggested time 1", required=False)
    time_2 = ProposedTimeField(label="Suggested time 2", required=False)
    time_3 = ProposedTimeField(label="Suggested time 3", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        zone = timezone.get_current_timezone_name()
        for i in range(1, MAX_PROPOSED_TIMES + 1):
            self.fields[f"time_{i}"].help_text = f"Optional, in your timezone ({zone})."

    def proposed_times(self, *, now: datetime) -> list[str]:
        """The filled-in times as UTC ISO strings; past times are an error on their field."""
        times = []
        for i in range(1, MAX_PROPOSED_TIMES + 1):
            value: datetime | None = self.cleaned_data.get(f"time_{i}")
            if value is None:
                continue
            if value <= now:
                self.add_error(f"time_{i}", "Suggest a time in the future.")
            times.append(value.astimezone(UTC).isoformat())
        return times


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="A private note (optional)", max_length=500, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Only you see this. The mentee hears a kind no, not your reason.",
    )  # fmt: skip
    refer_to = forms.TypedChoiceField(
        label="Suggest another mentor (optional)", coerce=int, required=False, empty_value=None,
        help_text="They'll see your suggestion with the answer.",
    )  # fmt: skip

    def __init__(self, *args: Any, referral_choices: list[tuple[int, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["refer_to"].choices = [("", "No suggestion"), *referral_choices]  # type: ignore[attr-defined]


class AgreementForm(forms.Form):
    goal_1 = forms.CharField(label="Goal 1", max_length=200)
    goal_2 = forms.CharField(label="Goal 2", max_length=200)
    goal_3 = forms.CharField(label="Goal 3 (optional)", max_length=200, required=False)
    cadence = forms.ChoiceField(
        label="How often you'll meet", choices=Agreement.Cadence.choices,
        initial=Agreement.Cadence.MONTHLY,
    )  # fmt: skip
    meeting_minutes = forms.TypedChoiceField(
        label="Meeting length", coerce=int, initial=45,
        choices=[(30, "30 minutes"), (45, "45 minutes"), (60, "60 minutes")],
    )  # fmt: skip
    term_months = forms.IntegerField(
        label="Term in months", min_value=1, max_value=24, initial=12,
        help_text="When you'll look back together and decide: renew, complete or part kindly.",
    )  # fmt: skip
    channel = forms.CharField(
        label="Where you'll meet", max_length=100, required=False,
        help_text="E.g. video call, phone, coffee near the office.",
    )  # fmt: skip
    boundaries = forms.CharField(
        label="Anything to keep in mind (optional)", max_length=1000, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="E.g. no messages at weekends; reschedule with a day's notice.",
    )  # fmt: skip

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "goals": [data[f"goal_{i}"] for i in (1, 2, 3) if data.get(f"goal_{i}")],
            "cadence": data["cadence"],
            "meeting_minutes": data["meeting_minutes"],
            "term_months": data["term_months"],
            "channel": data["channel"],
            "boundaries": data["boundaries"],
        }


class MoveForm(forms.Form):
    to_state = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label="A note for the other side (optional)", max_length=500, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    # The page asks, beside "Mark complete", which goals were reached (checkboxes `achieved`).
    goals_asked = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def achieved_goals(self) -> list[int] | None:
        """The goal ids ticked as reached; None when the form didn't ask about goals."""
        if not self.cleaned_data.get("goals_asked"):
            return None
        ticked: list[str] = self.data.getlist("achieved") if hasattr(self.data, "getlist") else []
        return sorted(ids_from(ticked))  # a number too big to be an id is left out


def _feedback_text(label: str) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=FEEDBACK_TEXT_MAX, required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": FEEDBACK_TEXT_MAX}),
    )  # fmt: skip


class FeedbackForm(PageForm):
    """How it went, on one meeting or on the whole mentorship (the term review, the ending)."""

    id_prefix = "feedback"
    rating = forms.TypedChoiceField(
        label="How useful was it?", coerce=int, widget=forms.RadioSelect,
        choices=[(5, "5: very useful"), (4, "4"), (3, "3"), (2, "2"), (1, "1: not useful")],
        error_messages={"required": "Choose a rating from 1 to 5."},
    )  # fmt: skip
    helped = _feedback_text("Where did it help?")
    appreciated = _feedback_text("What did you appreciate?")
    better = _feedback_text("What could have been better?")


class BecomeMentorForm(forms.Form):
    """What a graduating mentee could teach: picked by them, nothing ticked for them."""

    skills = forms.TypedMultipleChoiceField(
        label="Which of these could you help someone with?", coerce=int, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The skills you worked on as a mentee. Pick only what you could teach.",
    )  # fmt: skip
    other_skill = forms.CharField(
        label="Another skill you could teach (optional)", max_length=120, required=False,
        help_text="E.g. SQL, public speaking, negotiating an offer.",
    )  # fmt: skip
    proficiency = forms.TypedChoiceField(
        label="How well do you know them?", coerce=int, choices=Proficiency.choices,
        initial=Proficiency.WORKING,
    )  # fmt: skip
    capacity = forms.TypedChoiceField(
        label="How many mentees at once, to start with", coerce=int, initial=1,
        choices=[(1, "1"), (2, "2"), (3, "3")],
        help_text="Start small; you can raise it, or pause, whenever you like.",
    )  # fmt: skip

    def __init__(self, *args: Any, worked_on: list[Skill], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["skills"].choices = [(skill.pk, skill.name) for skill in worked_on]  # type: ignore[attr-defined]
