"""The meeting pages' blank forms: made and rendered once, and the same HTML as a fresh form
(labels, ids, help and its aria-describedby); a posted form still shows its own values and
errors."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tandem.core.forms import blank_form
from tandem.meetings.forms import (
    ActionItemForm,
    AgendaForm,
    MeetingFeedbackForm,
    NoteForm,
    PlaceForm,
    SlotsForm,
    ThankYouForm,
)

FORMS = [SlotsForm, PlaceForm, AgendaForm, NoteForm, ActionItemForm, ThankYouForm]


class TestBlankForms:
    @pytest.mark.parametrize("form_class", [*FORMS, MeetingFeedbackForm])
    def test_each_field_renders_as_a_fresh_form_renders_it(self, form_class):
        shared = blank_form(form_class)
        for _ in range(2):  # the second time, from what the first rendered
            for name in form_class.base_fields:
                assert shared[name].as_field_group() == form_class()[name].as_field_group()

    def test_a_blank_form_is_made_once_for_each_timezone_and_start_value(self):
        assert blank_form(PlaceForm) is blank_form(PlaceForm)
        assert blank_form(SlotsForm, minutes=45) is not blank_form(SlotsForm, minutes=60)
        assert (
            'value="45" selected' in blank_form(SlotsForm, minutes=45)["minutes"].as_field_group()
        )
        with timezone.override("Asia/Tokyo"):
            tokyo = blank_form(SlotsForm)["slot_1"].as_field_group()
        with timezone.override("America/Lima"):
            lima = blank_form(SlotsForm)["slot_1"].as_field_group()
        assert "In your timezone, Asia/Tokyo." in tokyo
        assert "In your timezone, America/Lima." in lima

    def test_a_posted_form_shows_its_own_values_and_errors(self):
        blank_form(AgendaForm)["text"].as_field_group()
        posted = AgendaForm({"text": ""})
        assert not posted.is_valid()
        html = posted["text"].as_field_group()
        assert 'aria-invalid="true"' in html
        assert html != blank_form(AgendaForm)["text"].as_field_group()
        place = PlaceForm({"location": "The café", "video_url": ""})
        assert 'value="The café"' in place["location"].as_field_group()
