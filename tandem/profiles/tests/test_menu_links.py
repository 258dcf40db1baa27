"""The menu's links are reversed once per process and script prefix, and point where
`{% url %}` would."""

import pytest
from django.urls import clear_script_prefix, reverse, set_script_prefix

from tandem.accounts.tests.factories import UserFactory
from tandem.profiles.context_processors import MENU, _menu_links, navigation


def test_each_link_is_the_reversed_url_name(rf):
    links = navigation(rf.get("/"))["links"]
    assert links == {key: reverse(name) for key, name in MENU.items()}
    assert navigation(rf.get("/"))["links"] is links  # the same dict: reversed once


def test_a_site_under_a_prefix_gets_its_own_links(rf):
    set_script_prefix("/tandem/")
    try:
        links = navigation(rf.get("/"))["links"]
    finally:
        clear_script_prefix()
    assert links["directory"] == "/tandem" + reverse("profiles:directory")
    assert _menu_links("/")["directory"] == reverse("profiles:directory")


@pytest.mark.django_db
def test_the_menu_shows_them(client):
    client.force_login(UserFactory())
    page = client.get(reverse("notifications:list")).content.decode()
    for key in ("directory", "inbox", "mentorships", "progress", "growth", "notifications"):
        assert f'href="{reverse(MENU[key])}"' in page
    assert f'action="{reverse("account_logout")}"' in page
