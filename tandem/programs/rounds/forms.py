"""The round pages' forms (shape only): run a round, add a pair by hand, name a pair."""

from __future__ import annotations

from django import forms

from tandem.core.forms import PageForm
from tandem.core.ids import MAX_ID
from tandem.programs.rounds.selectors import MODE_WORDS


class RoundStartForm(PageForm):
    id_prefix = "run"

    mode = forms.ChoiceField(
        label="How to match",
        choices=[(mode, name) for mode, (name, _) in MODE_WORDS.items()],
        initial="optimal",
        help_text=" ".join(f"{name}: {words}." for name, words in MODE_WORDS.values()),
    )


class PairAddForm(PageForm):
    id_prefix = "add"

    first = forms.EmailField(label="Mentee's email")
    second = forms.EmailField(label="Mentor's email")

    def __init__(self, *args: object, pool: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if pool:
            self.fields["first"].label = "First person's email"
            self.fields["second"].label = "Second person's email"


class PairForm(forms.Form):
    pair = forms.IntegerField(min_value=1, max_value=MAX_ID)
