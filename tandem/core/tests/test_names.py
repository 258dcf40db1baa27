"""Names cleaned of invisible and direction-changing characters, on the one text path."""

import pytest
from django import forms
from django.template.loader import render_to_string

from tandem.core.names import NOTHING_TO_READ, NameField, clean_name

ZWSP, ZWJ, RLO, PDF, LRI, PDI, BOM = (
    "\u200b",
    "\u200d",
    "\u202e",
    "\u202c",
    "\u2066",
    "\u2069",
    "\ufeff",
)


class TestCleanName:
    @pytest.mark.parametrize(
        ("typed", "kept"),
        [
            (f"Harbour{ZWSP}vine Bank", "Harbourvine Bank"),
            (f"Maya{ZWJ}", "Maya"),
            (f"{RLO}knaB{PDF} Mallory", "knaB Mallory"),
            (f"{LRI}Ana{PDI} {BOM}Silva", "Ana Silva"),
            ("Zo\u0065\u0308", "Zo\u00eb"),  # "e" + a combining diaeresis: one "ë" (NFC)
            ("  Jean \t\n Luc  ", "Jean Luc"),
            ("Ann\x00a", "Anna"),  # clean_text's part: no NUL or other controls
            ("\u00a0Rosa\u2003Parks\u3000", "Rosa Parks"),  # odd spaces collapse too
            ("Ольга Æðelflǽd 李小龍", "Ольга Æðelflǽd 李小龍"),  # every script stays
        ],
    )
    def test_invisible_and_direction_characters_go_and_letters_stay(self, typed, kept):
        assert clean_name(typed) == kept


class _Form(forms.Form):
    first_name = NameField(limit=10)
    last_name = NameField(limit=10, required=False)


class TestNameField:
    def test_a_name_of_only_invisible_characters_is_a_field_error(self):
        form = _Form(data={"first_name": ZWSP * 3 + RLO, "last_name": f"{ZWJ} {BOM}"})
        assert not form.is_valid()
        assert form.errors["first_name"] == [NOTHING_TO_READ]
        assert form.errors["last_name"] == [NOTHING_TO_READ]

    def test_punctuation_alone_is_not_a_name(self):
        form = _Form(data={"first_name": "...", "last_name": ""})
        assert form.errors["first_name"] == [NOTHING_TO_READ]

    def test_the_limit_counts_the_clean_name(self):
        padded = _Form(data={"first_name": f"Bartholome{ZWSP * 30}"})
        assert padded.is_valid(), padded.errors
        assert padded.cleaned_data["first_name"] == "Bartholome"
        long = _Form(data={"first_name": "Bartholomew"})
        assert long.errors["first_name"] == ["Keep the name to 10 characters or fewer."]

    def test_an_optional_name_left_empty_stays_empty(self):
        form = _Form(data={"first_name": "Maya", "last_name": "   "})
        assert form.is_valid()
        assert form.cleaned_data["last_name"] == ""


EMAILS_WITH_OTHERS_NAMES = [
    f"{name}.{ext}"
    for name in (
        "notifications/email/notification",
        "notifications/email/digest",
        "meetings/email/invite",
        "programs/email/invitation",
        "programs/imports/email/invitation",
    )
    for ext in ("txt", "html")
]


@pytest.mark.parametrize("template", EMAILS_WITH_OTHERS_NAMES)
def test_emails_showing_other_peoples_names_say_they_are_as_typed(template):
    text = render_to_string(template, {"name": "Maya", "other_name": "Eve"})
    assert "Names here are as people typed them into Tandem" in text.replace("&#x27;", "'")
