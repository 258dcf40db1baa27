"""Domain errors carry their status; one middleware turns them into the refusal page."""

from __future__ import annotations

import pytest

from tandem.core.errors import DomainError, IllegalTransition, NotFound, RuleBroken
from tandem.core.lifecycle import Lifecycle

pytestmark = pytest.mark.urls("tandem.core.tests.refusing_urls")


class TestStatuses:
    def test_each_error_carries_its_status_and_field(self):
        assert [e.status for e in (DomainError("x"), NotFound("x"))] == [400, 404]
        assert IllegalTransition("x").status == RuleBroken("x").status == 409
        error = RuleBroken("Pick one.", field="slot")
        assert (error.message, error.field) == ("Pick one.", "slot")
        assert error.as_body() == {"detail": "Pick one.", "field": "slot"}


@pytest.mark.django_db
class TestRefusalPage:
    @pytest.mark.parametrize(
        ("kind", "status", "words"),
        [
            ("bad", 400, "That isn&#x27;t a step it can take."),
            ("illegal", 409, "It&#x27;s closed, so it can&#x27;t be paused now."),
            ("rule", 409, "Three is plenty."),
        ],
    )
    def test_a_refusal_shows_why_with_its_status(self, client, kind, status, words):
        response = client.get(f"/refuse/{kind}/")
        assert response.status_code == status
        html = response.content.decode()
        assert words in html
        assert "Nothing was changed." in html

    def test_not_found_is_the_plain_404_page(self, client):
        response = client.get("/refuse/missing/")
        assert response.status_code == 404
        assert b"We couldn't find that page" in response.content

    def test_go_back_leads_to_the_page_the_form_was_on(self, client):
        response = client.get("/refuse/rule/", HTTP_REFERER="http://testserver/mentorships/7/")
        assert response.context["back"] == "http://testserver/mentorships/7/"
        posted = client.post("/refuse/rule/", {"back": "/meetings/3/"})
        assert posted.context["back"] == "/meetings/3/"

    def test_go_back_never_leads_off_the_site(self, client):
        response = client.post(
            "/refuse/rule/", {"back": "https://evil.example/"},
            HTTP_REFERER="https://evil.example/phish",
        )  # fmt: skip
        assert response.context["back"] == "/"


class TestLifecycle:
    TABLE = Lifecycle(
        table={("open", "shut"): frozenset({"owner"}), ("shut", "open"): frozenset({"owner"})},
        labels={"open": "Open", "shut": "Shut"},
        illegal="It is {state}, so it can't be {to_state}.",
        not_your_move="That's the owner's to do.",
    )

    def test_a_move_in_the_table_for_the_role_passes(self):
        self.TABLE.check(state="open", to_state="shut", role="owner")
        assert self.TABLE.allows(state="open", to_state="shut", role="owner")
        assert self.TABLE.targets(state="open", role="owner") == ["shut"]

    def test_a_move_not_in_the_table_says_why(self):
        with pytest.raises(IllegalTransition, match="It is shut, so it can't be shut"):
            self.TABLE.check(state="shut", to_state="shut", role="owner")

    def test_another_roles_move_is_refused(self):
        with pytest.raises(IllegalTransition, match="owner's to do"):
            self.TABLE.check(state="open", to_state="shut", role="guest")
        assert not self.TABLE.allows(state="open", to_state="shut", role="guest")
        assert self.TABLE.targets(state="open", role="guest") == []
