"""The pulse page: one question, 0 to 10, for the person it was asked of (anyone else: 404).

A GET shows the question, or the thank-you once answered; a POST answers it once (a second
answer is a 409 from the DomainErrorMiddleware; a missing or bad score goes back on the form,
400, nothing stored).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from tandem.core.errors import DomainError
from tandem.core.forms import PageForm, add_refusal
from tandem.core.http import AuthedHttpRequest
from tandem.core.ratelimit import rate_limited
from tandem.reports.selectors.pulses import pulse_page_for
from tandem.reports.services.pulses import SCORE_WORDS, pulse_answer

WRITES = ("pulse-answer", "30/m")
ENDS = {0: "0 – not at all likely", 10: "10 – extremely likely"}
SCORES = [(n, ENDS.get(n, str(n))) for n in range(11)]


class PulseForm(PageForm):
    """The one question as a radio group (its fieldset's legend is the question)."""

    id_prefix = "pulse"
    score = forms.TypedChoiceField(
        coerce=int, choices=SCORES, widget=forms.RadioSelect,
        error_messages={"required": SCORE_WORDS, "invalid_choice": SCORE_WORDS},
    )  # fmt: skip

    def __init__(self, *args: Any, question: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["score"].label = question


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*WRITES)
def pulse(request: AuthedHttpRequest, pulse_id: int) -> HttpResponse:
    """Ask the pulse's question of the person it was sent to and take their answer once."""
    page = pulse_page_for(pulse_id=pulse_id, user=request.user)
    posted = request.method == "POST"
    # Bound on every POST, even an empty one, so "no answer" gets its message.
    form = PulseForm(request.POST if posted else None, question=page.question)
    if posted and form.is_valid():
        try:
            pulse_answer(
                pulse_id=pulse_id, user=request.user, score=form.cleaned_data["score"],
                now=timezone.now(),
            )  # fmt: skip
        except DomainError as error:
            if error.field is None:
                raise
            add_refusal(form, error)
        else:
            messages.success(request, "Your answer is saved.")
            return redirect(page.pulse)
    status = 400 if form.errors else 200
    return render(request, "reports/pulse.html", {**vars(page), "form": form}, status=status)
