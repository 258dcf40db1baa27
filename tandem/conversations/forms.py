"""Forms for writing a message and reporting one: shape only; the rules are the services'."""

from __future__ import annotations

from django import forms

from tandem.conversations.models import MESSAGE_MAX_LENGTH, REPORT_NOTE_MAX_LENGTH, Report
from tandem.core.forms import PageForm


class MessageForm(PageForm):
    """A message, shown under the thread on the ask and mentorship pages."""

    id_prefix = "message"
    text = forms.CharField(
        label="Your message", max_length=MESSAGE_MAX_LENGTH, strip=True,
        widget=forms.Textarea(attrs={
            "rows": 3, "maxlength": MESSAGE_MAX_LENGTH, "data-count": "message-count",
        }),
        error_messages={
            "required": "Write a message first.",
            "max_length": (
                "Keep a message to %(limit_value)d characters; this one has %(show_value)d. "
                "Nothing was cut: shorten it, or send the rest in a second message."
            ),
        },
    )  # fmt: skip


class ReportForm(PageForm):
    id_prefix = "report"
    reason = forms.ChoiceField(
        label="What's wrong with it?", choices=Report.Reason.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose what's wrong with the message."},
    )  # fmt: skip
    note = forms.CharField(
        label="Anything staff should know (optional)", max_length=REPORT_NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": REPORT_NOTE_MAX_LENGTH}),
    )  # fmt: skip
