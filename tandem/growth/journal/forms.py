"""Forms for the journal: an entry, and the question taken to a meeting. Shape only; the rules
(dates, lengths, caps, whose mentorship) are the services'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format

from tandem.core.forms import PageForm
from tandem.growth.journal.models import TEXT_MAX, EntryKind
from tandem.growth.sharing import ShareTarget
from tandem.meetings.models import TEXT_SHORT


class EntryForm(PageForm):
    """What changed and when; with `prompt`, also the fresh-eyes answer under that prompt."""

    id_prefix = "entry"
    happened_on = forms.DateField(
        label="When did it happen?",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),  # what the input reads
        error_messages={"required": "Pick the day it happened.",
                        "invalid": "Pick a day, like 2026-03-31."},
    )  # fmt: skip
    kind = forms.ChoiceField(
        label="What changed?", choices=EntryKind.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose what changed.",
                        "invalid_choice": "Choose one of the changes listed."},
    )  # fmt: skip
    text = forms.CharField(
        label="What happened", max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": TEXT_MAX}),
        help_text="A few lines for yourself: nobody else can read this.",
        error_messages={"required": "Write a line or two about what happened."},
    )  # fmt: skip
    fresh_eyes = forms.CharField(
        label="With fresh eyes", max_length=TEXT_MAX, required=False,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": TEXT_MAX}),
        help_text="Optional, and only for you. Come back to it whenever you like.",
    )  # fmt: skip

    def __init__(self, *args: Any, prompt: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if prompt is None:
            del self.fields["fresh_eyes"]  # a new entry: the prompt comes once it is saved
        else:
            self.fields["fresh_eyes"].label = prompt


def _target_label(target: ShareTarget) -> str:
    meeting = target.meeting
    assert meeting is not None  # only targets with a meeting ahead are offered
    if meeting.starts_at is None:
        return f"The next meeting with {target.other_name} (time still being agreed)"
    when = date_format(timezone.localtime(meeting.starts_at), "l j F, H:i")
    return f"The meeting with {target.other_name} on {when}"


class ShareForm(PageForm):
    """Which meeting, and the question (the person writes it; the entry itself never goes)."""

    id_prefix = "share"
    mentorship = forms.TypedChoiceField(
        label="Which meeting?", coerce=int, widget=forms.RadioSelect,
        error_messages={"required": "Choose the meeting to add it to.",
                        "invalid_choice": "Choose one of your meetings listed here."},
    )  # fmt: skip
    text = forms.CharField(
        label="Your question for the agenda", max_length=TEXT_SHORT,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": TEXT_SHORT}),
        help_text=(f"Up to {TEXT_SHORT} characters. Only this question is shared: both of you "
                   "see it on the agenda. Your journal entry stays private."),
        error_messages={"required": "Write the question you'd like to talk about."},
    )  # fmt: skip

    def __init__(self, *args: Any, targets: list[ShareTarget], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(t.mentorship.pk, _target_label(t)) for t in targets if t.meeting is not None]
        field = self.fields["mentorship"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = choices
        if len(choices) == 1:
            field.initial = choices[0][0]
