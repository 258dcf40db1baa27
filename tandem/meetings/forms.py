"""Forms for meetings: times offered, agenda, notes, action items and the thank-you (feedback
uses the mentorship's form). Shape only; the rules are the services'.

Times are typed in the viewer's own timezone, which the timezone middleware has made the
current one, so the fields return them aware and the services store them in UTC.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone

from tandem.core.forms import BlankOnce, PageForm
from tandem.core.moments import ProposedTimeField
from tandem.meetings.models import PLACE_MAX, TEXT_SHORT, VIDEO_URL_MAX, ActionItem
from tandem.meetings.rules import MAX_SLOTS
from tandem.mentorships.forms import FeedbackForm


def _place_fields() -> tuple[forms.CharField, forms.CharField]:
    location = forms.CharField(
        label="Place (optional)", max_length=PLACE_MAX, required=False,
        help_text="E.g. the café on Rua Augusta, or a phone call.",
    )  # fmt: skip
    # A plain text field: the service checks the https link and says how to fix it.
    video_url = forms.CharField(
        label="Video link (optional)", max_length=VIDEO_URL_MAX, required=False,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        help_text="An https:// link to the call; it goes into the calendar invite.",
    )  # fmt: skip
    return location, video_url


class MeetingForm(PageForm):
    """A form on the meeting pages: its blank fields are rendered once (BlankOnce)."""

    bound_field_class = BlankOnce


class SlotsForm(MeetingForm):
    """One to three times, typed in the viewer's own timezone and stored in UTC, and where."""

    id_prefix = "slots"
    # After now and within the horizon; a far-future time is a field message, not a 500.
    slot_1 = ProposedTimeField(label="Time 1")
    slot_2 = ProposedTimeField(label="Time 2 (optional)", required=False)
    slot_3 = ProposedTimeField(label="Time 3 (optional)", required=False)
    minutes = forms.TypedChoiceField(
        label="Time box", coerce=int, initial=30,
        choices=[(m, f"{m} minutes") for m in (15, 20, 30, 45, 60, 90)],
        help_text="Honour it: end on time, even mid-thought.",
    )  # fmt: skip
    note = forms.CharField(
        label="A note (optional)", max_length=500, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    location, video_url = _place_fields()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[
            "slot_1"
        ].help_text = f"In your timezone, {timezone.get_current_timezone_name()}."

    def clean(self) -> dict[str, Any]:
        """The filled-in times, together, as `slots`."""
        data = super().clean() or {}
        values = [data.get(f"slot_{i}") for i in range(1, MAX_SLOTS + 1)]
        data["slots"] = [v for v in values if v is not None]
        return data


class AgendaForm(MeetingForm):
    id_prefix = "agenda"
    text = forms.CharField(label="A question for the agenda", max_length=TEXT_SHORT)


class NoteForm(MeetingForm):
    id_prefix = "note"
    text = forms.CharField(label="Note", max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    is_private = forms.BooleanField(
        label="Private: only I will ever see this", required=False,
    )  # fmt: skip


class ActionItemForm(MeetingForm):
    id_prefix = "action"
    text = forms.CharField(label="What will be tried", max_length=TEXT_SHORT)
    owner = forms.ChoiceField(
        label="Who", choices=[("mentee", "The mentee"), ("mentor", "The mentor")],
        initial="mentee",
    )  # fmt: skip
    due_on = forms.DateField(
        label="By when (optional)", required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )  # fmt: skip


class ActionUpdateForm(MeetingForm):
    id_prefix = "update"
    status = forms.ChoiceField(label="What happened", choices=ActionItem.Status.choices)
    outcome = forms.CharField(
        label="How it went (optional)", max_length=1000, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Even “it didn't work” helps: your mentor learns what to suggest next.",
    )  # fmt: skip


class ThankYouForm(MeetingForm):
    id_prefix = "thanks"
    text = forms.CharField(
        label="Your thank-you note", max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Say what was useful: it tells your mentor what to keep doing.",
    )  # fmt: skip


class PlaceForm(MeetingForm):
    """Where a meeting happens: a place, a video link, or both (either may be cleared)."""

    id_prefix = "place"
    location, video_url = _place_fields()


class MeetingFeedbackForm(FeedbackForm):
    """How a meeting went: the mentorship's feedback form, its blank fields rendered once."""

    bound_field_class = BlankOnce


class IntroTimeForm(forms.Form):
    """The suggested time a mentor picks on an ask, posted back as it was shown (ISO, UTC)."""

    time = forms.CharField(max_length=40)

    def clean_time(self) -> datetime:
        try:
            value = datetime.fromisoformat(self.cleaned_data["time"])
        except ValueError:
            raise forms.ValidationError("Pick one of the suggested times.") from None
        if value.tzinfo is None:
            raise forms.ValidationError("Pick one of the suggested times.")
        return value
