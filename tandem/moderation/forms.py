"""The report form every "Report" page shows: shape only; the rules are `reports.py`'s."""

from __future__ import annotations

from django import forms

from tandem.core.forms import PageForm
from tandem.moderation.models import Report
from tandem.moderation.reports import DETAILS_MAX_LENGTH


class ReportForm(PageForm):
    id_prefix = "report"
    reason = forms.ChoiceField(
        label="What's wrong?", choices=Report.Reason.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose what's wrong, so our team knows what to look for."},
    )  # fmt: skip
    details = forms.CharField(
        label="Anything our team should know (optional)", max_length=DETAILS_MAX_LENGTH,
        required=False, strip=True,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": DETAILS_MAX_LENGTH}),
    )  # fmt: skip
