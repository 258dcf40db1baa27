"""The shared display helpers: initials avatars and lines of optional facts."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template

from tandem.core.templatetags.display import AVATAR_COLOURS, initials


def render(source: str, **context: object) -> str:
    return Template("{% load display %}" + source).render(Context(context))


class TestInitials:
    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            ("Sofía Márquez", "SM"),
            ("priya", "P"),
            ("Mary Ann van der Berg", "MB"),
            ("  Ada   Lovelace ", "AL"),
            ("(Sam) O'Neil", "SO"),
            ("", "?"),
        ],
    )
    def test_are_the_first_letters_of_the_first_and_last_words(self, name, expected):
        assert initials(name) == expected


class TestAvatar:
    def test_is_hidden_from_screen_readers_because_the_name_is_beside_it(self):
        html = render("{% avatar person %}", person=SimpleNamespace(pk=3, display_name="Ada Lo"))
        assert 'aria-hidden="true"' in html
        assert ">AL<" in html

    def test_the_colour_comes_from_the_user_id_so_a_person_looks_the_same_everywhere(self):
        ada = SimpleNamespace(pk=11, display_name="Ada Lo")
        first, again = render("{% avatar p %}", p=ada), render("{% avatar p 'lg' %}", p=ada)
        colour = f"avatar-c{11 % AVATAR_COLOURS}"
        assert colour in first
        assert colour in again
        assert "avatar-lg" in again

    def test_names_are_escaped(self):
        html = render("{% avatar p %}", p=SimpleNamespace(pk=1, display_name="<b>x</b> y"))
        assert "<b>" not in html


class TestJoined:
    def test_leaves_out_missing_parts_so_no_dot_stands_alone(self):
        assert render("{% joined a b c %}", a="", b="Acme", c="2 · Junior") == "Acme · 2 · Junior"
        assert render("{% joined a b %}", a=None, b="  ") == ""

    def test_joins_the_parts_that_are_there(self):
        assert render("{% joined a b %}", a="Analyst", b="Acme") == "Analyst · Acme"

    def test_escapes_each_part(self):
        assert render("{% joined a %}", a="<script>") == "&lt;script&gt;"
