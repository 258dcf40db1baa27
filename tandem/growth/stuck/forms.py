"""Forms for "Am I stuck?": the questionnaire (one choice per statement) and the two things a
person can do with a suggestion. Shape only; the scoring is the questionnaire's and the rules
are the services'."""

from __future__ import annotations

from typing import Any

from django import forms

from tandem.core.ids import id_from
from tandem.growth.stuck.questionnaire import SCALE, STATEMENTS, SUGGESTION_BY_KEY

UNANSWERED = "Pick the answer that fits you best."


class CheckForm(forms.Form):
    """Every statement with the same three answers; all of them are needed for a result."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "stuck_%s")
        super().__init__(*args, **kwargs)
        for number, statement in enumerate(STATEMENTS, start=1):
            self.fields[statement.key] = forms.TypedChoiceField(
                label=f"{number}. {statement.text}", choices=SCALE, coerce=int,
                widget=forms.RadioSelect(attrs={"class": "scale"}),
                error_messages={"required": UNANSWERED, "invalid_choice": UNANSWERED},
            )  # fmt: skip


class SuggestionForm(forms.Form):
    """Which suggestion to act on (a key the questionnaire knows)."""

    suggestion = forms.CharField(max_length=40)

    def clean_suggestion(self) -> str:
        key: str = self.cleaned_data["suggestion"]
        if key not in SUGGESTION_BY_KEY:
            raise forms.ValidationError("Pick one of the suggestions shown.")
        return key


class AskForm(SuggestionForm):
    """A suggestion's question, and the mentorship whose next meeting it goes to."""

    mentorship = forms.CharField(label="Ask in your mentorship with", max_length=20)

    def clean_mentorship(self) -> int:
        mentorship_id = id_from(self.cleaned_data["mentorship"])
        if mentorship_id is None:
            raise forms.ValidationError("Pick one of your mentorships.")
        return mentorship_id
